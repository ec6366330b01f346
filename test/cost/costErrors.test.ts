// A user's mistake in `trailguard cost` gets one line naming the flag or file, the value and what
// was expected, exit code 2, no stack trace, and leaves an existing chart file as it was.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { afterAll, describe, expect, it } from "vitest";
import { shippedStackNames } from "../support/shippedStacks";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";

const cli = path.join(__dirname, "..", "..", "bin", "trailguard.js");
const insecureTrail = path.join(__dirname, "..", "fixtures", "check", "insecure-trail");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-cost-errors-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(relative: string, content: string | Buffer): string {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
}

function cost(...args: string[]) {
    const run = spawnSync(process.execPath, [cli, "cost", ...args], { encoding: "utf8" });
    return { status: run.status, stdout: run.stdout, lines: run.stderr.trimEnd().split("\n") };
}

const logDir = (name: string, file: string, content: Buffer) => {
    write(path.join(name, "AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01", file), content);
    return path.join(dir, name);
};

const pricesWith = (edit: (table: any) => void) => {
    const table = JSON.parse(JSON.stringify(US_EAST_1_PRICES));
    edit(table);
    return write(`prices-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(table));
};

describe("trailguard cost: one line per mistake", () => {
    const cases: [string, string[], RegExp][] = [
        ["an unknown stack", ["--stack", "nope"], new RegExp(`no stack 'nope': .*Pulumi\\.nope\\.yaml does not exist \\(stacks: ${shippedStackNames().join(", ")}\\)`)],
        ["events per day that are not a number", ["--stack", "dev", "--events-per-day", "lots"], /--events-per-day.*'lots'.*expected a number of events per day greater than 0/],
        ["a missing --from-logs directory", ["--stack", "dev", "--from-logs", path.join(dir, "absent")], /--from-logs .*absent: the directory does not exist; expected a directory holding AWSLogs\//],
        ["a directory without CloudTrail files", ["--stack", "dev", "--from-logs", path.join(dir, "empty")], /--from-logs .*empty: no CloudTrail log files found; expected AWSLogs\//],
        ["a log file that is not gzip", ["--stack", "dev", "--from-logs", logDir("notgzip", "a.json.gz", Buffer.from("{}"))], /--from-logs: .*a\.json\.gz: not a gzip file/],
        ["a log file without Records", ["--stack", "dev", "--from-logs", logDir("norecords", "b.json.gz", zlib.gzipSync('{"records": []}'))], /--from-logs: .*b\.json\.gz: no "Records" list/],
        ["a missing price file", ["--stack", "dev", "--prices", path.join(dir, "nothere.json")], /--prices .*nothere\.json: cannot read it: no such file or directory$/],
        ["a price file that is not JSON", ["--stack", "dev", "--prices", write("broken.json", "{ usd: ")], /--prices .*broken\.json: not JSON/],
        ["a price that is text", ["--stack", "dev", "--prices", pricesWith((t) => (t.s3.storagePerGbMonth.GLACIER.usd = "cheap"))], /--prices .*: s3\.storagePerGbMonth\.GLACIER\.usd: expected a price in USD \(a number\)/],
        ["a price without its source", ["--stack", "dev", "--prices", pricesWith((t) => (t.kms.keyMonth.source = "the internet"))], /--prices .*: kms\.keyMonth\.source: expected the URL of the page that states the price/],
        ["a price file missing a figure", ["--stack", "dev", "--prices", pricesWith((t) => delete t.sns.publishPer1M)], /--prices .*: sns\.publishPer1M: missing; every figure of the built-in table must be given/],
        ["a chart that is not .svg", ["--stack", "dev", "--chart", path.join(dir, "chart.png")], /--chart .*chart\.png: expected a file name ending in \.svg/],
        ["a chart in a missing directory", ["--stack", "dev", "--chart", path.join(dir, "no", "such", "chart.svg")], /--chart .*chart\.svg: the folder .*such does not exist; create it first$/],
        ["a chart path that is a directory", ["--stack", "dev", "--chart", write("dir.svg/keep", "") && path.join(dir, "dir.svg")], /--chart .*dir\.svg: is a directory; expected the path of a file to write the chart to$/],
        ["a --program that is not a directory", ["--stack", "dev", "--program", path.join(dir, "nowhere")], /^trailguard: --program .*nowhere: not a directory$/],
        ["a stack of a program without trailguard config", ["--stack", "qa", "--program", insecureTrail], /Pulumi\.qa\.yaml: not a trailguard stack: it sets no trailguard: keys/],
    ];
    fs.mkdirSync(path.join(dir, "empty"));

    it.each(cases)("%s", (_name, args, message) => {
        const run = cost(...args);
        expect(run.status).toBe(2);
        expect(run.lines[0]).toMatch(message);
        // commander follows its own usage errors with the help text; every other mistake is the one line.
        if (!args.includes("--events-per-day")) expect(run.lines).toHaveLength(1);
        expect(run.lines.join("\n")).not.toMatch(/\n\s+at /);
        expect(run.stdout).toBe("");
    });

    it("keeps an existing chart when the run fails", () => {
        const chart = write("kept.svg", "<svg>old</svg>");
        const run = cost("--stack", "dev", "--chart", chart, "--prices", path.join(dir, "nothere.json"));
        expect(run.status).toBe(2);
        expect(fs.readFileSync(chart, "utf8")).toBe("<svg>old</svg>");
    });
});
