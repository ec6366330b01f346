// The machine-readable report. Its shape is a contract (docs/check.md, test/check): add fields
// only with a schemaVersion bump, never rename or drop one.
import type { EnforcementLevel, Severity } from "../../analyzerClient/verdict";
import type { RenderMode } from "../../mockEngine/renderedStackFormat";
import { CheckMode, CheckReport, CheckSummary, isCaughtOnlyAtUp, rendersOf, sortViolations, summarize } from "../checkReport";

// 2: both renders by default (mode "both", renders), caughtOnlyAtUp, undecided, acceptedExceptions, warnings.
export const JSON_SCHEMA_VERSION = 2;

export interface JsonReport {
    schemaVersion: number;
    policyPack: { name: string; version: string };
    stacks: JsonStack[];
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
        })),
        summary: summarize(report),
    };
}

export function formatJson(report: CheckReport): string {
    return JSON.stringify(toJsonReport(report), null, 2) + "\n";
}
