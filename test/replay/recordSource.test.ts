// The streaming reader on every layout CloudTrail logs come in, split at every possible chunk size,
// and on broken input.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordScanner } from "../../cli/replay/recordScanner";
import { readRecordFile } from "../../cli/replay/recordSource";
import { FIXTURE_DIR } from "../filterPattern/cloudTrailFixtures";

const STRATUS_FILE = path.join(FIXTURE_DIR, "stratus-red-team", "aws.credential-access.ec2-get-password-data.json");
const REAL: Array<Record<string, unknown>> = JSON.parse(fs.readFileSync(STRATUS_FILE, "utf8"));
/** A record whose strings contain everything that could confuse a bracket counter. */
const TRICKY = { eventID: "tricky", s: 'a"b\\', list: ["Records", "]}", '\\\\"', "{["], Records: [1], nested: { Records: { x: "]" } } };

let dir: string;
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-records-"));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

interface Read {
    records: Array<Record<string, unknown>>;
    lines: number[];
    problems: Array<[number, string]>;
}

async function read(name: string, content: string | Buffer): Promise<Read> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const out: Read = { records: [], lines: [], problems: [] };
    await readRecordFile(file, {
        record: (r, line) => {
            out.records.push(r);
            out.lines.push(line);
        },
        problem: (line, message) => out.problems.push([line, message]),
    });
    return out;
}

function scanInChunks(text: string, size: number): { texts: string[]; problems: string[] } {
    const texts: string[] = [];
    const problems: string[] = [];
    const scanner = new RecordScanner({ record: (t) => texts.push(t), problem: (line, m) => problems.push(`${line}: ${m}`) });
    for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
    scanner.end();
    return { texts, problems };
}

describe("RecordScanner", () => {
    const records = [...REAL.slice(0, 3), TRICKY];
    const bare = [...REAL.slice(0, 3), { ...TRICKY, Records: undefined }].map((r) => JSON.parse(JSON.stringify(r)));
    const layouts: Array<[string, string, unknown[]]> = [
        ["a JSON array", JSON.stringify(records), records],
        ["a CloudTrail log file", JSON.stringify({ Records: records }), records],
        ["a pretty-printed log file", JSON.stringify({ Records: records }, null, 4), records],
        ["log files back to back", JSON.stringify({ Records: records }) + JSON.stringify({ Records: [REAL[5]] }), [...records, REAL[5]]],
        // A top-level object with a Records array is a log file, so the bare objects here have none.
        ["bare objects", bare.map((r) => JSON.stringify(r)).join("\n"), bare],
        ["an empty log file", '{"Records":[]}', []],
    ];
    for (const [what, text, expected] of layouts) {
        it(`splits ${what} into its records at every chunk size`, () => {
            for (const size of [1, 2, 3, 5, 8, 13, 64, 4096, text.length]) {
                const { texts, problems } = scanInChunks(text, size);
                expect(problems, `chunk size ${size}`).toEqual([]);
                expect(texts.map((t) => JSON.parse(t)), `chunk size ${size}`).toEqual(expected);
            }
        });
    }

    it("reports a truncated file with the line the unfinished record starts on", () => {
        const text = JSON.stringify({ Records: REAL.slice(0, 2) }, null, 2);
        const { texts, problems } = scanInChunks(text.slice(0, text.length - 200), 100);
        expect(texts).toHaveLength(1);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/unexpected end of file inside the record starting on line \d+/);
    });

    it("stops at mismatched brackets", () => {
        expect(scanInChunks('[{"a": 1]', 4).problems).toEqual(['1: unexpected "]"']);
    });
});

describe("readRecordFile", () => {
    it("reads Stratus Red Team's pretty-printed JSON array with the line each record starts on", async () => {
        const out = await read("stratus.json", fs.readFileSync(STRATUS_FILE));
        expect(out.problems).toEqual([]);
        expect(out.records).toEqual(REAL);
        const text = fs.readFileSync(STRATUS_FILE, "utf8").split("\n");
        for (const line of out.lines) expect(text[line - 1].trim()).toBe("{");
    });

    it("reads a gzipped CloudTrail log file as delivered to S3, whatever its name", async () => {
        const gz = gzipSync(JSON.stringify({ Records: REAL }));
        expect((await read("123456789012_CloudTrail_us-east-1_20240731T1305Z_abc.json.gz", gz)).records).toEqual(REAL);
        expect((await read("no-extension", gz)).records).toEqual(REAL);
    });

    it("reads JSON lines, skipping blank lines and CRLF endings, with line numbers", async () => {
        const content = `${JSON.stringify(REAL[0])}\r\n\r\n${JSON.stringify(REAL[1])}\n`;
        const out = await read("events.jsonl", content);
        expect(out.records).toEqual([REAL[0], REAL[1]]);
        expect(out.lines).toEqual([1, 3]);
    });

    it("reads log files one per line (zcat of many files)", async () => {
        const content = `${JSON.stringify({ Records: REAL.slice(0, 2) })}\n${JSON.stringify({ Records: REAL.slice(2, 3) })}\n`;
        expect((await read("many.jsonl", content)).records).toEqual(REAL.slice(0, 3));
    });

    it("reports malformed lines and non-object records by line and keeps going", async () => {
        const content = [JSON.stringify(REAL[0]), '{"eventID": "broken", ', "42", JSON.stringify(REAL[1])].join("\n");
        const out = await read("mixed.jsonl", content);
        expect(out.records).toEqual([REAL[0], REAL[1]]);
        expect(out.problems.map(([line]) => line)).toEqual([2, 3]);
        expect(out.problems[0][1]).toMatch(/^not valid JSON/);
        expect(out.problems[1][1]).toMatch(/^expected a CloudTrail record \(a JSON object\), found 42/);
    });

    it("reports a malformed record inside a log file and reads the others", async () => {
        const content = `{"Records": [${JSON.stringify(REAL[0])},\n{"eventID": tru},\n${JSON.stringify(REAL[1])}]}`;
        const out = await read("one-bad.json", content);
        expect(out.records).toEqual([REAL[0], REAL[1]]);
        expect(out.problems).toHaveLength(1);
        expect(out.problems[0][0]).toBe(2);
    });

    it("reports a corrupt gzip file instead of failing the run", async () => {
        const gz = gzipSync(JSON.stringify({ Records: REAL }));
        const out = await read("truncated.json.gz", gz.subarray(0, gz.length - 40));
        expect(out.problems.length).toBeGreaterThan(0);
        expect(out.problems[out.problems.length - 1][1]).toMatch(/gzip|unexpected end of file/);
    });

    it("rejects when the file cannot be opened", async () => {
        await expect(readRecordFile(path.join(dir, "missing.json"), { record: () => undefined, problem: () => undefined })).rejects.toThrow(/ENOENT/);
    });
});
