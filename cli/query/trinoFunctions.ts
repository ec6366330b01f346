// DuckDB macros that give the Trino functions the catalogue uses Trino's meaning, so the same SQL
// text runs on both engines. Functions that already behave alike on both (lower, substr, coalesce,
// split, contains, count_if, min/max, count(DISTINCT …), LIKE, INTERVAL arithmetic) need nothing; the
// set of functions catalogue SQL may call is TRINO_FUNCTIONS_USED, checked by the tests.

export interface TrinoFunctionShim {
    name: string;
    /** Why DuckDB needs it, or what differs. */
    note: string;
    /** The CREATE MACRO statement; undefined when DuckDB's own function already matches. */
    macro?: string;
}

export const TRINO_FUNCTION_SHIMS: readonly TrinoFunctionShim[] = [
    {
        name: "json_extract_scalar",
        note: "Trino: the scalar at a JSONPath as varchar, NULL for objects and arrays. DuckDB's json_extract_string returns objects as text, so they are mapped to NULL.",
        macro: "CREATE OR REPLACE TEMP MACRO json_extract_scalar(json, path) AS (CASE WHEN json_type(json, path) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(json, path) END)",
    },
    {
        name: "from_iso8601_timestamp",
        note: "Trino: an ISO 8601 string to timestamp with time zone. DuckDB casts ISO 8601 text to TIMESTAMPTZ; the session time zone is UTC on both.",
        macro: "CREATE OR REPLACE TEMP MACRO from_iso8601_timestamp(text) AS CAST(text AS TIMESTAMPTZ)",
    },
    {
        name: "date_format",
        note: "Trino: MySQL-style format (%Y %m %d %H %i %s). DuckDB's strftime takes the same letters except minutes (%M) and seconds (%S), which are translated.",
        macro: "CREATE OR REPLACE TEMP MACRO date_format(ts, fmt) AS strftime(ts, replace(replace(fmt, '%i', '%M'), '%s', '%S'))",
    },
    {
        name: "split_part",
        note: "Both: the nth field, 1-based. Past the last field Trino returns NULL and DuckDB an empty string; the catalogue only compares it with non-empty values, where both agree.",
    },
];

/**
 * Every function catalogue SQL may call: each is a Trino function Athena (engine version 3) documents,
 * and runs on DuckDB natively or through a macro above. The catalogue test fails on any other.
 */
export const TRINO_FUNCTIONS_USED: ReadonlySet<string> = new Set([
    "coalesce",
    "contains",
    "count",
    "count_if",
    "date_format",
    "from_iso8601_timestamp",
    "json_extract_scalar",
    "max",
    "min",
    "split",
    "split_part",
    "substr",
]);

export function trinoMacroStatements(): string[] {
    return TRINO_FUNCTION_SHIMS.flatMap((s) => (s.macro ? [s.macro] : []));
}
