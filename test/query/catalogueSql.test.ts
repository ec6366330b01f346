// The catalogue as data, and its SQL on both engines: Trino (Athena's dialect) offline with
// node-sql-parser, DuckDB for real. A query that passes one and not the other fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_CATALOGUE } from "../../core/queries/catalogue";
import { normaliseParameterValue, resolveQueryParameters } from "../../core/queries/queryParameters";
import { CloudTrailDuckDb } from "../../cli/query/duckdbEngine";
import { checkTrinoSql } from "./trinoCheck";

let db: CloudTrailDuckDb;
beforeAll(async () => {
    db = await CloudTrailDuckDb.open({ memoryLimit: "256MB", threads: 1 });
});
afterAll(() => db?.close());

const REQUIRED_FAMILIES = [
    "principalActivity",
    "sourceIpActivity",
    "rootActivity",
    "consoleSignIns",
    "accessDenied",
    "auditTrailTampering",
    "iamPersistence",
    "unusualRegions",
    "firstSeenCombinations",
    "callVolumeByHour",
];

describe("the query catalogue", () => {
    it("answers the ten question families of issue #13, each id once", () => {
        expect(QUERY_CATALOGUE.map((q) => q.id)).toEqual(expect.arrayContaining(REQUIRED_FAMILIES));
        expect(new Set(QUERY_CATALOGUE.map((q) => q.id)).size).toBe(QUERY_CATALOGUE.length);
    });

    it.each(QUERY_CATALOGUE.map((q) => [q.id, q] as const))("%s is complete data", (_id, q) => {
        expect(q.id).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(q.title.length).toBeGreaterThan(0);
        expect(q.description.length).toBeGreaterThan(40);
        const names = q.parameters.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        for (const p of q.parameters) {
            expect(p.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
            expect(p.required).toBe(p.default === undefined);
            expect(normaliseParameterValue(p.type, p.example).ok, `${p.name} example`).toBe(true);
            if (p.default !== undefined) expect(normaliseParameterValue(p.type, p.default).ok, `${p.name} default`).toBe(true);
            expect(q.bindings, `${p.name} is bound`).toContain(p.name);
        }
        for (const b of q.bindings) expect(names).toContain(b);
        for (const r of q.references) {
            expect(r.id).toMatch(/^(MITRE ATT&CK T\d{4}(\.\d{3})?|CIS AWS Foundations v3\.0\.0 \d\.\d+)$/);
            expect(r.url).toMatch(/^https:\/\//);
            if (r.id.startsWith("MITRE")) expect(r.url).toBe(`https://attack.mitre.org/techniques/${r.id.slice("MITRE ATT&CK ".length).replace(".", "/")}/`);
        }
    });

    it.each(QUERY_CATALOGUE.map((q) => [q.id, q] as const))("%s is Trino as Athena runs it and runs on DuckDB with the same placeholders", async (_id, q) => {
        const trino = checkTrinoSql(q.sql);
        expect(trino.problems).toEqual([]);
        expect(trino.placeholders).toBe(q.bindings.length);
        expect(await db.parameterCount(q.sql)).toBe(q.bindings.length);
        const example = Object.fromEntries(q.parameters.map((p) => [p.name, p.example]));
        const resolved = resolveQueryParameters(q, example);
        if (!resolved.ok) throw new Error(resolved.problems.join("; "));
        await db.useFiles([]);
        const result = await db.run(q.sql, resolved.positional);
        expect(result.rows).toEqual([]);
        expect(result.columns.length).toBeGreaterThan(0);
    });
});

describe("the offline Trino check can fail", () => {
    it.each([
        ["a DuckDB-only function", "SELECT strftime(from_iso8601_timestamp(eventtime), '%Y') AS y FROM cloudtrail", /calls strftime/],
        ["DuckDB-only syntax", "SELECT * EXCLUDE (eventtime) FROM cloudtrail", /does not parse as Trino/],
        ["a column the Athena table lacks", "SELECT eventTimeUtc FROM cloudtrail", /refers to eventtimeutc/],
        ["a struct field the Athena table lacks", "SELECT useridentity.sessionname FROM cloudtrail", /refers to useridentity\.sessionname/],
        ["another table", "SELECT eventtime FROM cloudtrail_logs", /reads select::null::cloudtrail_logs/],
    ])("flags %s", (_what, sql, problem) => {
        expect(checkTrinoSql(sql).problems.join("\n")).toMatch(problem);
    });
});
