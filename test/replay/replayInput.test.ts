// What `trailguard replay` does with input that is not what it expects (JSON that is not CloudTrail,
// a `Records` that is not a list, records wrapped in test-case objects) and with the other ways
// records arrive: one pretty-printed record, standard input, a FIFO. Run as users run it: the built
// CLI in a child process.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { compileFilterPattern } from "../../core/filterPattern";
import { FIXTURE_DIR, stratusRecord } from "../filterPattern/cloudTrailFixtures";

const cli = path.join(__dirname, "..", "..", "bin", "trailguard.js");
const PANTHER_LINES = path.join(FIXTURE_DIR, "panther-analysis", "records.jsonl");
const STRATUS_FILE = path.join(FIXTURE_DIR, "stratus-red-team", "aws.credential-access.ec2-get-password-data.json");

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

function trailguard(args: string[], input?: string | Buffer): Run {
    return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", input });
}

interface ReplayJson {
    events: number;
    files: number;
    alarms: Array<{ id: string; matches: number; eventIds: string[] }>;
    errors: Array<{ file: string; line: number; message: string }>;
}

let dir: string;
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-replay-input-"));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
}

const stopLogging = stratusRecord("aws.defense-evasion.cloudtrail-stop", "10163ed2-2253-469d-a5ee-cbc6651f8934");

describe("replay: input that is not CloudTrail", () => {
    it("names a file of JSON objects none of which is a CloudTrail record, says what was expected, and exits 2", () => {
        const file = write("metrics.jsonl", '{"metric": "cpu", "value": 3}\n{"metric": "mem", "value": 5}\n');
        const run = trailguard(["replay", file, "--format", "json"]);
        expect(run.status).toBe(2);
        expect(run.stderr).toContain("no CloudTrail record");
        const report = JSON.parse(run.stdout) as ReplayJson;
        expect(report.events).toBe(0);
        expect(report.errors).toEqual([
            {
                file,
                line: 1,
                message: expect.stringMatching(/^no CloudTrail records: none of its 2 JSON objects has eventName, eventSource or eventTime; expected CloudTrail records: a log file \{"Records": \[\.\.\.\]\}/),
            },
        ]);
    });

    it("says when Records is not an array", () => {
        const file = write("records-object.json", JSON.stringify({ Records: { first: stopLogging } }, null, 2));
        const run = trailguard(["replay", file, "--format", "json"]);
        expect(run.status).toBe(2);
        const report = JSON.parse(run.stdout) as ReplayJson;
        expect(report.errors).toEqual([{ file, line: 1, message: '"Records" is an object, expected an array of CloudTrail records' }]);
    });

    it("recognises records wrapped as {source, test, record} (panther-analysis' test cases) and says how to unwrap them", () => {
        const run = trailguard(["replay", PANTHER_LINES, "--format", "json"]);
        expect(run.status).toBe(2);
        const report = JSON.parse(run.stdout) as ReplayJson;
        const lines = fs.readFileSync(PANTHER_LINES, "utf8").split("\n").filter((l) => l.trim() !== "").length;
        expect(report.errors).toHaveLength(1);
        expect(report.errors[0].message).toBe(
            `no CloudTrail records: none of its ${lines} JSON objects has eventName, eventSource or eventTime; ` +
                `each wraps a CloudTrail record as {"source", "test", "record"}: expected the record itself (e.g. jq -c '.record')`,
        );
    });

    it("reads the CloudTrail records of a run and reports only the file that holds none, with exit 0", () => {
        const good = write("good.json", JSON.stringify({ Records: [stopLogging] }));
        const bad = write("bad.jsonl", '{"hello": "world"}\n');
        const run = trailguard(["replay", good, bad, "--format", "json"]);
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout) as ReplayJson;
        expect(report.events).toBe(1);
        expect(report.errors.map((e) => e.file)).toEqual([bad]);
    });

    it("counts only CloudTrail records as events and names the skipped objects' first line", () => {
        const file = write("mixed.jsonl", [JSON.stringify(stopLogging), '{"note": "exported by hand"}', JSON.stringify(stopLogging)].join("\n") + "\n");
        const report = JSON.parse(trailguard(["replay", file, "--format", "json"]).stdout) as ReplayJson;
        expect(report.events).toBe(2);
        expect(report.errors).toEqual([
            { file, line: 2, message: expect.stringMatching(/^1 JSON object without eventName, eventSource or eventTime skipped \(first on line 2\)/) },
        ]);
    });
});

