// What one `trailguard check` run found, as every report format receives it: the verdict of each
// stack (sorted by stack name, whatever order they finished in) and where its settings came from.
import { codePointOrder, compareViolations, isMandatory, type PolicyDescriptor, type StackVerdict, type Violation } from "../analyzerClient/verdict";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import type { AcceptedExceptionFinding, UndecidedFinding } from "./combineRenders";
import type { CostChange, CostComparison } from "./costChange";
import type { StackCost } from "./stackCost";

export type { AcceptedExceptionFinding, UndecidedFinding };

/**
 * Which renders a check judges: one (`--mode`), or by default both, a first preview with computed
 * values unknown (what `pulumi preview` sees) and as deployed (what `pulumi up` sees).
 */
export type CheckMode = RenderMode | "both";

/** The renders a check mode judges, preview first. */
export function rendersOf(mode: CheckMode): RenderMode[] {
    return mode === "both" ? ["preview", "deployed"] : [mode];
}

/** How the reports name a check mode. */
export function modeLabel(mode: CheckMode): string {
    return mode === "both" ? "preview and deployed" : mode;
}

export interface StackCheck {
    /** Decided violations over every render judged (undecided findings and accepted exceptions apart). */
    verdict: StackVerdict;
    mode: CheckMode;
    /** Of verdict.violations, those only the deployed render found: caught at `pulumi up`, invisible to `pulumi preview`. */
    onlyAtUp: Violation[];
    /** Policies that could not decide in a render because a value they need is unknown there. */
    undecided: UndecidedFinding[];
    /** Findings the stack's config accepted as exceptions, with their reasons. */
    acceptedExceptions: AcceptedExceptionFinding[];
    /** What the program warned about while it ran (its config warnings among them), once each. */
    warnings: string[];
    /** The stack settings file, relative to the repository root ('/' separators). */
    configFile: string;
    /** The program directory, relative to the repository root ('.' for the root). */
    programDir: string;
    /** The policy config the stack was checked under, relative to the repository root. */
    policyConfigFile?: string;
    /** Wall-clock seconds from render start to verdict; reported by JUnit only. */
    seconds: number;
    /** The monthly estimate from the stack's settings (stackCost.ts), or why there is none. */
    cost: StackCost;
    /** With `--cost-baseline`: the change of the monthly estimate against the baseline report. */
    costChange?: CostChange;
}

export interface CheckReport {
    mode: CheckMode;
    policyPack: { name: string; version: string };
    /** Every policy the pack declared, by name, in the pack's order. */
    policies: PolicyDescriptor[];
    stacks: StackCheck[];
    /** With `--cost-baseline`: the baseline and its stacks this run did not check. */
    costComparison?: CostComparison;
}

export interface CheckSummary {
    stacks: number;
    resources: number;
    mandatory: number;
    advisory: number;
    /** Violations only the deployed render found (caught at `pulumi up`, invisible to `pulumi preview`). */
    caughtAtUp: number;
    /** Findings a policy could not decide in a render. */
    undecided: number;
    acceptedExceptions: number;
    warnings: number;
    /** True when no stack has a mandatory violation: exit code 0. */
    passed: boolean;
}

/** The message reports show for a violation only the deployed render found. */
export const CAUGHT_AT_UP = "caught at `pulumi up`, invisible to `pulumi preview`";

/** A finding's identity across renders and copies of a report: the same policy on the same resource. */
export const findingKey = (f: { policy: string; urn?: string }): string => `${f.policy}\u0000${f.urn ?? ""}`;

/** By identity, not object: reports are copied (escaped for a terminal) before they are formatted. */
export function isCaughtOnlyAtUp(stack: StackCheck, violation: Violation): boolean {
    const key = findingKey(violation);
    return stack.onlyAtUp.some((v) => findingKey(v) === key);
}

export { isMandatory };

export function summarize(report: CheckReport): CheckSummary {
    const all = report.stacks.flatMap((s) => s.verdict.violations);
    const mandatory = all.filter(isMandatory).length;
    return {
        stacks: report.stacks.length,
        resources: report.stacks.reduce((sum, s) => sum + s.verdict.resources, 0),
        mandatory,
        advisory: all.filter((v) => v.enforcementLevel === "advisory").length,
        caughtAtUp: report.stacks.reduce((sum, s) => sum + s.onlyAtUp.length, 0),
        undecided: report.stacks.reduce((sum, s) => sum + s.undecided.length, 0),
        acceptedExceptions: report.stacks.reduce((sum, s) => sum + s.acceptedExceptions.length, 0),
        warnings: report.stacks.reduce((sum, s) => sum + s.warnings.length, 0),
        passed: mandatory === 0,
    };
}

/** Orders violations so every format lists them identically (verdict.ts compareViolations). */
export function sortViolations(violations: Violation[]): Violation[] {
    return [...violations].sort(compareViolations);
}

/** The violations of one stack grouped by policy, policies in the pack's declared order. */
export function violationsByPolicy(report: CheckReport, stack: StackCheck): Array<{ policy: PolicyDescriptor; violations: Violation[] }> {
    const groups = new Map<string, Violation[]>();
    for (const violation of sortViolations(stack.verdict.violations)) {
        const list = groups.get(violation.policy) ?? [];
        list.push(violation);
        groups.set(violation.policy, list);
    }
    return policiesOf(report, stack)
        .filter((p) => groups.has(p.name))
        .map((policy) => ({ policy, violations: groups.get(policy.name)! }));
}

/**
 * The report's policies plus a stand-in for any policy a violation names that the pack did not
 * declare (a pack bug, but the finding must still be reported).
 */
export function policiesOf(report: CheckReport, stack?: StackCheck): PolicyDescriptor[] {
    // A stack's own descriptors carry the enforcement levels its policy config set.
    const declared = stack && stack.verdict.policies.length > 0 ? stack.verdict.policies : report.policies;
    const known = new Set(declared.map((p) => p.name));
    const extra = new Map<string, PolicyDescriptor>();
    const stacks = stack ? [stack] : report.stacks;
    for (const violation of stacks.flatMap((s) => s.verdict.violations)) {
        if (known.has(violation.policy) || extra.has(violation.policy)) continue;
        extra.set(violation.policy, {
            name: violation.policy,
            displayName: violation.policy,
            description: violation.description,
            enforcementLevel: violation.enforcementLevel,
            severity: violation.severity,
            remediationSteps: "",
            url: "",
            frameworks: violation.frameworks,
        });
    }
    return [...declared, ...[...extra.values()].sort((a, b) => compare(a.name, b.name))];
}

/**
 * What a violation says beyond its policy's description. @pulumi/policy reports
 * "<description>\n<message>"; reports that already name the policy show only the second part.
 */
export function violationDetail(violation: Violation): string {
    const message = violation.message.trim();
    const description = violation.description.trim();
    if (description && message.startsWith(description + "\n")) return message.slice(description.length + 1).trim();
    return message;
}

export const compare = codePointOrder;
