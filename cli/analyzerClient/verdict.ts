// What the policy analyzer concluded about one rendered stack. Produced by the engine-side harness
// (cli/analyzerClient/), consumed by the tests and by `trailguard check` and its report formats.
import type { RenderMode } from "../mockEngine/renderedStackFormat";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export type Severity = "low" | "medium" | "high" | "critical" | "";

/** A policy as the pack describes it in GetAnalyzerInfo. */
export interface PolicyDescriptor {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    url: string;
    /** Framework references, e.g. "CIS AWS Foundations v1.4.0 3.1", "AWS Security Hub CloudTrail.2". */
    frameworks: string[];
    /** JSON schema of the policy's config, when it is tunable. */
    configSchema?: Record<string, unknown>;
}

/** One diagnostic from Analyze or AnalyzeStack. */
export interface Violation {
    policy: string;
    policyPack: string;
    policyPackVersion: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** The resource it is about; absent for stack-wide findings with no resource. */
    urn?: string;
    message: string;
    description: string;
    frameworks: string[];
}

/** A property change the pack proposed through the `remediate` enforcement level. */
export interface Remediation {
    policy: string;
    urn: string;
    description: string;
    properties: Record<string, unknown>;
}

export interface StackVerdict {
    stack: string;
    mode: RenderMode;
    /** Number of resources analysed. */
    resources: number;
    violations: Violation[];
    remediations: Remediation[];
    policies: PolicyDescriptor[];
}

export function isMandatory(violation: Violation): boolean {
    return violation.enforcementLevel === "mandatory";
}

export function mandatoryViolations(verdict: StackVerdict): Violation[] {
    return verdict.violations.filter(isMandatory);
}

/**
 * The one order of violations, in verdicts and every report: policy, then resource, then message,
 * by code point (not locale), so two runs on two machines list them identically.
 */
export function compareViolations(a: Violation, b: Violation): number {
    return codePointOrder(a.policy, b.policy) || codePointOrder(a.urn ?? "", b.urn ?? "") || codePointOrder(a.message, b.message);
}

export function codePointOrder(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
