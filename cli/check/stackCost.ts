// The monthly estimate a `check` report carries for each stack: the cost model
// (core/cost/estimateStackCost.ts) on the stack's validated settings, at the volume its stack file
// states (`trailguard:cost`) and the built-in prices — what `trailguard cost --stack <name>` prints
// without flags. Computed from the settings file's values, never from the render: the cost of a
// stack is what its config asks for, whatever the program does with it. A render worker computes it
// beside the stack's render (RenderJob.estimateCost), where trailguard's config validator is loaded
// already; the check process then never loads it. A stack without trailguard config gets no
// estimate and the reason, never a failed check.
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { priceFigures, US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { volumeFromStatedVolume } from "../../core/cost/trailVolume";
import { trailguardSettingsFromValues, type NoSettingsReason } from "../cost/trailguardSettingsFromValues";

export interface CostEstimateSummary {
    /** The steady-state month (the last of the horizon), USD. */
    monthlyUsd: number;
    /** Every month of the horizon added up, USD. */
    cumulativeUsd: number;
    horizonMonths: number;
    /** The price table: its region, currency and the date its figures were transcribed. */
    prices: { region: string; currency: string; asOf: string };
}

export type StackCost = { estimate: CostEstimateSummary; unavailable?: undefined } | { estimate: null; unavailable: NoSettingsReason };

const PRICES = US_EAST_1_PRICES;
const PRICES_AS_OF = priceFigures(PRICES)
    .map(({ figure }) => figure.asOf)
    .sort()
    .pop()!;

/**
 * @param values the stack settings file's config values (`ns:key` → string)
 * @param file that file, for messages
 */
export function stackCost(values: Record<string, string>, stack: string, file: string): StackCost {
    const read = trailguardSettingsFromValues(values, stack, file);
    if (!read.settings) return { estimate: null, unavailable: read.reason };
    const estimate = estimateStackCost(read.settings, volumeFromStatedVolume(read.settings.cost), PRICES);
    return {
        estimate: {
            monthlyUsd: estimate.monthlyTotal,
            cumulativeUsd: estimate.cumulativeTotal,
            horizonMonths: estimate.horizonMonths,
            prices: { region: PRICES.region, currency: PRICES.currency, asOf: PRICES_AS_OF },
        },
    };
}
