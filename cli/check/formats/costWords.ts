// How the human formats (text, Markdown, JUnit) write a stack's cost estimate and its change
// against a baseline: dollars to the cent, changes signed, ratios as percentages.
import type { CostChange } from "../costChange";
import type { CostEstimateSummary, StackCost } from "../stackCost";

export function usd(value: number): string {
    return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "+$1.50", "-$0.20", "$0.00". */
export function signedUsd(value: number): string {
    const cents = Math.round(value * 100) / 100;
    if (cents === 0) return usd(0);
    return `${cents > 0 ? "+" : "-"}${usd(Math.abs(cents))}`;
}

/** "+12.5%", "-3.0%", "0.0%"; "n/a" for a change from $0. */
export function signedPercent(ratio: number | null): string {
    if (ratio === null) return "n/a";
    const tenths = Math.round(ratio * 1000) / 10;
    if (tenths === 0) return "0.0%";
    return `${tenths > 0 ? "+" : "-"}${Math.abs(tenths).toFixed(1)}%`;
}

export function pricesLabel(estimate: CostEstimateSummary): string {
    return `${estimate.prices.region} list prices of ${estimate.prices.asOf}`;
}

/** "$1.23 a month at steady state, $14.76 over 12 months", or "no estimate (not a trailguard stack)". */
export function estimateWords(cost: StackCost): string {
    if (!cost.estimate) return `no estimate (${cost.unavailable})`;
    return `${usd(cost.estimate.monthlyUsd)} a month at steady state, ${usd(cost.estimate.cumulativeUsd)} over ${cost.estimate.horizonMonths} months`;
}

/** "+$0.23 (+23.0%)", "new stack", "no estimate", "the baseline has no estimate". */
export function changeWords(change: CostChange): string {
    switch (change.status) {
        case "compared":
            return `${signedUsd(change.changeUsd!)} (${signedPercent(change.changeRelative)})`;
        case "new":
            return "new stack";
        case "no estimate":
            return "no estimate";
        case "no baseline estimate":
            return "the baseline has no estimate";
    }
}