describe("replay: other ways in", () => {
    /** Matches per alarm, computed by the engine directly on the records: the independent count. */
    function expectedMatches(records: Array<Record<string, unknown>>): Record<string, number> {
        return Object.fromEntries(MONITORING_CONTROLS.map((c) => [c.id, records.filter(compileFilterPattern(c.pattern)).length]));
    }
    const matches = (report: ReplayJson) => Object.fromEntries(report.alarms.map((a) => [a.id, a.matches]));

    it("reads a file holding one pretty-printed record", () => {
        const file = write("one-record.json", JSON.stringify(stopLogging, null, 2) + "\n");
        const run = trailguard(["replay", file, "--format", "json"]);
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout) as ReplayJson;
        expect(report).toMatchObject({ events: 1, errors: [] });
        expect(matches(report)).toEqual(expectedMatches([stopLogging]));
        expect(matches(report)["cloudTrailConfigChanges"]).toBe(1);
    });

    it("reads several pretty-printed records back to back", () => {
        const second = { ...stopLogging, eventID: "second" };
        const file = write("two-records.json", JSON.stringify(stopLogging, null, 4) + "\n" + JSON.stringify(second, null, 4));
        const report = JSON.parse(trailguard(["replay", file, "--format", "json"]).stdout) as ReplayJson;
        expect(report.events).toBe(2);
        expect(report.alarms.find((a) => a.id === "cloudTrailConfigChanges")!.eventIds).toEqual([stopLogging["eventID"], "second"]);
    });

    it("reads standard input for -, plain and gzipped", () => {
        const text = fs.readFileSync(STRATUS_FILE, "utf8");
        const records = JSON.parse(text) as Array<Record<string, unknown>>;
        for (const input of [text, gzipSync(text)]) {
            const run = trailguard(["replay", "-", "--format", "json"], input);
            expect(run.stderr).toBe("");
            expect(run.status).toBe(0);
            const report = JSON.parse(run.stdout) as ReplayJson;
            expect(report).toMatchObject({ files: 1, events: records.length, errors: [] });
            expect(matches(report)).toEqual(expectedMatches(records));
        }
    });

    it("reads a FIFO (named pipe) as it is written", async () => {
        const fifo = path.join(dir, "records.fifo");
        const made = spawnSync("mkfifo", [fifo]);
        expect(made.status).toBe(0);
        const records = JSON.parse(fs.readFileSync(STRATUS_FILE, "utf8")) as Array<Record<string, unknown>>;
        const child = spawn(process.execPath, [cli, "replay", fifo, "--format", "json"], { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        // Written in two parts, as a producer streaming into the pipe would.
        const writer = fs.createWriteStream(fifo);
        const lines = records.map((r) => JSON.stringify(r) + "\n");
        writer.write(lines.slice(0, 2).join(""));
        writer.end(lines.slice(2).join(""));
        const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
        expect(stderr).toBe("");
        expect(status).toBe(0);
        const report = JSON.parse(stdout) as ReplayJson;
        expect(report).toMatchObject({ files: 1, events: records.length, errors: [] });
        expect(matches(report)).toEqual(expectedMatches(records));
    });
});

describe("replay: terminal safety", () => {
    it("never passes control characters from file names or records to the terminal", () => {
        // ESC ] 0 ; … BEL sets a terminal's window title.
        const setTitle = "\u001b]0;owned\u0007";
        const file = write(`${setTitle}.jsonl`, `{"eventName": "x", "broken": ${setTitle}\n${JSON.stringify(stopLogging)}\n`);
        const run = trailguard(["replay", file]);
        expect(run.status).toBe(0);
        const output = run.stdout + run.stderr;
        expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        expect(run.stdout).toContain("\\x1b]0;owned\\x07.jsonl:1: not valid JSON");
    });
});
