// `trailguard replay` and `trailguard lint-pattern` run as users run them: the built CLI in a child
// process, on real CloudTrail records laid out as CloudTrail delivers them.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { compileFilterPattern } from "../../core/filterPattern";
import { FIXTURE_DIR, editedRecord, pantherRecord, stratusRecord } from "../filterPattern/cloudTrailFixtures";

const cli = path.join(__dirname, "..", "..", "bin", "trailguard.js");

function trailguard(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
}

interface ReplayJson {
    events: number;
    files: number;
    alarms: Array<{ id: string; cis: string | null; securityHub: string | null; pattern: string; matches: number; eventIds: string[]; eventIdsTruncated: boolean }>;
    errors: Array<{ file: string; line: number; message: string }>;
}

let dir: string;
let logDir: string;
let jsonLines: string;

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-replay-"));
    // The S3 layout: AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>.json.gz, plus digests.
    logDir = path.join(dir, "AWSLogs", "123456789012", "CloudTrail", "us-east-1", "2024", "07", "31");
    fs.mkdirSync(logDir, { recursive: true });
    const records = [
        stratusRecord("aws.defense-evasion.cloudtrail-stop", "10163ed2-2253-469d-a5ee-cbc6651f8934"),
        stratusRecord("aws.initial-access.console-login-without-mfa", "865d9377-9c6b-4fd7-8aad-725e95f6a140"),
        stratusRecord("aws.credential-access.ec2-get-password-data", "450230d4-b39e-4a18-a6a0-d07a6e2105cb"),
        stratusRecord("aws.defense-evasion.cloudtrail-event-selectors", "c2a89408-340a-42f0-8ace-75d9f5769393"),
    ];
    fs.writeFileSync(path.join(logDir, "123456789012_CloudTrail_us-east-1_20240731T1305Z_a1.json.gz"), gzipSync(JSON.stringify({ Records: records })));
    const digestDir = path.join(dir, "AWSLogs", "123456789012", "CloudTrail-Digest", "us-east-1");
    fs.mkdirSync(digestDir, { recursive: true });
    fs.writeFileSync(path.join(digestDir, "123456789012_CloudTrail-Digest_us-east-1_x.json.gz"), gzipSync('{"awsAccountId":"123456789012"}'));
    fs.writeFileSync(path.join(dir, "README.txt"), "not a log file");
    // JSON lines exported from elsewhere: KMS DisableKey matches 4.7, DisableKeyRotation must not; one broken line.
    jsonLines = path.join(dir, "exported.jsonl");
    fs.writeFileSync(
        jsonLines,
        [
            JSON.stringify(pantherRecord("aws_kms_cmk_loss.yml", "KMS Key Disabled")),
            '{"eventID": "cut-off", "eventName": ',
            JSON.stringify(editedRecord("aws_kms_cmk_loss.yml", "KMS Key Disabled")),
        ].join("\n") + "\n",
    );
});

afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function alarm(report: ReplayJson, id: string): ReplayJson["alarms"][number] {
    const found = report.alarms.find((a) => a.id === id);
    if (!found) throw new Error(`no alarm ${id} in report`);
    return found;
}

