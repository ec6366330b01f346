// What `trailguard cost` runs: the stack's validated settings, the volume (stack config,
// --from-logs, scaled by --events-per-day), the prices (built in or --prices), the estimate, and
// optionally the cheapest compliant plan and a chart.
import * as fs from "fs";
import * as path from "path";
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { scaleVolume, volumeFromStatedVolume, type TrailVolume } from "../../core/cost/trailVolume";
import type { CostCommandOptions } from "../commands/cost";
import { readPulumiProject } from "../pulumiProject/projectFile";
import { readStackConfigFile, stackConfigPath } from "../pulumiProject/stackConfigFile";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";
import { costChartSvg } from "./costChart";
import { formatCostJson, formatCostTable, type CostReport } from "./costReport";
import { measureLogs } from "./measureLogs";
import { readPriceFile } from "./priceFile";
import { suggestPlan } from "./suggestPlan";
import type { Settings } from "../../config/settings";

async function stackSettings(stack: string): Promise<Settings> {
    const { ConfigValidationError, settingsFromConfig } = await import("../../config/validateConfig");
    const project = readPulumiProject(trailguardRoot());
    const file = stackConfigPath(project, stack);
    const { values } = readStackConfigFile(file, project.name);
    try {
        // secure: values read as placeholders: the cost does not depend on endpoints.
        return settingsFromConfig(values, stack, { offlineSecrets: true });
    } catch (err) {
        if (err instanceof ConfigValidationError) throw new UserError(`${file}: ${err.message}`);
        throw err;
    }
}

/** Writes beside the target, then renames: an existing file is replaced whole or not at all. */
function writeWhole(file: string, text: string, flag: string): void {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, file);
    } catch (err) {
        fs.rmSync(temporary, { force: true });
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? `the directory ${path.dirname(file)} does not exist` : code === "EISDIR" ? "it is a directory" : `cannot write (${code ?? String(err)})`;
        throw new UserError(`${flag} ${file}: ${why}`);
    }
}

export async function runCost(opts: CostCommandOptions): Promise<number> {
    if (opts.chart !== undefined && !opts.chart.endsWith(".svg")) throw new UserError(`--chart ${opts.chart}: expected a file name ending in .svg`);
    const prices = opts.prices !== undefined ? readPriceFile(opts.prices) : US_EAST_1_PRICES;
    const settings = await stackSettings(opts.stack);
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
    if (opts.chart !== undefined) writeWhole(opts.chart, costChartSvg(opts.stack, estimate), "--chart");
    process.stdout.write(opts.format === "json" ? formatCostJson(report) : formatCostTable(report));
    return 0;
}
