// `trailguard query --athena`: runs one catalogue query in an Athena workgroup through the Athena API
// (@aws-sdk/client-athena) and returns its rows, the same shape the DuckDB engine returns. Parameters
// are bound as the catalogue defines (core/queries/catalogueQuery.ts): validated first, then passed
// as ExecutionParameters, one string literal per `?`, never pasted into the SQL. The database is the
// one the workgroup's named query of that id runs on (the baseline creates one per catalogue entry),
// unless the caller names one.
//
// Tested offline against the SDK's request and response contract only (test/query/athenaRunner.test.ts
// answers the SDK's HTTP requests); never against AWS from here. docs/investigation.md says so.
import {
    AthenaClient,
    BatchGetNamedQueryCommand,
    GetQueryExecutionCommand,
    paginateGetQueryResults,
    paginateListNamedQueries,
    QueryExecution,
    StartQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import type { CatalogueQuery } from "../../core/queries/catalogueQuery";
import { athenaExecutionParameters, resolveQueryParameters } from "../../core/queries/queryParameters";
import { UserError } from "../userError";

export interface AthenaQueryRequest {
    query: CatalogueQuery;
    /** `--param name=value` pairs as given. */
    parameters: Readonly<Record<string, string>>;
    workgroup: string;
    /** The Glue database of the CloudTrail table; default: the database of the workgroup's named query `query.id`. */
    database?: string;
    /** Default: a client from the environment's AWS configuration (profile, region, credentials). */
    client?: AthenaClient;
    /** Called on every poll while the query runs (a TTY progress line). */
    onProgress?: (status: AthenaProgress) => void;
    /** How long to wait between polls; default backs off from 250 ms to 2 s. Tests pass 0. */
    pollDelayMs?: (attempt: number) => number;
}

export interface AthenaProgress {
    queryExecutionId: string;
    state: string;
    bytesScanned?: number;
}

export interface AthenaQueryResult {
    columns: string[];
    rows: (string | null)[][];
    queryExecutionId: string;
    /** Bytes Athena scanned (and bills). */
    bytesScanned?: number;
}

const FINISHED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);
const MAX_RESULTS_PER_PAGE = 1000;
/** BatchGetNamedQuery takes at most 50 ids. */
const NAMED_QUERY_BATCH = 50;

const defaultPollDelay = (attempt: number) => Math.min(250 * 2 ** attempt, 2000);

/** Runs the query to completion; every failure is a UserError with one line naming what went wrong. */
export async function runAthenaQuery(request: AthenaQueryRequest): Promise<AthenaQueryResult> {
    const { query, workgroup } = request;
    const resolved = resolveQueryParameters(query, request.parameters);
    if (!resolved.ok) throw new UserError(resolved.problems.join("\n  "));
    const client = request.client ?? new AthenaClient({});
    try {
        const database = request.database ?? (await namedQueryDatabase(client, workgroup, query.id));
        const executionParameters = athenaExecutionParameters(resolved.positional);
        const started = await client.send(
            new StartQueryExecutionCommand({
                QueryString: query.sql,
                WorkGroup: workgroup,
                QueryExecutionContext: { Database: database },
                // Athena refuses an empty list: only a query with placeholders sends it.
                ...(executionParameters.length > 0 ? { ExecutionParameters: executionParameters } : {}),
            }),
        );
        const id = started.QueryExecutionId;
        if (!id) throw new UserError(`athena: StartQueryExecution returned no query execution id for "${query.id}" in workgroup "${workgroup}"`);
        const execution = await waitForCompletion(client, id, request);
        const state = execution.Status?.State;
        const reason = oneLine(execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage ?? "no reason given");
        const scanned = execution.Statistics?.DataScannedInBytes;
        if (state === "FAILED") throw new UserError(`athena: query "${query.id}" (${id}) failed in workgroup "${workgroup}": ${reason}`);
        if (state === "CANCELLED") {
            throw new UserError(
                `athena: query "${query.id}" (${id}) was cancelled in workgroup "${workgroup}" after scanning ${scanned ?? "an unknown number of"} bytes: ${reason} (the workgroup's bytes-scanned cutoff cancels queries that scan more; narrow the time range)`,
            );
        }
        return { ...(await readResults(client, id)), queryExecutionId: id, bytesScanned: scanned };
    } catch (err) {
        throw asUserError(err, workgroup);
    }
}

