// SARIF 2.1.0 for GitHub code scanning: one rule per policy (its description, remediation as help,
// a security-severity GitHub ranks alerts by), one result per violation located at the stack's
// settings file by a repository-relative URI, with the resource URN as its logical location.
import { createHash } from "crypto";
import * as path from "path";
import { pathToFileURL } from "url";
import type * as Sarif from "sarif";
import type { PolicyDescriptor, Severity, Violation } from "../../analyzerClient/verdict";
import { CheckReport, isMandatory, policiesOf, sortViolations, StackCheck, violationDetail } from "../checkReport";
import { trailguardVersion } from "../trailguardVersion";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub's security-severity scale: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SECURITY_SEVERITY: Record<Exclude<Severity, "">, string> = {
    critical: "9.5",
    high: "8.0",
    medium: "5.5",
    low: "3.0",
};

export function toSarifLog(report: CheckReport): Sarif.Log {
    const policies = policiesOf(report);
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "trailguard",
                        version: trailguardVersion(),
                        rules: policies.map(rule),
                        properties: { policyPack: report.policyPack.name, policyPackVersion: report.policyPack.version },
                    },
                },
                columnKind: "utf16CodeUnits",
                properties: { mode: report.mode },
                results: report.stacks.flatMap((stack) =>
                    sortViolations(stack.verdict.violations).map((v) => result(stack, v, ruleIndex.get(v.policy)!)),
                ),
            },
        ],
    };
}

export function formatSarif(report: CheckReport): string {
    return JSON.stringify(toSarifLog(report), null, 2) + "\n";
}

function rule(policy: PolicyDescriptor): Sarif.ReportingDescriptor {
    const helpLines = [policy.remediationSteps.trim() || policy.description];
    if (policy.frameworks.length > 0) helpLines.push(`Controls: ${policy.frameworks.join("; ")}`);
    if (policy.url) helpLines.push(`More: ${policy.url}`);
    const markdown = [
        policy.remediationSteps.trim() || policy.description,
        ...(policy.frameworks.length > 0 ? ["", "**Controls:** " + policy.frameworks.join("; ")] : []),
        ...(policy.url ? ["", `[More about this policy](${policy.url})`] : []),
    ];
    const properties: Sarif.PropertyBag = {
        tags: ["security", "cloudtrail", "pulumi-policy", ...policy.frameworks],
        precision: "very-high",
        enforcementLevel: policy.enforcementLevel,
    };
    if (policy.severity) properties["security-severity"] = SECURITY_SEVERITY[policy.severity];
    return {
        id: policy.name,
        name: policy.name,
        shortDescription: { text: policy.displayName || policy.name },
        fullDescription: { text: policy.description || policy.displayName || policy.name },
        help: { text: helpLines.join("\n\n"), markdown: markdown.join("\n") },
        ...(isUri(policy.url) ? { helpUri: policy.url } : {}),
        defaultConfiguration: { level: level(policy.enforcementLevel === "mandatory"), enabled: policy.enforcementLevel !== "disabled" },
        properties,
    };
}

function result(stack: StackCheck, violation: Violation, ruleIndex: number): Sarif.Result {
    const subject = violation.urn ? resourceLabel(violation.urn) : "the stack";
    return {
        ruleId: violation.policy,
        ruleIndex,
        level: level(isMandatory(violation)),
        message: { text: `Stack ${stack.verdict.stack}, ${subject}: ${violationDetail(violation)}` },
        locations: [
            {
                physicalLocation: {
                    // Outside the repository (a --program elsewhere) only an absolute file URI can say where.
                    artifactLocation: { uri: path.isAbsolute(stack.configFile) ? pathToFileURL(stack.configFile).href : stack.configFile },
                    region: { startLine: 1 },
                },
                logicalLocations: [
                    violation.urn
                        ? { fullyQualifiedName: violation.urn, kind: "resource" }
                        : { fullyQualifiedName: `stack:${stack.verdict.stack}`, kind: "module" },
                ],
            },
        ],
        partialFingerprints: fingerprints(stack, violation),
        properties: {
            stack: stack.verdict.stack,
            policyConfigFile: stack.policyConfigFile ?? null,
            urn: violation.urn ?? null,
            enforcementLevel: violation.enforcementLevel,
            severity: violation.severity,
            frameworks: violation.frameworks,
        },
    };
}

/**
 * Every result of a stack sits on line 1 of its settings file, so the line-content hash GitHub
 * would compute by itself would merge them into one alert. The finding's identity is the policy,
 * the stack, the resource and what is wrong — not where the file happens to be.
 */
function fingerprints(stack: StackCheck, violation: Violation): Record<string, string> {
    const identity = [violation.policy, stack.configFile, stack.verdict.stack, violation.urn ?? "", violation.message.trim()].join("\u0000");
    const digest = createHash("sha256").update(identity).digest("hex");
    return { primaryLocationLineHash: `${digest.slice(0, 16)}:1`, "trailguardFinding/v1": digest };
}

function level(mandatory: boolean): Sarif.Result.level {
    return mandatory ? "error" : "warning";
}

/** `urn:pulumi:dev::proj::aws:cloudtrail/trail:Trail::audit` → `aws:cloudtrail/trail:Trail "audit"`. */
function resourceLabel(urn: string): string {
    const parts = urn.split("::");
    if (parts.length < 4) return urn;
    const type = parts[2].split("$").pop()!;
    return `${type} "${parts.slice(3).join("::")}"`;
}

function isUri(value: string): boolean {
    try {
        return Boolean(value) && Boolean(new URL(value).protocol);
    } catch {
        return false;
    }
}
