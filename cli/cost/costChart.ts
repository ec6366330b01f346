// `trailguard cost --chart FILE.svg`: stored GB per storage class (stacked areas, left axis) and
// the monthly cost (line, right axis) over the horizon, drawn by Apache ECharts' server-side SVG
// renderer (no DOM, no hand-written SVG).
import type { CostEstimate } from "../../core/cost/estimateStackCost";
import { STORAGE_CLASSES } from "../../core/cost/storageClasses";

export function costChartSvg(stack: string, estimate: CostEstimate, width = 960, height = 540): string {
    // Loaded on demand: only --chart pays for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const echarts = require("echarts") as typeof import("echarts");
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
    const months = estimate.months.map((m) => String(m.month));
    const classes = STORAGE_CLASSES.filter((c) => estimate.months.some((m) => m.storedGb[c] > 0));
    chart.setOption({
        animation: false,
        title: { text: `trailguard cost: stack ${stack}`, left: "center" },
        legend: { top: 30, data: [...classes, "CloudWatch Logs", "monthly cost (USD)"] },
        grid: { top: 80, left: 70, right: 80, bottom: 60 },
        xAxis: { type: "category", name: "month", nameLocation: "middle", nameGap: 30, data: months },
        yAxis: [
            { type: "value", name: "stored GB" },
            { type: "value", name: "USD per month", position: "right" },
        ],
        series: [
            ...classes.map((c) => ({
                name: c,
                type: "line" as const,
                stack: "storage",
                areaStyle: {},
                symbol: "none",
                data: estimate.months.map((m) => round(m.storedGb[c])),
            })),
            { name: "CloudWatch Logs", type: "line" as const, symbol: "none", data: estimate.months.map((m) => round(m.logGroupGb)) },
            { name: "monthly cost (USD)", type: "line" as const, yAxisIndex: 1, symbol: "none", lineStyle: { width: 3 }, data: estimate.months.map((m) => round(m.total)) },
        ],
    });
    const svg = chart.renderToSVGString();
    chart.dispose();
    return svg;
}

function round(value: number): number {
    return Math.round(value * 1000) / 1000;
}
