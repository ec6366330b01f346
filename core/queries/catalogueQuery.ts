// The shape of one entry of the query catalogue (core/queries/catalogue.ts): a question responders
// ask of CloudTrail, answered by one Trino SQL text that runs unchanged on Athena and on DuckDB.
//
// How parameters are bound (the one way, on both engines, never by pasting text into SQL):
//   - `sql` holds a positional `?` placeholder wherever a parameter's value goes; `bindings` names the
//     parameter of each `?`, in order of appearance (a parameter may appear more than once).
//   - Every value is bound as a string (varchar); the SQL converts where needed, e.g.
//     `from_iso8601_timestamp(?)`, so both engines see the same types.
//   - DuckDB: a prepared statement with the values bound as VARCHAR (`bindQueryValues`).
//   - Athena: StartQueryExecution's `ExecutionParameters`, which Athena applies to the `?` in order and
//     which take SQL literals: each value rendered by `trinoStringLiteral` (quotes doubled), so a value
//     can never end its literal.
//   - Values are validated against the parameter's `type` first (resolveQueryParameters), so a mistake is
//     one clear line naming the parameter, not an engine error.

/** What a parameter's value must look like; every value is passed to SQL as a string. */
export type QueryParameterType =
    /** Any non-empty text, compared for equality. */
    | "string"
    /** An ISO 8601 date or date-time, e.g. 2024-07-31 or 2024-07-31T13:00:00Z; read by from_iso8601_timestamp. */
    | "timestamp"
    /** A comma-separated list of AWS Region names, e.g. us-east-1,eu-west-1 (spaces are dropped). */
    | "regionList";

export interface QueryParameter {
    /** camelCase, as given on the command line: `--param <name>=<value>`. */
    name: string;
    description: string;
    type: QueryParameterType;
    /** Required parameters have no default. */
    required: boolean;
    /** The value used when an optional parameter is not given. */
    default?: string;
    /** A realistic value, shown in --list and the docs. */
    example: string;
}

export interface QueryReference {
    /** e.g. "MITRE ATT&CK T1078.004" or "CIS AWS Foundations v3.0 4.3". */
    id: string;
    title: string;
    url: string;
}

export interface CatalogueQuery {
    /** camelCase; `trailguard query <id>`. */
    id: string;
    title: string;
    /** What it answers and how to read the result. */
    description: string;
    parameters: readonly QueryParameter[];
    /** MITRE ATT&CK techniques and CIS controls the question serves, where one applies. */
    references: readonly QueryReference[];
    /** Trino SQL as Athena runs it, against the table `cloudtrail` (core/queries/athenaSchema.ts), with `?` placeholders. */
    sql: string;
    /** The parameter name of each `?` in `sql`, in order. */
    bindings: readonly string[];
}
