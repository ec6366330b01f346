// `check --cost-baseline <file>`: a previous check's JSON report (`--format json`), whose stacks'
// monthly estimates this run's are compared with (costChange.ts). Read and validated before any
// stack is rendered: a file that is missing, not JSON, not a check report or a report without
// costs is one line naming the flag, the file and what was expected.
import * as fs from "fs";
import { z } from "zod";
import { describeValue, formatPath, valueAt } from "../../config/configProblems";
import { describeFsError } from "../fileErrors";
import { UserError } from "../userError";
import { FIRST_SCHEMA_VERSION_WITH_COSTS } from "./formats/json";

export const COST_BASELINE_FLAG = "--cost-baseline";

export interface BaselineStack {
    stack: string;
    configFile: string;
    /** null: the baseline had no estimate for the stack (not a trailguard stack, …). */
    monthlyUsd: number | null;
}

export interface CostBaseline {
    /** The file as given on the command line. */
    file: string;
    stacks: BaselineStack[];
}

const EXPECTED = "expected the JSON report of a previous `trailguard check --format json`";

/** What makes a JSON document a check report, whatever its version. */
const checkReportShape = z.object({
    schemaVersion: z.number().int().positive(),
    policyPack: z.object({ name: z.string(), version: z.string() }),
    stacks: z.array(z.object({ stack: z.string() })),
    summary: z.object({}),
});

/** What the comparison reads of a report that carries costs (schema version 3 and later). */
const costedReport = z.object({
    stacks: z.array(
        z.object({
            stack: z.string(),
            configFile: z.string(),
            cost: z.nullable(z.object({ monthlyUsd: z.number().finite().nonnegative() })),
        }),
    ),
});

export function readCostBaseline(file: string): CostBaseline {
    const fail = (what: string): never => {
        throw new UserError(`${COST_BASELINE_FLAG} ${file}: ${what}`);
    };
    let text = "";
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        fail(`cannot read it: ${describeFsError(err)}; ${EXPECTED}`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        fail(`not JSON (${(err as Error).message.split("\n")[0]}); ${EXPECTED}`);
    }
    const report = checkReportShape.safeParse(doc);
    if (!report.success) fail(`not a check report (${describeShape(doc)}); ${EXPECTED}`);
    const version = report.data!.schemaVersion;
    if (version < FIRST_SCHEMA_VERSION_WITH_COSTS) {
        fail(
            `a check report without costs (schema version ${version}; costs came with version ${FIRST_SCHEMA_VERSION_WITH_COSTS}); ` +
                "expected a report written by a trailguard check that reports them",
        );
    }
    const costed = costedReport.safeParse(doc);
    if (!costed.success) {
        const issue = costed.error.issues[0]!;
        // A report's paths are JSON keys and indexes, as config paths are: the same words, values cut short.
        const path = issue.path as (string | number)[];
        const given = valueAt(doc, path);
        fail(`${formatPath(path)}: ${given === undefined ? "missing" : `got ${describeValue(given)}`}; expected ${expectation(issue.path)}`);
    }
    return {
        file,
        stacks: costed.data!.stacks.map((s) => ({ stack: s.stack, configFile: s.configFile, monthlyUsd: s.cost?.monthlyUsd ?? null })),
    };
}

function expectation(path: readonly PropertyKey[]): string {
    const last = path[path.length - 1];
    if (last === "monthlyUsd") return "a number of USD, 0 or more";
    if (last === "cost") return "null or {monthlyUsd, …}";
    return "a string";
}

function describeShape(doc: unknown): string {
    if (Array.isArray(doc)) return "a JSON list";
    if (doc === null || typeof doc !== "object") return `JSON ${doc === null ? "null" : typeof doc}`;
    const record = doc as Record<string, unknown>;
    if (record["version"] === "2.1.0" && Array.isArray(record["runs"])) return "a SARIF log";
    const missing = ["schemaVersion", "policyPack", "stacks", "summary"].filter((key) => !(key in record));
    return missing.length > 0 ? `no ${missing.map((k) => `"${k}"`).join(", ")}` : "its schemaVersion, policyPack or stacks are not what a report has";
}
