// The monthly estimate a `check` report carries for each stack: the cost model
// (core/cost/estimateStackCost.ts) on the stack's validated settings, at the volume its stack file
// states (`trailguard:cost`) and the built-in prices — what `trailguard cost --stack <name>` prints
// without flags. Computed from the settings file, never from the render: the cost of a stack is
// what its config asks for, whatever the program does with it. A stack without trailguard config
// gets no estimate and the reason, never a failed check.
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { priceFigures, US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { volumeFromStatedVolume } from "../../core/cost/trailVolume";
import { readTrailguardStackSettings, type NoSettingsReason } from "../cost/trailguardStackSettings";

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

/** @param project the Pulumi project's name (keys without a namespace are its own) */
export function stackCost(configFile: string, project: string, stack: string): StackCost {
    const read = readTrailguardStackSettings(configFile, project, stack);
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
