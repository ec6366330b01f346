// `trailguard replay <files or directories…>`: runs the alarms' filter patterns over CloudTrail log
// files offline and reports, per alarm, how many events would have matched. Exit code 0 when it ran
// (problems in individual files or records are reported and skipped), 2 for usage errors or when no
// input could be read at all.
import { Command, InvalidArgumentError, Option } from "commander";
import { UserError } from "../userError";
import type { ReplayAlarm } from "../replay/replayAlarms";

interface ReplayCommandOptions {
    stack?: string;
    format: "text" | "json";
    maxEventIds: number;
}

export function registerReplayCommand(program: Command): void {
    program
        .command("replay")
        .description("count, per alarm, the CloudTrail events in log files that its filter pattern matches")
        .argument("<paths...>", "CloudTrail log files (.json, .json.gz, JSON lines) or directories to search for them")
        .option("--stack <name>", "replay the enabled alarms of stacks/Pulumi.<name>.yaml (default: every catalogue control)")
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
        .addOption(
            new Option("--max-event-ids <n>", "matching eventIDs listed per alarm in JSON output").argParser(parseCount).default(100),
        )
        .action(async (paths: string[], opts: ReplayCommandOptions) => {
            process.exitCode = await replay(paths, opts);
        });
}

function parseCount(value: string): number {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
    return Number(value);
}

async function replay(paths: string[], opts: ReplayCommandOptions): Promise<number> {
    // Loaded here, not at start-up: every other command would pay for them (see main.ts).
    const [{ listInputFiles }, { ProgressLine }, { catalogueAlarms }, { formatReplayJson, formatReplayText }, { replayFiles }, { stackAlarms }] =
        await Promise.all([
            import("../replay/inputFiles"),
            import("../replay/progressLine"),
            import("../replay/replayAlarms"),
            import("../replay/replayReport"),
            import("../replay/replayRun"),
            import("../replay/stackAlarms"),
        ]);
    const alarms: ReplayAlarm[] = opts.stack === undefined ? catalogueAlarms() : await stackAlarms(opts.stack);
    const input = await listInputFiles(paths);
    if (input.files.length === 0) {
        const reasons = input.unreadable.map((u) => `${u.file}: ${u.message}`);
        throw new UserError(
            reasons.length > 0
                ? `no readable CloudTrail log files: ${reasons.join("; ")}`
                : `no CloudTrail log files (*.json, *.json.gz, *.jsonl) found in ${paths.join(", ")}`,
        );
    }
    const progress = new ProgressLine();
    const report = await replayFiles(input, alarms, {
        maxEventIds: opts.maxEventIds,
        onProgress: (p) => progress.update(p),
    });
    progress.clear();
    process.stdout.write(opts.format === "json" ? formatReplayJson(report) : formatReplayText(report));
    return report.files === 0 ? 2 : 0;
}
