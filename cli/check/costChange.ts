// The change of each stack's monthly estimate against a baseline report (`--cost-baseline`): what a
// pull request does to the bill. Stacks are matched by name; a stack the baseline lacks is new, a
// baseline stack this run lacks is gone, and a side without an estimate gives no change.
import type { CheckReport, StackCheck } from "./checkReport";
import type { CostBaseline } from "./costBaseline";

export type CostChangeStatus =
    /** Both sides have an estimate. */
    | "compared"
    /** The baseline has no such stack. */
    | "new"
    /** This run has no estimate for the stack (e.g. not a trailguard stack). */
    | "no estimate"
    /** The baseline has the stack but no estimate for it. */
    | "no baseline estimate";

export interface CostChange {
    status: CostChangeStatus;
    baselineMonthlyUsd: number | null;
    monthlyUsd: number | null;
    /** monthlyUsd − baselineMonthlyUsd; null unless compared. */
    changeUsd: number | null;
    /** changeUsd ÷ baselineMonthlyUsd; null unless compared, or when the baseline month was $0 and this one is not. */
    changeRelative: number | null;
}

/** A stack of the baseline this run did not check: removed, renamed, or left out by --stack. */
export interface GoneStack {
    stack: string;
    configFile: string;
    baselineMonthlyUsd: number | null;
}

export interface CostComparison {
    /** The baseline file as given. */
    file: string;
    gone: GoneStack[];
}

/** The report with each stack's costChange and the report's costComparison filled in. */
export function compareCosts(report: CheckReport, baseline: CostBaseline): CheckReport {
    const byName = new Map(baseline.stacks.map((s) => [s.stack, s]));
    const checked = new Set(report.stacks.map((s) => s.verdict.stack));
    const stacks = report.stacks.map((stack): StackCheck => ({ ...stack, costChange: changeOf(stack, byName.get(stack.verdict.stack)) }));
    const gone = baseline.stacks
        .filter((s) => !checked.has(s.stack))
        .map((s) => ({ stack: s.stack, configFile: s.configFile, baselineMonthlyUsd: s.monthlyUsd }));
    return { ...report, stacks, costComparison: { file: baseline.file, gone } };
}

function changeOf(stack: StackCheck, before: CostBaseline["stacks"][number] | undefined): CostChange {
    const monthlyUsd = stack.cost.estimate?.monthlyUsd ?? null;
    const none = { baselineMonthlyUsd: before?.monthlyUsd ?? null, monthlyUsd, changeUsd: null, changeRelative: null };
    if (!before) return { status: "new", ...none };
    if (monthlyUsd === null) return { status: "no estimate", ...none };
    if (before.monthlyUsd === null) return { status: "no baseline estimate", ...none };
    const changeUsd = monthlyUsd - before.monthlyUsd;
    const changeRelative = before.monthlyUsd !== 0 ? changeUsd / before.monthlyUsd : changeUsd === 0 ? 0 : null;
    return { status: "compared", baselineMonthlyUsd: before.monthlyUsd, monthlyUsd, changeUsd, changeRelative };
}
