// SARIF 2.1.0 for GitHub code scanning: one rule per policy (its description, remediation as help,
// a security-severity GitHub ranks alerts by), one result per violation located at the stack's
// settings file by a repository-relative URI, with the resource URN as its logical location.
import { createHash } from "crypto";
import * as path from "path";
import { pathToFileURL } from "url";
import type * as Sarif from "sarif";
import type { PolicyDescriptor, Severity, Violation } from "../../analyzerClient/verdict";
import { CAUGHT_AT_UP, CheckReport, isCaughtOnlyAtUp, isMandatory, policiesOf, rendersOf, sortViolations, StackCheck, violationDetail } from "../checkReport";
import { trailguardVersion } from "../trailguardVersion";
import { jsonCost, jsonCostBaseline } from "./json";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub's security-severity scale: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SECURITY_SEVERITY: Record<Exclude<Severity, "">, string> = {
    critical: "9.5",
    high: "8.0",
    medium: "5.5",
    low: "3.0",
};

/** The rule of the warnings a program logs (trailguard's: its config validation's); not a policy of the pack. */
export const CONFIG_WARNING_RULE = "trailguard-program-warning";

const configWarningRule: Sarif.ReportingDescriptor = {
    id: CONFIG_WARNING_RULE,
    name: CONFIG_WARNING_RULE,
    shortDescription: { text: "Program or stack configuration warning" },
    fullDescription: { text: "A warning the program logged while it ran; trailguard's program warns about stack configuration that is allowed but probably not what was meant." },
    help: {
        text: "Read the warning: it names the config key and why the value is suspicious. docs/configuration.md lists every key.",
        markdown: "Read the warning: it names the config key and why the value is suspicious. `docs/configuration.md` lists every key.",
    },
    defaultConfiguration: { level: "warning", enabled: true },
    properties: { tags: ["security", "cloudtrail", "configuration"], precision: "very-high" },
};

export function toSarifLog(report: CheckReport): Sarif.Log {
    const policies = policiesOf(report);
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const warningRuleIndex = policies.length;
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "trailguard",
                        version: trailguardVersion(),
                        rules: [...policies.map(rule), configWarningRule],
                        properties: { policyPack: report.policyPack.name, policyPackVersion: report.policyPack.version },
                    },
                },
                columnKind: "utf16CodeUnits",
                properties: { mode: report.mode, renders: rendersOf(report.mode), ...costProperties(report) },
                results: report.stacks.flatMap((stack) => [
                    ...sortViolations(stack.verdict.violations).map((v) => result(stack, v, ruleIndex.get(v.policy)!)),
                    ...stack.undecided.map((u) => otherResult(stack, "undecided", u.policy, ruleIndex.get(u.policy), u.urn,
                        `could not decide in the ${u.render} render: ${u.message}`, "warning")),
                    ...stack.acceptedExceptions.map((a) => ({
                        ...otherResult(stack, "accepted-exception", a.policy, ruleIndex.get(a.policy), a.urn, `accepted exception (${a.key}: ${JSON.stringify(a.reason)}): ${a.message}`, "note"),
                        // SARIF's own word for a finding someone accepted, with the reason as its justification.
                        suppressions: [{ kind: "external" as const, status: "accepted" as const, justification: a.reason }],
                    })),
                    ...stack.warnings.map((w) => otherResult(stack, "warning", CONFIG_WARNING_RULE, warningRuleIndex, undefined, w, "warning")),
                ]),
            },
        ],
    };
}

/**
 * Each stack's monthly estimate (as in the JSON report: cost, costUnavailable, costChange) and, with
 * a baseline, the baseline's gone stacks: run properties, since a cost is no finding.
 */
function costProperties(report: CheckReport): Sarif.PropertyBag {
    return {
        costs: report.stacks.map((s) => ({ stack: s.verdict.stack, configFile: s.configFile, ...jsonCost(s) })),
        costBaseline: jsonCostBaseline(report),
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

/** An undecided finding, an accepted exception or a config warning, located as violations are. */
function otherResult(
    stack: StackCheck,
    kind: string,
    ruleId: string,
    ruleIndex: number | undefined,
    urn: string | undefined,
    text: string,
    resultLevel: Sarif.Result.level,
): Sarif.Result {
    const subject = urn ? resourceLabel(urn) : "the stack";
    return {
        ruleId,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: resultLevel,
        message: { text: `Stack ${stack.verdict.stack}, ${subject}: ${text}` },
        locations: locations(stack, urn),
        partialFingerprints: fingerprints([kind, ruleId, stack.configFile, stack.verdict.stack, urn ?? "", text.trim()]),
        properties: { stack: stack.verdict.stack, kind, urn: urn ?? null },
    };
}

function locations(stack: StackCheck, urn: string | undefined): Sarif.Location[] {
    return [
        {
            physicalLocation: {
                // Outside the repository (a --program elsewhere) only an absolute file URI can say where.
                artifactLocation: { uri: path.isAbsolute(stack.configFile) ? pathToFileURL(stack.configFile).href : stack.configFile },
                region: { startLine: 1 },
            },
            logicalLocations: [urn ? { fullyQualifiedName: urn, kind: "resource" } : { fullyQualifiedName: `stack:${stack.verdict.stack}`, kind: "module" }],
        },
    ];
}

function result(stack: StackCheck, violation: Violation, ruleIndex: number): Sarif.Result {
    const subject = violation.urn ? resourceLabel(violation.urn) : "the stack";
    const onlyAtUp = isCaughtOnlyAtUp(stack, violation);
    return {
        ruleId: violation.policy,
        ruleIndex,
        level: level(isMandatory(violation)),
        message: { text: `Stack ${stack.verdict.stack}, ${subject}: ${violationDetail(violation)}${onlyAtUp ? ` (${CAUGHT_AT_UP})` : ""}` },
        locations: locations(stack, violation.urn),
        partialFingerprints: fingerprints([violation.policy, stack.configFile, stack.verdict.stack, violation.urn ?? "", violation.message.trim()]),
        properties: {
            stack: stack.verdict.stack,
            policyConfigFile: stack.policyConfigFile ?? null,
            urn: violation.urn ?? null,
            enforcementLevel: violation.enforcementLevel,
            severity: violation.severity,
            frameworks: violation.frameworks,
            caughtOnlyAtUp: onlyAtUp,
        },
    };
}

/**
 * Every result of a stack sits on line 1 of its settings file, so the line-content hash GitHub
 * would compute by itself would merge them into one alert. A finding's identity is what it is about
 * (for a violation: the policy, the stack, the resource and what is wrong), not where the file
 * happens to be; each kind keeps the parts it always had, so existing alerts keep their fingerprints.
 */
function fingerprints(identityParts: readonly string[]): Record<string, string> {
    const identity = identityParts.join("\u0000");
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