async function waitForCompletion(client: AthenaClient, id: string, request: AthenaQueryRequest): Promise<QueryExecution> {
    const delay = request.pollDelayMs ?? defaultPollDelay;
    for (let attempt = 0; ; attempt++) {
        const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
        const state = execution?.Status?.State ?? "UNKNOWN";
        request.onProgress?.({ queryExecutionId: id, state, bytesScanned: execution?.Statistics?.DataScannedInBytes });
        if (execution && FINISHED.has(state)) return execution;
        const ms = delay(attempt);
        if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    }
}

/**
 * Every page of the results. For a SELECT, Athena's first row on the first page repeats the column
 * names; it is dropped when it equals them.
 */
async function readResults(client: AthenaClient, id: string): Promise<{ columns: string[]; rows: (string | null)[][] }> {
    let columns: string[] | undefined;
    const rows: (string | null)[][] = [];
    let first = true;
    for await (const page of paginateGetQueryResults({ client, pageSize: MAX_RESULTS_PER_PAGE }, { QueryExecutionId: id })) {
        columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? c.Label ?? "");
        for (const row of page.ResultSet?.Rows ?? []) {
            const values = (row.Data ?? []).map((d) => d.VarCharValue ?? null);
            if (first && values.length === columns.length && values.every((v, i) => v === columns![i])) {
                first = false;
                continue;
            }
            first = false;
            rows.push(values);
        }
    }
    return { columns: columns ?? [], rows };
}

/** The database the workgroup's named query `id` runs on. */
async function namedQueryDatabase(client: AthenaClient, workgroup: string, id: string): Promise<string> {
    const ids: string[] = [];
    for await (const page of paginateListNamedQueries({ client }, { WorkGroup: workgroup })) ids.push(...(page.NamedQueryIds ?? []));
    for (let i = 0; i < ids.length; i += NAMED_QUERY_BATCH) {
        const batch = await client.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(i, i + NAMED_QUERY_BATCH) }));
        const found = (batch.NamedQueries ?? []).find((q) => q.Name === id && q.Database);
        if (found?.Database) return found.Database;
    }
    throw new UserError(
        `athena: workgroup "${workgroup}" has no named query "${id}" to take the database from; deploy the baseline with investigation.enabled, or pass --database <glue database>`,
    );
}

/** Error names of the SDK and of AWS that mean the caller's credentials are missing, expired or wrong. */
const CREDENTIAL_ERRORS = new Set([
    "CredentialsProviderError",
    "ExpiredTokenException",
    "ExpiredToken",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "InvalidClientTokenId",
    "TokenRefreshRequired",
]);

/** One line for every failure: credentials, permissions, a request Athena refused, or the network. */
function asUserError(err: unknown, workgroup: string): Error {
    if (err instanceof UserError) return err;
    const e = err as { name?: string; message?: string; $metadata?: unknown };
    const name = e?.name ?? "Error";
    const message = oneLine(e?.message ?? String(err));
    if (CREDENTIAL_ERRORS.has(name)) {
        return new UserError(
            `athena: no usable AWS credentials (${name}: ${message}); sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and set AWS_REGION to the workgroup's Region`,
        );
    }
    if (name === "AccessDeniedException" || name === "AccessDenied") {
        return new UserError(`athena: access denied in workgroup "${workgroup}": ${message} (docs/investigation.md lists the permissions a responder needs)`);
    }
    if (name === "InvalidRequestException" || name === "ResourceNotFoundException" || name === "ValidationException") {
        return new UserError(`athena: request refused for workgroup "${workgroup}": ${message}`);
    }
    if (name === "TooManyRequestsException" || name === "ThrottlingException") {
        return new UserError(`athena: throttled (${message}); try again in a minute`);
    }
    if (/Region is missing/i.test(message)) return new UserError(`athena: no AWS Region configured; set AWS_REGION (or a profile's region) to the workgroup's Region`);
    return new UserError(`athena: ${name}: ${message}`);
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, " ").trim();
}
