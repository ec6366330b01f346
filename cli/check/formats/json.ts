// The machine-readable report. Its shape is a contract (docs/check.md, test/check): add fields
// only with a schemaVersion bump, never rename or drop one.
import type { EnforcementLevel, Severity } from "../../analyzerClient/verdict";
import type { RenderMode } from "../../mockEngine/renderedStackFormat";
import { CheckMode, CheckReport, CheckSummary, isCaughtOnlyAtUp, rendersOf, sortViolations, StackCheck, summarize } from "../checkReport";
import type { CostChange, GoneStack } from "../costChange";
import type { CostEstimateSummary } from "../stackCost";

// 2: both renders by default (mode "both", renders), caughtOnlyAtUp, undecided, acceptedExceptions, warnings.
// 3: each stack's cost, costUnavailable and costChange; costBaseline.
export const JSON_SCHEMA_VERSION = 3;
/** The first version whose stacks carry `cost`: the oldest report `--cost-baseline` accepts. */
export const FIRST_SCHEMA_VERSION_WITH_COSTS = 3;

export interface JsonReport {
    schemaVersion: number;
    policyPack: { name: string; version: string };
    stacks: JsonStack[];
    /** With `--cost-baseline`: the file and the stacks it has that this run did not check; else null. */
    costBaseline: { file: string; goneStacks: GoneStack[] } | null;
    summary: CheckSummary;
}

export interface JsonStack {
    stack: string;
    mode: CheckMode;
    /** The renders judged, preview first. */
    renders: RenderMode[];
    /** The stack settings file, relative to the repository root. */
    configFile: string;
    /** The policy config JSON the stack was checked under, relative to the repository root; null: pack defaults. */
    policyConfigFile: string | null;
    resources: number;
    violations: JsonViolation[];
    undecided: Array<{ policy: string; urn: string | null; render: RenderMode; message: string }>;
    acceptedExceptions: Array<{ policy: string; urn: string | null; message: string; reason: string; configKey: string }>;
    /** What the program warned about (its config warnings among them). */
    warnings: string[];
    /** The monthly estimate from the stack's settings; null when there is none (see costUnavailable). */
    cost: CostEstimateSummary | null;
    /** Why there is no estimate, e.g. "not a trailguard stack"; null when cost is set. */
    costUnavailable: string | null;
    /** With `--cost-baseline`: the change against the baseline's estimate; else null. */
    costChange: CostChange | null;
}

export interface JsonViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** null for a finding about the stack as a whole. */
    urn: string | null;
    message: string;
    frameworks: string[];
    /** Only the deployed render found it: caught at `pulumi up`, invisible to `pulumi preview`. */
    caughtOnlyAtUp: boolean;
}

export function toJsonReport(report: CheckReport): JsonReport {
    return {
        schemaVersion: JSON_SCHEMA_VERSION,
        policyPack: { name: report.policyPack.name, version: report.policyPack.version },
        stacks: report.stacks.map((s) => ({
            stack: s.verdict.stack,
            mode: s.mode,
            renders: rendersOf(s.mode),
            configFile: s.configFile,
            policyConfigFile: s.policyConfigFile ?? null,
            resources: s.verdict.resources,
            violations: sortViolations(s.verdict.violations).map((v) => ({
                policy: v.policy,
                enforcementLevel: v.enforcementLevel,
                severity: v.severity,
                urn: v.urn ?? null,
                message: v.message,
                frameworks: [...v.frameworks],
                caughtOnlyAtUp: isCaughtOnlyAtUp(s, v),
            })),
            undecided: s.undecided.map((u) => ({ policy: u.policy, urn: u.urn ?? null, render: u.render, message: u.message })),
            acceptedExceptions: s.acceptedExceptions.map((a) => ({ policy: a.policy, urn: a.urn ?? null, message: a.message, reason: a.reason, configKey: a.key })),
            warnings: [...s.warnings],
            ...jsonCost(s),
        })),
        costBaseline: jsonCostBaseline(report),
        summary: summarize(report),
    };
}

/** A stack's cost fields as the JSON report writes them (SARIF's run properties carry the same). */
export function jsonCost(stack: StackCheck): Pick<JsonStack, "cost" | "costUnavailable" | "costChange"> {
    return { cost: stack.cost.estimate, costUnavailable: stack.cost.unavailable ?? null, costChange: stack.costChange ?? null };
}

export function jsonCostBaseline(report: CheckReport): JsonReport["costBaseline"] {
    return report.costComparison ? { file: report.costComparison.file, goneStacks: report.costComparison.gone } : null;
}

export function formatJson(report: CheckReport): string {
    return JSON.stringify(toJsonReport(report), null, 2) + "\n";
}
