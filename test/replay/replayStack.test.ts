// `trailguard replay --stack`: the alarms a stack actually deploys (catalogue after its overrides,
// plus its custom alarms) are the ones replayed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsFromConfig } from "../../config/validateConfig";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { stratusRecord } from "../filterPattern/cloudTrailFixtures";

const root = path.join(__dirname, "..", "..");
const cli = path.join(root, "bin", "trailguard.js");
let dir: string;
let logFile: string;

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-replay-stack-"));
    logFile = path.join(dir, "records.json");
    const stop = stratusRecord("aws.defense-evasion.cloudtrail-stop", "10163ed2-2253-469d-a5ee-cbc6651f8934");
    fs.writeFileSync(logFile, JSON.stringify({ Records: [stop] }));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("replay --stack", () => {
    it("replays exactly the enabled alarms of the stack, custom ones included", () => {
        const values = readStackConfigFile(path.join(root, "stacks", "Pulumi.prod.yaml"), "trailguard").values;
        const expected = settingsFromConfig(values, "prod").alarms.alarms.filter((a) => a.enabled);
        expect(expected.some((a) => a.source === "custom")).toBe(true);

        const run = spawnSync(process.execPath, [cli, "replay", logFile, "--stack", "prod", "--format", "json"], { encoding: "utf8" });
        expect(run.status, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout) as { events: number; alarms: Array<{ id: string; pattern: string; matches: number }> };
        expect(report.events).toBe(1);
        expect(report.alarms.map((a) => a.id)).toEqual(expected.map((a) => a.id));
        expect(report.alarms.map((a) => a.pattern)).toEqual(expected.map((a) => a.pattern));
        expect(report.alarms.find((a) => a.id === "cloudTrailConfigChanges")?.matches).toBe(1);
        // The delivery heartbeat watches a metric, not events: prod deploys it, replay has nothing to run.
        expect(settingsFromConfig(values, "prod").alarms.deliveryHeartbeat.enabled).toBe(true);
        expect(report.alarms.map((a) => a.id)).not.toContain("trailDeliveryStopped");
    });

    it("names an unknown stack and exits 2", () => {
        const run = spawnSync(process.execPath, [cli, "replay", logFile, "--stack", "nope"], { encoding: "utf8" });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/no stack 'nope'/);
        expect(run.stderr).not.toMatch(/^\s+at /m);
    });
});
