// The `cloudtrail` view on DuckDB: the input files mapped onto exactly the columns and types of the
// Athena table (core/queries/athenaSchema.ts), so the catalogue's SQL runs unchanged. DuckDB reads
// each JSON key CloudTrail writes (exact case) with read_json, then the view renames to Athena's
// lower-case names, turns JSON objects into JSON text (Athena's string columns hold the text), and
// fills the partition columns from the AWSLogs/ path, or from the record when a file sits elsewhere.
import { CLOUDTRAIL_COLUMNS, CLOUDTRAIL_PARTITION_COLUMNS, JSON_TEXT_COLUMNS, type AthenaField, type AthenaType } from "../../core/queries/athenaSchema";
import { trinoStringLiteral } from "../../core/queries/queryParameters";
import type { ClassifiedFile, InputLayout } from "./inputLayout";

/**
 * read_json's maximum_object_size for `{"Records": […]}` files, where a whole file is one JSON value:
 * DuckDB's default (16 MiB) fails on large CloudTrail files. DuckDB sizes its read buffers from this
 * value, so it follows the largest file of the group rather than being set huge for all.
 */
export function maximumObjectSize(files: readonly ClassifiedFile[]): number {
    const largest = Math.max(0, ...files.map((f) => f.textBytes));
    return Math.min(Math.max(DEFAULT_MAXIMUM_OBJECT_SIZE, Math.ceil(largest * 1.01) + 1024 * 1024), MAXIMUM_OBJECT_SIZE_CAP);
}
const DEFAULT_MAXIMUM_OBJECT_SIZE = 16 * 1024 * 1024;
/** A truncated gzip file's trailer is garbage; this keeps one from asking for gigabytes. */
const MAXIMUM_OBJECT_SIZE_CAP = 1024 * 1024 * 1024;

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
// A SQL string literal, quotes doubled: the same rule in DuckDB as in Trino.
const sqlString = trinoStringLiteral;

/** DuckDB type of an Athena type, with field names as given by `name`. */
function duckdbType(type: AthenaType, name: (f: AthenaField) => string, jsonText = false): string {
    switch (type.kind) {
        case "string":
            return jsonText ? "JSON" : "VARCHAR";
        case "struct":
            return `STRUCT(${type.fields.map((f) => `${quoteIdentifier(name(f))} ${duckdbType(f.type, name)}`).join(", ")})`;
        case "array":
            return `${duckdbType(type.element, name)}[]`;
        case "map":
            return `MAP(${duckdbType(type.key, name)}, ${duckdbType(type.value, name)})`;
    }
}

/** The type of a column as read from the JSON (exact keys; JSON-text columns as JSON so objects survive). */
const readType = (c: AthenaField): string => duckdbType(c.type, (f) => f.jsonKey, JSON_TEXT_COLUMNS.has(c.name));
/** The type of a column in the view (Athena's names). */
export const viewType = (c: AthenaField): string => duckdbType(c.type, (f) => f.name);

/** read_json's `columns` struct literal for one record: the keys read. */
function recordColumns(read: readonly AthenaField[]): string {
    return `{${read.map((c) => `${sqlString(c.jsonKey)}: ${sqlString(readType(c))}`).join(", ")}}`;
}

function recordStructType(read: readonly AthenaField[]): string {
    return `STRUCT(${read.map((c) => `${quoteIdentifier(c.jsonKey)} ${readType(c)}`).join(", ")})`;
}

/** Read from every record whatever the SQL: the partition columns fall back on them. */
const ALWAYS_READ = new Set(["eventtime", "awsregion", "recipientaccountid"]);

/**
 * The data columns the SQL can refer to: each whose name occurs in it as a word (identifiers are
 * case-insensitive), or all of them when it has a `*` other than count(*), or COLUMNS(…). An over-estimate is only
 * slower; the others are NULL of the right type in the view, so its schema never changes. Parsing
 * the JSON is most of a query's time, and DuckDB cannot push a projection into `Records`.
 */
