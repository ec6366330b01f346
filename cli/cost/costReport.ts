// `trailguard cost` output: a table for people, JSON for tools. JSON's `months` entries each carry
// a `total` in USD and the `items` behind it; `prices` lists every figure with its source and date.
import type { CostComponent, CostEstimate, MonthCost } from "../../core/cost/estimateStackCost";
import { priceFigures, type PriceTable } from "../../core/cost/priceTable";
import { eventsPerDay, type TrailVolume } from "../../core/cost/trailVolume";
import type { LifecycleChoice, PricedPlan, Suggestion } from "./suggestPlan";

export interface CostReport {
    stack: string;
    /** Where the volume came from: stack config, --events-per-day or --from-logs. */
    volumeSource: string;
    volume: TrailVolume;
    prices: PriceTable;
    estimate: CostEstimate;
    suggestion?: Suggestion;
}

const COMPONENTS: CostComponent[] = ["CloudTrail", "S3", "KMS", "CloudWatch Logs", "Monitoring"];

const usd = (value: number) => `$${value.toFixed(2)}`;

export function formatCostJson(report: CostReport): string {
    const { estimate } = report;
    const plan = (p: PricedPlan) => ({
        lifecycle: p.choice,
        archiveCostOverHorizon: p.archiveCost,
        monthlyTotal: p.estimate.monthlyTotal,
        cumulativeTotal: p.estimate.cumulativeTotal,
        unmet: p.unmet.map((u) => ({ requirement: u.requirement, citation: u.citation, message: u.message })),
    });
    return (
        JSON.stringify(
            {
                stack: report.stack,
                volumeSource: report.volumeSource,
                volume: report.volume,
                prices: { region: report.prices.region, currency: report.prices.currency, figures: priceFigures(report.prices).map(({ path, figure }) => ({ path, ...figure })) },
                horizonMonths: estimate.horizonMonths,
                monthlyTotal: estimate.monthlyTotal,
                cumulativeTotal: estimate.cumulativeTotal,
                months: estimate.months,
                ...(report.suggestion && {
                    suggestion: {
                        requirements: report.suggestion.requirements,
                        horizonMonths: report.suggestion.horizonMonths,
                        plansSearched: report.suggestion.plansSearched,
                        plansCompliant: report.suggestion.plansCompliant,
                        current: plan(report.suggestion.current),
                        suggested: report.suggestion.suggested ? plan(report.suggestion.suggested) : null,
                    },
                }),
            },
            null,
            2,
        ) + "\n"
    );
}

function table(rows: string[][], rightAligned: (column: number) => boolean): string[] {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    return rows.map((r) => r.map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd());
}

function componentTotal(month: MonthCost, component: CostComponent): number {
    return month.items.filter((i) => i.component === component).reduce((sum, i) => sum + i.usd, 0);
}

export function describeLifecycle(choice: LifecycleChoice): string {
    const moves = choice.transitions.map((t) => `${t.storageClass} at day ${t.days}`);
    return [
        moves.length > 0 ? moves.join(", ") : "no transitions (STANDARD)",
        `expire at day ${choice.expirationDays}`,
        `noncurrent versions ${choice.noncurrentVersionExpirationDays} days`,
        `objects under 128 KB ${choice.transitionDefaultMinimumObjectSize === "varies_by_storage_class" ? "move to GLACIER/DEEP_ARCHIVE only" : "never move"}`,
        `log group ${choice.logGroupDays === 0 ? "never expires" : `${choice.logGroupDays} days`}`,
    ].join("; ");
}

export function formatCostTable(report: CostReport): string {
    const { estimate, volume } = report;
    const lines: string[] = [];
    const regions = volume.regions.map((r) => r.region).join(", ");
    lines.push(`trailguard cost: stack ${report.stack}, prices ${report.prices.region} (USD), volume from ${report.volumeSource}`);
    lines.push(`  ${Math.round(eventsPerDay(volume)).toLocaleString("en-US")} events per day in ${volume.regions.length} region(s): ${regions}`);
    lines.push("");
    const years = Math.ceil(estimate.months.length / 12);
    const rows = [["year", ...COMPONENTS, "total"]];
    for (let y = 0; y < years; y++) {
        const months = estimate.months.slice(y * 12, y * 12 + 12);
        const label = months.length === 12 ? `${y + 1}` : `${y + 1} (${months.length} mo)`;
        rows.push([label, ...COMPONENTS.map((c) => usd(months.reduce((s, m) => s + componentTotal(m, c), 0))), usd(months.reduce((s, m) => s + m.total, 0))]);
    }
    lines.push(...table(rows, (c) => c > 0));
    lines.push("");
    const last = estimate.months[estimate.months.length - 1]!;
    lines.push(`month ${last.month} (steady state), item by item:`);
    const itemRows = [["component", "item", "quantity", "USD"], ...last.items.map((i) => [i.component, i.item, `${formatQuantity(i.quantity)} ${i.unit}`, i.usd.toFixed(4)])];
    lines.push(...table(itemRows, (c) => c >= 2).map((l) => `  ${l}`));
    lines.push("");
    lines.push(`monthly total at steady state: ${usd(estimate.monthlyTotal)}; cumulative over ${estimate.horizonMonths} months: ${usd(estimate.cumulativeTotal)}`);
    if (report.suggestion) lines.push("", ...suggestionLines(report.suggestion));
    return lines.join("\n") + "\n";
}

function formatQuantity(value: number): string {
    return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(3);
}

function suggestionLines(s: Suggestion): string[] {
    const lines = [`--suggest: requirements ${s.requirements.length > 0 ? s.requirements.join(", ") : "none (the stack's own expiration is kept)"}; ${s.plansSearched} plans searched, ${s.plansCompliant} compliant; compared over ${s.horizonMonths} months`];
    const row = (name: string, p: PricedPlan) => [
        `  ${name}: ${describeLifecycle(p.choice)}`,
        `    archive bucket ${usd(p.archiveCost)} over ${s.horizonMonths} months; everything ${usd(p.estimate.cumulativeTotal)}; ${usd(p.estimate.monthlyTotal)} a month at steady state`,
    ];
    lines.push(...row("current  ", s.current));
    for (const u of s.current.unmet) lines.push(`    unmet: ${u.message}`);
    if (!s.suggested) lines.push("  suggested: no plan in the search space meets every requirement");
    else {
        lines.push(...row("suggested", s.suggested));
        const saving = s.current.archiveCost - s.suggested.archiveCost;
        lines.push(`    ${saving >= 0 ? "saves" : "costs"} ${usd(Math.abs(saving))} over ${s.horizonMonths} months${s.current.unmet.length > 0 ? " and meets every requirement" : ""}`);
    }
    return lines;
}
