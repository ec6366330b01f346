// What `trailguard cost` runs: the stack's validated settings, the volume (stack config,
// --from-logs, scaled by --events-per-day), the prices (built in or --prices), the estimate, and
// optionally the cheapest compliant plan and a chart.
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { scaleVolume, volumeFromStatedVolume, type TrailVolume } from "../../core/cost/trailVolume";
import type { Settings } from "../../config/settings";
import { checkReportDestination, writeFileWhole } from "../check/writeReport";
import type { CostCommandOptions } from "../commands/cost";
import { readPulumiProject } from "../pulumiProject/projectFile";
import { selectProject } from "../pulumiProject/selectProject";
import { stackConfigPath } from "../pulumiProject/stackConfigFile";
import { UserError } from "../userError";
import { costChartSvg } from "./costChart";
import { formatCostJson, formatCostTable, type CostReport } from "./costReport";
import { measureLogs } from "./measureLogs";
import { readPriceFile } from "./priceFile";
import { suggestPlan } from "./suggestPlan";
import { readTrailguardStackSettings } from "./trailguardStackSettings";

/** The stack of the project `check` would pick (--program, the working directory's, else trailguard's own). */
function stackSettings(program: string | undefined, stack: string): Settings {
    const project = readPulumiProject(selectProject(program).dir);
    const read = readTrailguardStackSettings(stackConfigPath(project, stack), project.name, stack);
    if (!read.settings) throw new UserError(read.message);
    return read.settings;
}

export async function runCost(opts: CostCommandOptions): Promise<number> {
    if (opts.chart !== undefined) {
        if (!opts.chart.endsWith(".svg")) throw new UserError(`--chart ${opts.chart}: expected a file name ending in .svg`);
        // A chart that could not be written is found before anything is priced.
        checkReportDestination("--chart", opts.chart, "write", "the chart");
    }
    const prices = opts.prices !== undefined ? readPriceFile(opts.prices) : US_EAST_1_PRICES;
    const settings = stackSettings(opts.program, opts.stack);
    let volume: TrailVolume;
    let volumeSource: string;
    if (opts.fromLogs !== undefined) {
        const measured = measureLogs(opts.fromLogs, settings.cost.digestFileBytes, settings.cost.paidManagementEventCopy);
        volume = measured.volume;
        volumeSource = `--from-logs ${opts.fromLogs} (${measured.files} files)`;
    } else {
        volume = volumeFromStatedVolume(settings.cost);
        volumeSource = `stack config (trailguard:cost)`;
    }
    if (opts.eventsPerDay !== undefined) {
        try {
            volume = scaleVolume(volume, opts.eventsPerDay);
        } catch {
            throw new UserError(`--events-per-day ${opts.eventsPerDay}: the ${opts.fromLogs ? "measured" : "stated"} volume has no events to scale`);
        }
        volumeSource += `, scaled to ${opts.eventsPerDay} events per day`;
    }
    const estimate = estimateStackCost(settings, volume, prices);
    const report: CostReport = { stack: opts.stack, volumeSource, volume, prices, estimate };
    if (opts.suggest) report.suggestion = suggestPlan(settings, volume, prices);
    if (opts.chart !== undefined) writeFileWhole(costChartSvg(opts.stack, estimate), opts.chart, "--chart", "the chart");
    process.stdout.write(opts.format === "json" ? formatCostJson(report) : formatCostTable(report));
    return 0;
}
