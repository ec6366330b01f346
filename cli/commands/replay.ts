// `trailguard replay <files or directories…>`: runs the alarms' filter patterns over CloudTrail log
// files offline and reports, per alarm, how many events would have matched. Exit code 0 when it read
// CloudTrail records (problems in individual files or records are reported and skipped), 2 for usage
// errors or when it read no CloudTrail record at all (the report still says why, per file).
import { Command, InvalidArgumentError, Option } from "commander";
import { escapeControlCharacters } from "../format/terminalText";
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
        .argument("<paths...>", "CloudTrail log files (.json, .json.gz, JSON lines; pipes and FIFOs too), directories to search for them, or - for standard input")
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
        const reasons = input.unreadable.map((u) => `${escapeControlCharacters(u.file)}: ${u.message}`);
        throw new UserError(
            reasons.length > 0
                ? `no readable CloudTrail log files: ${reasons.join("; ")}`
                : `no CloudTrail log files (*.json, *.json.gz, *.jsonl) found in ${paths.map((p) => escapeControlCharacters(p)).join(", ")}`,
        );
    }
    const progress = new ProgressLine();
    const report = await replayFiles(input, alarms, {
        maxEventIds: opts.maxEventIds,
        onProgress: (p) => progress.update(p),
    });
    progress.clear();
    process.stdout.write(opts.format === "json" ? formatReplayJson(report) : formatReplayText(report));
    if (report.events > 0) return 0;
    process.stderr.write(
        `trailguard: no CloudTrail record in ${report.files === 0 ? "any readable input" : `${report.files} file${report.files === 1 ? "" : "s"}`}` +
            `${report.errors.length > 0 ? " (see the problems listed)" : ""}\n`,
    );
    return 2;
}
