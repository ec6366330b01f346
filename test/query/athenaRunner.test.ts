// `trailguard query --athena` against the Athena API's wire contract, offline: a real AthenaClient
// whose HTTP handler answers as Athena's JSON 1.1 protocol does (POST /, `X-Amz-Target:
// AmazonAthena.<Operation>`, JSON bodies, errors as `__type`). What the runner sends is read from the
// serialised requests; what it returns comes from the SDK deserialising the responses. This proves
// the SDK contract, not Athena's behaviour: nothing here reaches AWS (docs/investigation.md).
import { Readable } from "stream";
import { AthenaClient } from "@aws-sdk/client-athena";
import { describe, expect, it } from "vitest";
import { runAthenaQuery } from "../../cli/query/athenaRunner";
import { UserError } from "../../cli/userError";
import { findCatalogueQuery } from "../../core/queries/catalogue";

interface SentRequest {
    operation: string;
    body: Record<string, any>;
}

type Answer = { status?: number; body: Record<string, unknown> };

/** An AthenaClient whose every request is recorded and answered by `answer(operation, body, call index)`. */
function fakeAthena(answer: (operation: string, body: Record<string, any>, index: number) => Answer, credentials?: AthenaClient["config"]["credentials"]) {
    const sent: SentRequest[] = [];
    const requestHandler = {
        async handle(request: { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array }) {
            expect(request.method).toBe("POST");
            const target = request.headers["x-amz-target"] ?? request.headers["X-Amz-Target"];
            expect(target).toMatch(/^AmazonAthena\./);
            const operation = target!.slice("AmazonAthena.".length);
            const raw = request.body ?? "{}";
            const body = JSON.parse(typeof raw === "string" ? raw : Buffer.from(raw).toString("utf8"));
            sent.push({ operation, body });
            const reply = answer(operation, body, sent.filter((s) => s.operation === operation).length - 1);
            const status = reply.status ?? 200;
            const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1" };
            if (status >= 400) headers["x-amzn-errortype"] = String(reply.body.__type);
            return { response: { statusCode: status, headers, body: Readable.from([Buffer.from(JSON.stringify(reply.body))]) } };
        },
    };
    const client = new AthenaClient({
        region: "eu-west-1",
        credentials: credentials ?? { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
        requestHandler: requestHandler as never,
        maxAttempts: 1,
    });
    return { client, sent };
}

const query = findCatalogueQuery("principalActivity")!;
const PARAMETERS = { principal: "O'Brien", start: "2024-07-31T00:00:00Z", end: "2024-08-01T00:00:00Z" };
const EXECUTION_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

/** A successful run: two pages of named queries, RUNNING then SUCCEEDED, two pages of results. */
function succeeding(operation: string, body: Record<string, any>, index: number): Answer {
    switch (operation) {
        case "ListNamedQueries":
            return index === 0 ? { body: { NamedQueryIds: ["nq-1", "nq-2"], NextToken: "page-2" } } : { body: { NamedQueryIds: ["nq-3"] } };
        case "BatchGetNamedQuery":
            return {
                body: {
                    NamedQueries: (body.NamedQueryIds as string[]).map((id) => ({
                        NamedQueryId: id,
                        Name: id === "nq-3" ? "principalActivity" : "rootActivity",
                        Database: id === "nq-3" ? "acme_audit_prod_cloudtrail" : "other_db",
                        QueryString: "SELECT 1",
                    })),
                },
            };
        case "StartQueryExecution":
            return { body: { QueryExecutionId: EXECUTION_ID } };
        case "GetQueryExecution":
            return {
                body: {
                    QueryExecution: {
                        QueryExecutionId: EXECUTION_ID,
                        Status: { State: index === 0 ? "RUNNING" : "SUCCEEDED" },
                        Statistics: { DataScannedInBytes: 123456 },
                    },
                },
            };
        case "GetQueryResults": {
            const metadata = { ColumnInfo: [{ Name: "eventtime", Type: "varchar" }, { Name: "eventname", Type: "varchar" }] };
            if (index === 0) {
                return {
                    body: {
                        ResultSet: {
                            ResultSetMetadata: metadata,
                            Rows: [
                                { Data: [{ VarCharValue: "eventtime" }, { VarCharValue: "eventname" }] },
                                { Data: [{ VarCharValue: "2024-07-31T10:00:00Z" }, { VarCharValue: "CreateUser" }] },
                            ],
                        },
                        NextToken: "results-2",
                    },
                };
            }
            // A null column comes back as a Datum without VarCharValue.
            return { body: { ResultSet: { ResultSetMetadata: metadata, Rows: [{ Data: [{ VarCharValue: "2024-07-31T11:00:00Z" }, {}] }] } } };
        }
        default:
            throw new Error(`unexpected operation ${operation}`);
    }
}

describe("runAthenaQuery", () => {
    it("binds parameters as execution parameters, polls to completion and reads every page", async () => {
        const { client, sent } = fakeAthena(succeeding);
        const progress: string[] = [];
        const result = await runAthenaQuery({ query, parameters: PARAMETERS, workgroup: "acme-audit-prod-investigation", client, pollDelayMs: () => 0, onProgress: (p) => progress.push(p.state) });

        const start = sent.find((s) => s.operation === "StartQueryExecution")!;
        expect(start.body.QueryString).toBe(query.sql);
        expect(start.body.WorkGroup).toBe("acme-audit-prod-investigation");
        expect(start.body.QueryExecutionContext).toEqual({ Database: "acme_audit_prod_cloudtrail" });
        // The SQL's ? in order: start, end (day pruning), start, end (exact window), principal; each a
        // Trino string literal, the quote in O'Brien doubled.
        expect(start.body.ExecutionParameters).toEqual([
            "'2024-07-31T00:00:00Z'",
            "'2024-08-01T00:00:00Z'",
            "'2024-07-31T00:00:00Z'",
            "'2024-08-01T00:00:00Z'",
            "'O''Brien'",
        ]);
        expect(sent.filter((s) => s.operation === "ListNamedQueries").map((s) => s.body)).toEqual([
            { WorkGroup: "acme-audit-prod-investigation" },
            { WorkGroup: "acme-audit-prod-investigation", NextToken: "page-2" },
        ]);
        expect(sent.filter((s) => s.operation === "GetQueryResults").map((s) => s.body.NextToken)).toEqual([undefined, "results-2"]);
        expect(progress).toEqual(["RUNNING", "SUCCEEDED"]);
        expect(result).toEqual({
            columns: ["eventtime", "eventname"],
            rows: [
                ["2024-07-31T10:00:00Z", "CreateUser"],
                ["2024-07-31T11:00:00Z", null],
            ],
            queryExecutionId: EXECUTION_ID,
            bytesScanned: 123456,
        });
    });

    it("uses a database given by the caller without looking up named queries, and sends no parameters for a query without ?", async () => {
        const root = findCatalogueQuery("rootActivity")!;
        const { client, sent } = fakeAthena(succeeding);
        const noPlaceholders = { ...root, sql: "SELECT eventtime, eventname FROM cloudtrail LIMIT 2", bindings: [] };
        await runAthenaQuery({ query: noPlaceholders, parameters: {}, workgroup: "wg", database: "my_db", client, pollDelayMs: () => 0 });
        expect(sent.map((s) => s.operation)).not.toContain("ListNamedQueries");
        const start = sent.find((s) => s.operation === "StartQueryExecution")!;
        expect(start.body.QueryExecutionContext).toEqual({ Database: "my_db" });
        expect("ExecutionParameters" in start.body).toBe(false);
    });

    it("refuses bad parameters with one line each before calling Athena", async () => {
        const { client, sent } = fakeAthena(succeeding);
        const error = await runAthenaQuery({ query, parameters: { start: "last tuesday", colour: "red" }, workgroup: "wg", client }).catch((e) => e);
        expect(error).toBeInstanceOf(UserError);
        // One problem per line, indented after the first, as the CLI prints them.
        expect(error.message.split(/\n {2}/).sort()).toEqual(
            [
                `--param colour: "principalActivity" has no parameter "colour"; expected one of principal, start, end`,
                `--param principal: required by "principalActivity" (${query.parameters[0]!.description}), e.g. --param principal=${query.parameters[0]!.example}`,
                `--param start: got "last tuesday", expected an ISO 8601 date or date-time such as 2024-07-31 or 2024-07-31T13:00:00Z`,
            ].sort(),
        );
        expect(sent).toEqual([]);
    });

    it("reports a FAILED query in one line with Athena's reason", async () => {
        const { client } = fakeAthena((operation, body, index) =>
            operation === "GetQueryExecution"
                ? { body: { QueryExecution: { QueryExecutionId: EXECUTION_ID, Status: { State: "FAILED", StateChangeReason: "TABLE_NOT_FOUND: line 3:6:\nTable 'awsdatacatalog.my_db.cloudtrail' does not exist" } } } }
                : succeeding(operation, body, index),
        );
        const error = await runAthenaQuery({ query, parameters: PARAMETERS, workgroup: "wg", database: "my_db", client, pollDelayMs: () => 0 }).catch((e) => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).toBe(
            `athena: query "principalActivity" (${EXECUTION_ID}) failed in workgroup "wg": TABLE_NOT_FOUND: line 3:6: Table 'awsdatacatalog.my_db.cloudtrail' does not exist`,
        );
    });

    it("reports a CANCELLED query in one line, naming the bytes scanned and the cutoff", async () => {
        const { client } = fakeAthena((operation, body, index) =>
            operation === "GetQueryExecution"
                ? {
                      body: {
                          QueryExecution: {
                              QueryExecutionId: EXECUTION_ID,
                              Status: { State: "CANCELLED", StateChangeReason: "Bytes scanned limit was exceeded" },
                              Statistics: { DataScannedInBytes: 10485761 },
                          },
                      },
                  }
                : succeeding(operation, body, index),
        );
        const error = await runAthenaQuery({ query, parameters: PARAMETERS, workgroup: "wg", database: "db", client, pollDelayMs: () => 0 }).catch((e) => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).not.toContain("\n");
        expect(error.message).toContain(`was cancelled in workgroup "wg" after scanning 10485761 bytes: Bytes scanned limit was exceeded`);
        expect(error.message).toContain("bytes-scanned cutoff");
    });

    it("turns missing credentials into one line that says how to sign in", async () => {
        const noCredentials = async () => {
            const error = new Error("Could not load credentials from any providers");
            error.name = "CredentialsProviderError";
            throw error;
        };
        const { client, sent } = fakeAthena(succeeding, noCredentials as never);
        const error = await runAthenaQuery({ query, parameters: PARAMETERS, workgroup: "wg", database: "db", client }).catch((e) => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).toBe(
            "athena: no usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers); sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and set AWS_REGION to the workgroup's Region",
        );
        expect(sent).toEqual([]);
    });

    it("turns Athena's error responses into one line: expired token, access denied, unknown workgroup", async () => {
        const cases: [string, string, RegExp][] = [
            ["ExpiredTokenException", "The security token included in the request is expired", /^athena: no usable AWS credentials \(ExpiredTokenException: The security token included in the request is expired\)/],
            ["AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/x/y is not authorized to perform: athena:StartQueryExecution", /^athena: access denied in workgroup "wg": User: .* athena:StartQueryExecution \(docs\/investigation\.md/],
            ["InvalidRequestException", "WorkGroup wg is not found.", /^athena: request refused for workgroup "wg": WorkGroup wg is not found\.$/],
        ];
        for (const [type, message, expected] of cases) {
            const { client } = fakeAthena((operation) =>
                operation === "StartQueryExecution" ? { status: 400, body: { __type: type, Message: message } } : { body: {} },
            );
            const error = await runAthenaQuery({ query, parameters: PARAMETERS, workgroup: "wg", database: "db", client }).catch((e) => e);
            expect(error, type).toBeInstanceOf(UserError);
            expect(error.message, type).toMatch(expected);
            expect(error.message).not.toContain("\n");
        }
    });

    it("says so when the workgroup has no named query of that id", async () => {
        const { client } = fakeAthena((operation) =>
            operation === "ListNamedQueries" ? { body: { NamedQueryIds: [] } } : { body: {} },
        );
        const error = await runAthenaQuery({ query, parameters: PARAMETERS, workgroup: "wg", client }).catch((e) => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).toBe(
            `athena: workgroup "wg" has no named query "principalActivity" to take the database from; deploy the baseline with investigation.enabled, or pass --database <glue database>`,
        );
    });
});