describe("trailguard replay", () => {
    it("walks a CloudTrail S3 layout and JSON lines, counts matches per alarm and reports the broken line", () => {
        const run = trailguard("replay", dir, "--format", "json");
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout) as ReplayJson;
        expect(report.files).toBe(2);
        expect(report.events).toBe(6);
        expect(report.alarms.map((a) => a.id)).toEqual(MONITORING_CONTROLS.map((c) => c.id));
        expect(alarm(report, "cloudTrailConfigChanges")).toMatchObject({
            cis: "4.5",
            securityHub: "CloudWatch.5",
            matches: 1,
            eventIds: ["10163ed2-2253-469d-a5ee-cbc6651f8934"],
            eventIdsTruncated: false,
        });
        expect(alarm(report, "consoleSignInWithoutMfa")).toMatchObject({ matches: 1, eventIds: ["865d9377-9c6b-4fd7-8aad-725e95f6a140"] });
        expect(alarm(report, "unauthorizedApiCalls")).toMatchObject({ matches: 1, eventIds: ["450230d4-b39e-4a18-a6a0-d07a6e2105cb"] });
        expect(alarm(report, "kmsKeyDisableOrDeletion")).toMatchObject({ matches: 1, eventIds: ["1"] });
        expect(alarm(report, "organizationsChanges")).toMatchObject({ cis: "4.15", securityHub: null, matches: 0, eventIds: [] });
        expect(alarm(report, "rootAccountUsage").pattern).toBe(MONITORING_CONTROLS[2].pattern);
        expect(report.errors).toHaveLength(1);
        expect(report.errors[0]).toMatchObject({ file: jsonLines, line: 2 });
        expect(report.errors[0].message).toMatch(/^not valid JSON/);
    });

    it("counts exactly what the engine matches on the same records, on real Stratus Red Team files", () => {
        const stratusDir = path.join(FIXTURE_DIR, "stratus-red-team");
        const run = trailguard("replay", stratusDir, "--format", "json", "--max-event-ids", "1000");
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout) as ReplayJson;
        const records = fs
            .readdirSync(stratusDir)
            .filter((f) => f.endsWith(".json"))
            .flatMap((f) => JSON.parse(fs.readFileSync(path.join(stratusDir, f), "utf8")) as unknown[]);
        expect(report.events).toBe(records.length);
        for (const control of MONITORING_CONTROLS) {
            const expected = records.filter(compileFilterPattern(control.pattern));
            expect(alarm(report, control.id).matches, control.id).toBe(expected.length);
            expect(alarm(report, control.id).eventIds.sort()).toEqual(expected.map((r) => (r as { eventID: string }).eventID).sort());
        }
        expect(alarm(report, "unauthorizedApiCalls").matches).toBeGreaterThan(0);
    });

    it("lists at most --max-event-ids ids and says when there were more", () => {
        const report = JSON.parse(trailguard("replay", path.join(FIXTURE_DIR, "stratus-red-team"), "--format", "json", "--max-event-ids", "2").stdout) as ReplayJson;
        const unauthorized = alarm(report, "unauthorizedApiCalls");
        expect(unauthorized.eventIds).toHaveLength(2);
        expect(unauthorized.matches).toBeGreaterThan(2);
        expect(unauthorized.eventIdsTruncated).toBe(true);
    });

    it("prints a table per alarm in text format", () => {
        const run = trailguard("replay", dir);
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/^6 events in 2 files, 15 alarm patterns$/m);
        expect(run.stdout).toMatch(/^4\.5\s+CloudWatch\.5\s+cloudTrailConfigChanges\s+1$/m);
        expect(run.stdout).toMatch(/^4\.15\s+-\s+organizationsChanges\s+0$/m);
        expect(run.stdout).toContain(`${jsonLines}:2: not valid JSON`);
    });

    it("reports a path that cannot be read and still replays the others", () => {
        const missing = path.join(dir, "missing.json.gz");
        const run = trailguard("replay", missing, jsonLines, "--format", "json");
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout) as ReplayJson;
        expect(report.events).toBe(2);
        expect(report.errors[0]).toEqual({ file: missing, line: 0, message: "cannot read: no such file or directory" });
    });

    it("exits 2 with one message when no input can be read", () => {
        const run = trailguard("replay", path.join(dir, "missing.json"));
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe(`trailguard: no readable CloudTrail log files: ${path.join(dir, "missing.json")}: no such file or directory\n`);
    });

    it("exits 2 when a directory holds no CloudTrail log files", () => {
        const empty = fs.mkdtempSync(path.join(dir, "empty-"));
        const run = trailguard("replay", empty);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/no CloudTrail log files .* found in /);
    });

    it("rejects a bad --max-event-ids as a usage error", () => {
        const run = trailguard("replay", dir, "--max-event-ids", "many");
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('expected a whole number, got "many"');
    });
});

describe("trailguard lint-pattern", () => {
    it("prints the reading and the warning for the mixed CIS 4.1 variant, exit 0 (1 with --strict)", () => {
        const pattern = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivered.ssm.amazonaws.com") }';
        const run = trailguard("lint-pattern", pattern);
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('{ $.errorCode = "*UnauthorizedOperation" || ($.errorCode = "AccessDenied*" && $.sourceIPAddress != "delivered.ssm.amazonaws.com") }');
        expect(run.stdout).toContain("└─ AND (all of)");
        expect(run.stdout).toContain("mixed-and-or-without-parentheses at position 78");
        expect(trailguard("lint-pattern", "--strict", pattern).status).toBe(1);
    });

    it("shows where a pattern stops parsing and exits 1", () => {
        const run = trailguard("lint-pattern", '{ $.a = "x" & $.b = 1 }');
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('{ $.a = "x" & $.b = 1 }\n            ^ at position 12: expected "&&", "||" or "}" to close the pattern, found "&"\n');
    });

    it("gives JSON with the warnings, or the error's position and expectation", () => {
        const clean = JSON.parse(trailguard("lint-pattern", MONITORING_CONTROLS[0].pattern, "--format", "json").stdout);
        expect(clean).toMatchObject({ ok: true, warnings: [], tree: { kind: "or" } });
        const broken = JSON.parse(trailguard("lint-pattern", "{ $.latency > fast }", "--format", "json").stdout);
        expect(broken).toMatchObject({ ok: false, error: { position: 14 } });
        expect(broken.error.expected).toContain("a number");
    });
});
