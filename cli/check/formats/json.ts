// The machine-readable report. Its shape is a contract (docs/check.md, test/check): add fields
// only with a schemaVersion bump, never rename or drop one.
import type { EnforcementLevel, Severity } from "../../analyzerClient/verdict";
import type { RenderMode } from "../../mockEngine/renderedStackFormat";
import { CheckReport, CheckSummary, sortViolations, summarize } from "../checkReport";

export const JSON_SCHEMA_VERSION = 1;

export interface JsonReport {
    schemaVersion: number;
    policyPack: { name: string; version: string };
    stacks: JsonStack[];
    summary: CheckSummary;
}

export interface JsonStack {
    stack: string;
    mode: RenderMode;
    /** The stack settings file, relative to the repository root. */
    configFile: string;
    /** The policy config JSON the stack was checked under, relative to the repository root; null: pack defaults. */
    policyConfigFile: string | null;
    resources: number;
    violations: JsonViolation[];
}

export interface JsonViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** null for a finding about the stack as a whole. */
    urn: string | null;
    message: string;
    frameworks: string[];
}

export function toJsonReport(report: CheckReport): JsonReport {
    return {
        schemaVersion: JSON_SCHEMA_VERSION,
        policyPack: { name: report.policyPack.name, version: report.policyPack.version },
        stacks: report.stacks.map((s) => ({
            stack: s.verdict.stack,
            mode: s.verdict.mode,
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
            })),
        })),
        summary: summarize(report),
    };
}

export function formatJson(report: CheckReport): string {
    return JSON.stringify(toJsonReport(report), null, 2) + "\n";
}
