// Turns `name=value` pairs given by a user into the positional values of a catalogue query's `?`
// placeholders, validated by type, and renders them as the SQL literals Athena's execution parameters
// take. See catalogueQuery.ts for why this is the one way parameters reach SQL.
import type { CatalogueQuery, QueryParameter, QueryParameterType } from "./catalogueQuery";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

const EXPECTED: Record<QueryParameterType, string> = {
    string: "a non-empty value",
    timestamp: "an ISO 8601 date or date-time such as 2024-07-31 or 2024-07-31T13:00:00Z",
    regionList: "a comma-separated list of Region names such as us-east-1,eu-west-1",
};

/** Checks one value and returns it as it is bound (normalised), or a problem. */
export function normaliseParameterValue(type: QueryParameterType, value: string): { ok: true; value: string } | { ok: false; expected: string } {
    switch (type) {
        case "string":
            return value.length > 0 ? { ok: true, value } : { ok: false, expected: EXPECTED.string };
        case "timestamp":
            return ISO_8601.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T"))) ? { ok: true, value } : { ok: false, expected: EXPECTED.timestamp };
        case "regionList": {
            const regions = value.split(",").map((r) => r.trim());
            return regions.every((r) => REGION.test(r)) ? { ok: true, value: regions.join(",") } : { ok: false, expected: EXPECTED.regionList };
        }
    }
}

export type ResolvedParameters =
    | { ok: true; /** Every parameter's value, defaults filled in. */ values: Record<string, string>; /** The value of each `?`, in order. */ positional: string[] }
    | { ok: false; problems: string[] };

/** Validates `given` against the query's parameters; problems are one line each, naming the parameter. */
export function resolveQueryParameters(query: CatalogueQuery, given: Readonly<Record<string, string>>): ResolvedParameters {
    const problems: string[] = [];
    const known = new Map(query.parameters.map((p) => [p.name, p] as const));
    for (const name of Object.keys(given)) {
        if (!known.has(name)) {
            const names = query.parameters.map((p) => p.name);
            problems.push(
                `--param ${name}: "${query.id}" has no parameter "${name}"; ${names.length > 0 ? `expected one of ${names.join(", ")}` : "it takes no parameters"}`,
            );
        }
    }
    const values: Record<string, string> = {};
    for (const p of query.parameters) {
        const raw = Object.prototype.hasOwnProperty.call(given, p.name) ? given[p.name] : p.default;
        if (raw === undefined) {
            problems.push(`--param ${p.name}: required by "${query.id}" (${p.description}), e.g. --param ${p.name}=${p.example}`);
            continue;
        }
        const checked = normaliseParameterValue(p.type, raw);
        if (!checked.ok) problems.push(`--param ${p.name}: got "${raw}", expected ${checked.expected}`);
        else values[p.name] = checked.value;
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, values, positional: query.bindings.map((name) => values[name]!) };
}

/** A Trino string literal: the value in single quotes, each quote doubled. */
export function trinoStringLiteral(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

/** Athena's ExecutionParameters for a resolved query: one string literal per `?`. */
export function athenaExecutionParameters(positional: readonly string[]): string[] {
    return positional.map(trinoStringLiteral);
}

/** The parameter described for --list and the docs: `name (required)` or `name (default: …)`. */
export function describeParameter(p: QueryParameter): string {
    return p.required ? `${p.name} (required)` : `${p.name} (default: ${p.default === "" ? '""' : p.default})`;
}
