// A delivered CloudTrail file is one JSON value ({"Records": […]}); DuckDB's JSON reader refuses values
// over maximum_object_size, 16 MiB unless raised. trailguard raises it per file group, so a large file
// is queried, where DuckDB's default fails on the same file.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudTrailDuckDb, runOverFiles } from "../../cli/query/duckdbEngine";
import { classifyInputFile } from "../../cli/query/inputLayout";
import { allFixtureRecords } from "./fixtureRecords";

let dir: string;
let file: string;
let count: number;
let textBytes: number;

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-query-large-"));
    const shapes = allFixtureRecords();
    const records: string[] = [];
    textBytes = 0;
    for (let i = 0; textBytes < 20 * 1024 * 1024; i++) {
        const text = JSON.stringify({ ...shapes[i % shapes.length], eventID: `large-${i}` });
        records.push(text);
        textBytes += text.length + 1;
    }
    count = records.length;
    file = path.join(dir, "111122223333_CloudTrail_us-east-1_large.json.gz");
    fs.writeFileSync(file, gzipSync(`{"Records":[${records.join(",")}]}`, { level: 1 }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a Records file larger than DuckDB's default maximum_object_size", () => {
    it("fails with DuckDB's defaults (so the next test means something)", async () => {
        const db = await DuckDBInstance.create(":memory:");
        const c = await db.connect();
        try {
            await expect(c.run(`SELECT count(*) FROM (SELECT unnest("Records") FROM read_json('${file}', format = 'unstructured', columns = {'Records': 'STRUCT("eventID" VARCHAR)[]'}))`)).rejects.toThrow(/maximum_object_size/);
        } finally {
            c.closeSync();
            db.closeSync();
        }
    });

    it("is read whole by trailguard's view", async () => {
        const classified = await classifyInputFile(file);
        if (!classified.ok) throw new Error(classified.message);
        expect(classified.input.textBytes).toBeGreaterThan(20 * 1024 * 1024);
        const db = await CloudTrailDuckDb.open({ memoryLimit: "1GB", threads: 1 });
        try {
            const { result, skipped } = await runOverFiles(db, [classified.input], "SELECT count(*) AS n, count(DISTINCT eventid) AS ids FROM cloudtrail", []);
            expect(skipped).toEqual([]);
            expect(result.rows).toEqual([[count, count]]);
        } finally {
            db.close();
        }
    });
});
