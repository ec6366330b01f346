// Every catalogue query run on DuckDB over the real fixture records, in both layouts (JSON lines, and
// `{"Records"}` .json.gz under AWSLogs/), against the answer a plain TypeScript filter over the parsed
// records gives (expectedResults.ts). Same rows, and in the order the query promises.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_CATALOGUE } from "../../core/queries/catalogue";
import { resolveQueryParameters } from "../../core/queries/queryParameters";
import { CloudTrailDuckDb, runOverFiles } from "../../cli/query/duckdbEngine";
import { classifyInputFile, type ClassifiedFile } from "../../cli/query/inputLayout";
import { listInputFiles } from "../../cli/replay/inputFiles";
import { compareByKeys, expectedResult, type Row } from "./expectedResults";
import { allFixtureRecords, writeAwsLogs, writeJsonLines, type CtRecord } from "./fixtureRecords";

let dir: string;
let records: CtRecord[];
let db: CloudTrailDuckDb;
const layouts: Record<string, ClassifiedFile[]> = {};

async function classifyAll(root: string): Promise<ClassifiedFile[]> {
    const input = await listInputFiles([root]);
    const out: ClassifiedFile[] = [];
    for (const f of input.files) {
        const c = await classifyInputFile(f);
        if (!c.ok) throw new Error(`${c.file}: ${c.message}`);
        out.push(c.input);
    }
    return out;
}

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-query-"));
    records = allFixtureRecords();
    layouts["JSON lines"] = await classifyAll(writeJsonLines(records, path.join(dir, "lines")));
    layouts["Records .json.gz under AWSLogs/"] = await classifyAll(writeAwsLogs(records, path.join(dir, "logs")));
    db = await CloudTrailDuckDb.open({ memoryLimit: "512MB", threads: 1 });
});

afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
});

/** Parameter sets per query: the defaults, plus windows and values that select a real subset. */
const CASES: Array<[id: string, params: Record<string, string>]> = [
    ["principalActivity", { principal: "christophe" }],
    ["principalActivity", { principal: "christophe", start: "2024-07-31T00:00:00Z", end: "2024-08-01T00:00:00Z" }],
    ["principalActivity", { principal: "aws-go-sdk-1722375070115152000" }],
    ["sourceIpActivity", { sourceIp: "08.1.250.216" }],
    ["rootActivity", {}],
    ["consoleSignIns", {}],
    ["accessDenied", {}],
    ["accessDenied", { start: "2024-07-30T21:31:18Z", end: "2024-07-30T21:31:20Z" }],
    ["auditTrailTampering", {}],
    ["iamPersistence", {}],
    ["unusualRegions", { usualRegions: "us-east-1,us-west-2" }],
    ["firstSeenCombinations", { since: "2024-07-31T00:00:00Z" }],
    ["callVolumeByHour", {}],
    ["callVolumeByHour", { start: "2024-07-30T00:00:00Z", end: "2024-08-03T00:00:00Z" }],
];

describe("every catalogue query has cases here", () => {
    it("covers each id", () => {
        expect(new Set(CASES.map(([id]) => id))).toEqual(new Set(QUERY_CATALOGUE.map((q) => q.id)));
    });
});

describe.each(["JSON lines", "Records .json.gz under AWSLogs/"])("on %s", (layout) => {
    it.each(CASES)("%s %j gives what a TypeScript filter over the records gives", async (id, params) => {
        const query = QUERY_CATALOGUE.find((q) => q.id === id)!;
        const resolved = resolveQueryParameters(query, params);
        if (!resolved.ok) throw new Error(resolved.problems.join("; "));
        const { result, skipped } = await runOverFiles(db, layouts[layout]!, query.sql, resolved.positional);
        expect(skipped).toEqual([]);
        const expected = expectedResult(id, records, resolved.values);
        const byJson = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
        expect(byJson(result.rows)).toEqual(byJson(expected.rows));
        // The order the query promises: sorting DuckDB's rows by the expected keys changes nothing.
        expect([...(result.rows as Row[])].sort(compareByKeys(expected.order)).map((r) => JSON.stringify(r))).toEqual(result.rows.map((r) => JSON.stringify(r)));
    });
});

describe("hand-checked answers (counts from test/fixtures/cloudtrail/ORIGIN.md)", () => {
    it("accessDenied's top row is the 30 GetPasswordData calls denied with Client.UnauthorizedOperation", async () => {
        const query = QUERY_CATALOGUE.find((q) => q.id === "accessDenied")!;
        const resolved = resolveQueryParameters(query, {});
        if (!resolved.ok) throw new Error();
        const { result } = await runOverFiles(db, layouts["JSON lines"]!, query.sql, resolved.positional);
        const top = Object.fromEntries(result.columns.map((c, i) => [c, result.rows[0]![i]]));
        expect(top).toMatchObject({ eventname: "GetPasswordData", errorcode: "Client.UnauthorizedOperation", denials: 30 });
    });

    it("consoleSignIns shows the Stratus console login without MFA as a success with MFAUsed No", async () => {
        const query = QUERY_CATALOGUE.find((q) => q.id === "consoleSignIns")!;
        const resolved = resolveQueryParameters(query, {});
        if (!resolved.ok) throw new Error();
        const { result } = await runOverFiles(db, layouts["Records .json.gz under AWSLogs/"]!, query.sql, resolved.positional);
        const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i]])));
        expect(rows).toContainEqual(expect.objectContaining({ principal: "arn:aws:iam::562283505220:user/stratus-red-team-nmfalu-jfzdtsvchl", mfaused: "No", outcome: "Success", signins: 1 }));
    });

    it("auditTrailTampering finds the StopLogging, DeleteTrail and PutEventSelectors detonations", async () => {
        const query = QUERY_CATALOGUE.find((q) => q.id === "auditTrailTampering")!;
        const resolved = resolveQueryParameters(query, {});
        if (!resolved.ok) throw new Error();
        const { result } = await runOverFiles(db, layouts["JSON lines"]!, query.sql, resolved.positional);
        const names = new Set(result.rows.map((r) => r[result.columns.indexOf("eventname")]));
        for (const name of ["StopLogging", "DeleteTrail", "PutEventSelectors"]) expect(names).toContain(name);
    });
});