export function columnsToRead(sql: string | undefined): AthenaField[] {
    // `*` (other than count(*)) and DuckDB's COLUMNS(…) select columns without naming them.
    if (sql === undefined || /\*|\bcolumns\s*\(/i.test(sql.replace(/count\s*\(\s*\*\s*\)/gi, ""))) return [...CLOUDTRAIL_COLUMNS];
    const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
    return CLOUDTRAIL_COLUMNS.filter((c) => ALWAYS_READ.has(c.name) || words.has(c.name));
}

/** `AWSLogs/[o-…/]<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/`; groups 1–3 are the partition values. */
const AWSLOGS_PATH = String.raw`AWSLogs/(?:o-[a-z0-9]+/)?(\d{12})/CloudTrail/([a-z0-9-]+)/(\d{4}/\d{2}/\d{2})/`;

function readJson(files: readonly ClassifiedFile[], format: string, columns: string): string {
    const list = `[${files.map((f) => sqlString(f.file)).join(", ")}]`;
    const compression = files[0]!.gzip ? "gzip" : "uncompressed";
    return `read_json(${list}, format = ${sqlString(format)}, columns = ${columns}, compression = ${sqlString(compression)}, filename = true, maximum_object_size = ${maximumObjectSize(files)})`;
}

/** The rows of one group of files with the same layout and compression, as (record columns…, filename). */
function groupSource(layout: InputLayout, files: readonly ClassifiedFile[], read: readonly AthenaField[]): string {
    const recordKeys = read.map((c) => quoteIdentifier(c.jsonKey)).join(", ");
    if (layout === "records") {
        const json = readJson(files, "unstructured", `{'Records': ${sqlString(`${recordStructType(read)}[]`)}}`);
        // Two steps: unnest the list into one struct per record, then the struct into columns.
        return `SELECT unnest(record), filename FROM (SELECT unnest("Records") AS record, filename FROM ${json})`;
    }
    return `SELECT ${recordKeys}, filename FROM ${readJson(files, layout === "array" ? "array" : "newline_delimited", recordColumns(read))}`;
}

/** The SELECT list mapping read columns onto the Athena schema, then the partition columns. */
function viewColumns(read: readonly AthenaField[]): string {
    const data = CLOUDTRAIL_COLUMNS.map((c) => {
        if (!read.includes(c)) return `CAST(NULL AS ${viewType(c)}) AS ${quoteIdentifier(c.name)}`;
        const source = quoteIdentifier(c.jsonKey);
        const value = c.type.kind === "string" && !JSON_TEXT_COLUMNS.has(c.name) ? source : `CAST(${source} AS ${JSON_TEXT_COLUMNS.has(c.name) ? "VARCHAR" : viewType(c)})`;
        return `${value} AS ${quoteIdentifier(c.name)}`;
    });
    const fromPath = (group: number): string => `nullif(regexp_extract(replace(filename, '\\', '/'), ${sqlString(AWSLOGS_PATH)}, ${group}), '')`;
    // The path's groups, in the order of CLOUDTRAIL_PARTITION_COLUMNS; else the same facts from the record.
    const fromRecord: Record<string, string> = {
        account: `"recipientAccountId"`,
        region: `"awsRegion"`,
        timestamp: `replace(substr("eventTime", 1, 10), '-', '/')`,
    };
    const partitions = CLOUDTRAIL_PARTITION_COLUMNS.map((p, i) => `coalesce(${fromPath(i + 1)}, ${fromRecord[p.name]}) AS ${quoteIdentifier(p.name)}`);
    return [...data, ...partitions].join(",\n  ");
}

/** `CREATE VIEW cloudtrail AS …` over the classified files (at least one), reading what `sql` needs (default: everything). */
export function createCloudTrailViewSql(files: readonly ClassifiedFile[], sql?: string): string {
    const read = columnsToRead(sql);
    const groups = new Map<string, ClassifiedFile[]>();
    for (const f of files) {
        const key = `${f.layout}:${f.gzip}`;
        const list = groups.get(key) ?? [];
        list.push(f);
        groups.set(key, list);
    }
    const sources = [...groups.values()].map((group) => groupSource(group[0]!.layout, group, read));
    return `CREATE OR REPLACE TEMP VIEW cloudtrail AS\nSELECT\n  ${viewColumns(read)}\nFROM (\n${sources.join("\n  UNION ALL BY NAME\n")}\n)`;
}

/** The view over no files at all: the schema with no rows (for --sql checks and the schema test). */
export function createEmptyCloudTrailViewSql(): string {
    const columns = CLOUDTRAIL_COLUMNS.map((c) => `CAST(NULL AS ${viewType(c)}) AS ${quoteIdentifier(c.name)}`);
    const partitions = CLOUDTRAIL_PARTITION_COLUMNS.map((p) => `CAST(NULL AS VARCHAR) AS ${quoteIdentifier(p.name)}`);
    return `CREATE OR REPLACE TEMP VIEW cloudtrail AS SELECT ${[...columns, ...partitions].join(", ")} WHERE false`;
}
