// `trailguard query` as users run it: the built CLI in a child process, on real CloudTrail records in
// the layouts CloudTrail and tools produce, and the mistakes users make, each one clear line.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_CATALOGUE } from "../../core/queries/catalogue";
import { FIXTURE_DIR } from "../filterPattern/cloudTrailFixtures";
import { writeAwsLogs, type CtRecord } from "./fixtureRecords";

const cli = path.join(__dirname, "..", "..", "bin", "trailguard.js");
const trailguard = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

let dir: string;
let logs: string;
let records: CtRecord[];
const STOP = path.join(FIXTURE_DIR, "stratus-red-team", "aws.defense-evasion.cloudtrail-stop.json");
const PASSWORD = path.join(FIXTURE_DIR, "stratus-red-team", "aws.credential-access.ec2-get-password-data.json");

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-query-cli-"));
    records = JSON.parse(fs.readFileSync(PASSWORD, "utf8"));
    logs = writeAwsLogs(records, path.join(dir, "logs"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("trailguard query", () => {
    it("--list names every catalogue query", () => {
        const run = trailguard("query", "--list");
        expect(run.status).toBe(0);
        for (const q of QUERY_CATALOGUE) expect(run.stdout).toMatch(new RegExp(`^${q.id}  ${q.title.replace(/[()]/g, "\\$&")}$`, "m"));
        const json = JSON.parse(trailguard("query", "--list", "--format", "json").stdout) as Array<{ id: string; sql: string }>;
        expect(json.map((q) => q.id)).toEqual(QUERY_CATALOGUE.map((q) => q.id));
    });

    it("--sql counts what the file holds, walking AWSLogs/ and skipping the digest, in JSON", () => {
        const run = trailguard("query", "--sql", "SELECT eventname, count(*) AS n FROM cloudtrail GROUP BY eventname ORDER BY eventname", logs, "--format", "json");
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        // By hand from ORIGIN.md: 30 GetPasswordData, 4 AssumeRole.
        expect(JSON.parse(run.stdout)).toEqual({ columns: ["eventname", "n"], rows: [["AssumeRole", 4], ["GetPasswordData", 30]] });
    });

    it("reads JSON lines whose lines are whole {\"Records\"} files (zcat of many log files)", () => {
        const catted = path.join(dir, "catted.json");
        fs.writeFileSync(catted, `${JSON.stringify({ Records: records.slice(0, 3) })}\n${JSON.stringify({ Records: records.slice(3, 10) })}\n`);
        const run = trailguard("query", "--sql", "SELECT count(*) AS n, count(DISTINCT eventid) AS ids FROM cloudtrail", catted, "--format", "json");
        expect(run.stderr).toBe("");
        expect(JSON.parse(run.stdout).rows).toEqual([[10, new Set(records.slice(0, 10).map((r) => r.eventID)).size]]);
    });

    it("reads gzipped JSON lines, and gzip whatever the file is called", () => {
        const lines = records.map((r) => JSON.stringify(r)).join("\n") + "\n";
        fs.writeFileSync(path.join(dir, "events.jsonl.gz"), gzipSync(lines));
        fs.writeFileSync(path.join(dir, "misnamed.json"), gzipSync(JSON.stringify({ Records: records.slice(0, 5) })));
        const run = trailguard("query", "--sql", "SELECT count(*) AS n FROM cloudtrail", path.join(dir, "events.jsonl.gz"), path.join(dir, "misnamed.json"), "--format", "json");
        expect(run.stderr).toBe("");
        expect(JSON.parse(run.stdout).rows).toEqual([[records.length + 5]]);
    });

    it("fills the partition columns from the AWSLogs/ path", () => {
        const run = trailguard("query", "--sql", 'SELECT DISTINCT account, "timestamp" FROM cloudtrail ORDER BY 1, 2', logs, "--format", "csv");
        expect(run.status).toBe(0);
        const days = [...new Set(records.map((r) => `${/^\d{12}$/.test(r.recipientAccountId) ? r.recipientAccountId : "111122223333"},${r.eventTime.slice(0, 10).replace(/-/g, "/")}`))].sort();
        expect(run.stdout).toBe(["account,timestamp", ...days].join("\n") + "\n");
    });

    it("takes the partition columns of an organization trail's path, organization id skipped", () => {
        const folder = path.join(dir, "org", "AWSLogs", "o-abc123def4", "123456789012", "CloudTrail", "eu-west-1", "2024", "07", "31");
        fs.mkdirSync(folder, { recursive: true });
        fs.copyFileSync(STOP, path.join(folder, "123456789012_CloudTrail_eu-west-1_20240731T1200Z_x.json"));
        const run = trailguard("query", "--sql", 'SELECT account, region, "timestamp", count(*) AS n FROM cloudtrail GROUP BY 1, 2, 3', path.join(dir, "org"), "--format", "json");
        expect(run.stderr).toBe("");
        expect(JSON.parse(run.stdout).rows).toEqual([["123456789012", "eu-west-1", "2024/07/31", 1]]);
    });

    it("runs a catalogue query with --param and prints CSV with quoting", () => {
        const run = trailguard("query", "sourceIpActivity", "--param", `sourceIp=${records[0]!.sourceIPAddress}`, PASSWORD, "--format", "csv");
        expect(run.status).toBe(0);
        const lines = run.stdout.trimEnd().split("\n");
        expect(lines[0]).toBe("eventtime,eventsource,eventname,awsregion,sourceipaddress,principal,accesskeyid,errorcode,eventid");
        expect(lines).toHaveLength(1 + records.filter((r) => r.sourceIPAddress === records[0]!.sourceIPAddress).length);
        // RFC 4180 quoting, by hand: a comma or a quote puts the cell in quotes, quotes doubled; NULL is empty.
        const quoted = trailguard("query", "--sql", `SELECT 'a,"b"' AS x, eventname, errorcode FROM cloudtrail`, STOP, "--format", "csv");
        expect(quoted.stdout).toBe('x,eventname,errorcode\n"a,""b""",StopLogging,\n');
    });

    it("prints a table by default, with no progress line when stderr is not a terminal", () => {
        const run = trailguard("query", "auditTrailTampering", STOP);
        expect(run.status).toBe(0);
        expect(run.stderr).toBe("");
        expect(run.stdout).toMatch(/^eventtime\s+eventsource\s+eventname/);
        expect(run.stdout).toMatch(/cloudtrail\.amazonaws\.com\s+StopLogging/);
        expect(run.stdout).toMatch(/^\(1 row\)$/m);
    });

    it("reports unreadable, non-CloudTrail and corrupt files on one line each and queries the rest", () => {
        const notCloudTrail = path.join(dir, "other.json");
        fs.writeFileSync(notCloudTrail, JSON.stringify({ name: "not a trail", items: [1, 2] }) + "\n");
        const badGzip = path.join(dir, "bad.json.gz");
        fs.writeFileSync(badGzip, gzipSync(JSON.stringify({ Records: records.slice(0, 2) })).subarray(0, 40));
        const broken = path.join(dir, "broken.json");
        fs.writeFileSync(broken, `{"Records": [${JSON.stringify(records[0])}, {"eventTime": "2024-07-30T00:00:00Z", "eventName": oops}]}`);
        const missing = path.join(dir, "missing.json.gz");
        const run = trailguard("query", "--sql", "SELECT count(*) AS n FROM cloudtrail", STOP, notCloudTrail, badGzip, broken, missing, "--format", "json");
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual({ columns: ["n"], rows: [[1]] });
        const lines = run.stderr.trimEnd().split("\n");
        expect(lines).toHaveLength(4);
        expect(lines).toContain(`trailguard: skipped ${missing}: no such file or directory`);
        expect(lines.find((l) => l.includes(notCloudTrail))).toMatch(/: line 1 has keys name, items; expected CloudTrail records/);
        expect(lines.find((l) => l.includes(badGzip))).toMatch(/^trailguard: skipped .*bad\.json\.gz: /);
        expect(lines.find((l) => l.includes(broken))).toMatch(/^trailguard: skipped .*broken\.json: .*JSON/i);
        for (const l of lines) expect(l).not.toMatch(/ENOENT|\n|at .*\.js:\d+/);
    });

    it.each([
        ["an unknown id", ["query", "nope", STOP], /^trailguard: unknown query "nope"; expected one of principalActivity, /],
        ["a missing required parameter", ["query", "principalActivity", STOP], /^trailguard: --param principal: required by "principalActivity"/],
        ["bad --param syntax", ["query", "principalActivity", "--param", "principal", STOP], /^error: option '--param <name=value>' argument 'principal' is invalid\. expected name=value/],
        ["a malformed parameter value", ["query", "rootActivity", "--param", "start=yesterday", STOP], /^trailguard: --param start: got "yesterday", expected an ISO 8601 date/],
        ["no readable input", ["query", "rootActivity", path.join(os.tmpdir(), "no-such-trailguard-file.json")], /^trailguard: no readable CloudTrail log files: .*no-such-trailguard-file\.json: no such file or directory$/],
        ["no paths", ["query", "rootActivity"], /^trailguard: expected CloudTrail log files or directories/],
        ["a malformed memory limit", ["query", "rootActivity", "--memory-limit", "lots", STOP], /^error: option '--memory-limit <size>' argument 'lots' is invalid\. expected a size such as 512MB/],
        ["SQL DuckDB rejects", ["query", "--sql", "SELECT nosuch FROM cloudtrail", STOP], /^trailguard: --sql: .*"nosuch"/],
        ["a statement that is not a SELECT", ["query", "--sql", "DROP VIEW cloudtrail", STOP], /^trailguard: --sql: only SELECT statements are run$/],
    ])("%s gives one clear line and exit code 2", (_what, args, message) => {
        const run = trailguard(...args);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr.split("\n")[0]).toMatch(message);
        expect(run.stderr).not.toMatch(/ at .*\.js:\d+/);
    });

    it("reports a non-CloudTrail file given alone as the reason nothing ran", () => {
        const notCloudTrail = path.join(dir, "alone.jsonl");
        fs.writeFileSync(notCloudTrail, '{"level":"info","msg":"hello"}\n');
        const run = trailguard("query", "rootActivity", notCloudTrail);
        expect(run.status).toBe(2);
        expect(run.stderr).toBe(`trailguard: no readable CloudTrail log files: ${notCloudTrail}: line 1 has keys level, msg; expected CloudTrail records (objects with "eventTime" and "eventName")\n`);
    });
});
