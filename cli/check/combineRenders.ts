// One stack's verdicts from its renders (a first preview with computed values unknown, and as
// deployed with every value known) made into what the reports show: the violations to act on,
// those only `pulumi up` would catch, what the pack could not decide, the exceptions the stack's
// config accepted (each kind read from the pack's marks, policies/src/findingKinds.ts), and the
// warnings the program logged (its config warnings among them).
import { findingKind } from "../../policies/src/findingKinds";
import type { StackVerdict, Violation } from "../analyzerClient/verdict";
import { compareViolations } from "../analyzerClient/verdict";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { findingKey } from "./checkReport";

/** A policy that could not decide in one render because a value it needs is unknown there. */
export interface UndecidedFinding {
    policy: string;
    urn?: string;
    /** What the policy could not see, without the pack's mark. */
    message: string;
    render: RenderMode;
}

/** A finding the stack's config accepted as an exception, with the reason it records. */
export interface AcceptedExceptionFinding {
    policy: string;
    urn?: string;
    message: string;
    reason: string;
    /** The config key holding the reason. */
    key: string;
}

export interface CombinedVerdict {
    /** Decided violations over every render (the deployed render's wording when both have one). */
    verdict: StackVerdict;
    /** Of verdict.violations, those the deployed render found and the preview render did not. */
    onlyAtUp: Violation[];
    undecided: UndecidedFinding[];
    acceptedExceptions: AcceptedExceptionFinding[];
}

/** @pulumi/policy reports "<description>\n<message>": the part the policy wrote. */
function detail(violation: Violation): string {
    const description = violation.description.trim();
    const message = violation.message.trim();
    return description && message.startsWith(description + "\n") ? message.slice(description.length + 1).trim() : message;
}

interface Sorted {
    violations: Violation[];
    undecided: UndecidedFinding[];
    accepted: AcceptedExceptionFinding[];
}

function sortFindings(verdict: StackVerdict): Sorted {
    const out: Sorted = { violations: [], undecided: [], accepted: [] };
    for (const violation of verdict.violations) {
        const kind = findingKind(detail(violation));
        const where = { policy: violation.policy, ...(violation.urn ? { urn: violation.urn } : {}) };
        if (kind.kind === "undecided") out.undecided.push({ ...where, message: kind.message, render: verdict.mode });
        else if (kind.kind === "accepted-exception") out.accepted.push({ ...where, message: kind.message, reason: kind.reason, key: kind.key });
        else out.violations.push(violation);
    }
    return out;
}

/** Combines the verdicts of one stack's renders, given in render order (preview first). */
export function combineRenders(verdicts: readonly StackVerdict[]): CombinedVerdict {
    const sorted = verdicts.map((verdict) => ({ verdict, ...sortFindings(verdict) }));
    const preview = sorted.find((s) => s.verdict.mode === "preview");
    const deployed = sorted.find((s) => s.verdict.mode === "deployed");
    const last = sorted[sorted.length - 1];
    let violations: Violation[];
    let onlyAtUp: Violation[] = [];
    if (preview && deployed) {
        // Same policy on the same resource is the same finding, whatever values its wording shows.
        const seenInPreview = new Set(preview.violations.map(findingKey));
        const seenDeployed = new Set(deployed.violations.map(findingKey));
        onlyAtUp = deployed.violations.filter((v) => !seenInPreview.has(findingKey(v)));
        violations = [...deployed.violations, ...preview.violations.filter((v) => !seenDeployed.has(findingKey(v)))];
    } else {
        violations = last.violations;
    }
    const accepted = new Map<string, AcceptedExceptionFinding>();
    for (const s of sorted) for (const a of s.accepted) accepted.set(`${findingKey(a)}\u0000${a.key}`, a);
    return {
        verdict: { ...last.verdict, violations: violations.sort(compareViolations) },
        onlyAtUp,
        undecided: sorted.flatMap((s) => s.undecided),
        acceptedExceptions: [...accepted.values()],
    };
}
