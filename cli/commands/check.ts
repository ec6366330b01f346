// `trailguard check`: renders stacks offline with the mock engine, runs the policy pack on them
// through the analyzer protocol, and reports in a format for people (text), machines (json), code
// scanning (sarif), pull requests (markdown) or CI test views (junit). Exit 1 on a mandatory
// violation; usage and program errors exit 2 through UserError. This module only parses the command
// line: the pack's start-up is the longest single step of a check, so the pack and a render worker
// are launched before the rest of the command (check/checkCommand.ts) is even loaded.
import { Command, InvalidArgumentError, Option } from "commander";
import { launchTrailguardPack } from "../analyzerClient/policyPackLaunch";
import { requireFreshBuild } from "../buildFreshness";
import { useFastChildProcesses } from "../check/childProcessOptions";
import { REPORT_FORMATS, type ReportFormat } from "../check/formats/reportFormat";
import { checkReportDestination } from "../check/writeReport";
import { defaultRenderWorkers, renderWorkersDeferAwsServices, setRenderTimeout, setRenderWorkers, sharedRenderPool } from "../mockEngine/renderWorkerPool";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { selectProject } from "../pulumiProject/selectProject";
import { trailguardRoot } from "../trailguardRoot";
import { renderTimeoutOption } from "./renderTimeoutOption";

export interface CheckOptions {
    stack?: string[];
    program?: string;
    config?: string;
    /** One render only; absent: both (preview and deployed). */
    mode?: RenderMode;
    policyPackConfig?: string;
    format: ReportFormat;
    output?: string;
    markdownSummary?: string;
    costBaseline?: string;
    jobs: number;
    timeout: number;
    quiet?: boolean;
}

export function registerCheckCommand(program: Command): void {
    program
        .command("check")
        .description(
            "run the trailguard policy pack on stacks rendered offline (no cloud credentials); " +
                "exit 0 passed, 1 mandatory violations, 2 usage, config or program error",
        )
        .option("--stack <name>", "check this stack only (repeatable); default: every stack", collect)
        .option("--program <dir>", "the Pulumi TypeScript/JavaScript program directory (with Pulumi.yaml) to check; default: the working directory's project, else trailguard's own")
        .option("--config <file>", "check this stack settings file (Pulumi.<stack>.yaml) of the project only")
        .addOption(
            new Option(
                "--mode <mode>",
                "judge one render only: preview (computed values unknown, as in `pulumi preview`) or deployed (as after `pulumi up`); default: both",
            ).choices(["preview", "deployed"]),
        )
        .option("--policy-pack-config <file>", "policy config JSON, as for `pulumi preview --policy-pack-config`, for every stack; default per stack: policies/stacks/<stack>.json, else policies/environments/<environment>.json, else the pack's defaults")
        .addOption(new Option("--format <format>", "report format").choices([...REPORT_FORMATS]).default("text"))
        .option("--output <file>", "write the report to this file (atomically) instead of stdout")
        .option("--markdown-summary <file>", "also append the Markdown report to this file, e.g. \"$GITHUB_STEP_SUMMARY\"")
        .option("--cost-baseline <file>", "a previous check's JSON report (--format json): add each stack's change in monthly cost against it")
        .option("--jobs <n>", "render worker processes (default: one per core, less the one the policy pack uses)", positiveInteger, defaultRenderWorkers())
        .addOption(renderTimeoutOption())
        .option("--quiet", "no progress lines on stderr")
        .action(async (opts: CheckOptions) => {
            // A report that could not be written would be found only after the whole run, and hide its verdict.
            if (opts.output !== undefined) checkReportDestination("--output", opts.output, "write");
            if (opts.markdownSummary !== undefined) checkReportDestination("--markdown-summary", opts.markdownSummary, "append");
            // So would a baseline that cannot be compared with.
            const costBaseline = opts.costBaseline === undefined ? undefined : (await import("../check/costBaseline")).readCostBaseline(opts.costBaseline);
            // Never judge code older than the sources: the pack and the program run compiled.
            requireFreshBuild(trailguardRoot());
            // A --program that is not a directory fails before anything starts.
            const project = selectProject(opts.program);
            useFastChildProcesses();
            setRenderWorkers(opts.jobs);
            setRenderTimeout(opts.timeout);
            const launch = launchTrailguardPack();
            // trailguard's own program imports @pulumi/aws as a whole; other programs may not.
            if (project.own) renderWorkersDeferAwsServices();
            sharedRenderPool().warm();
            // Interrupted (Ctrl-C, a CI timeout): the pack has no channel to notice that, so end it
            // and the workers, then die of the same signal.
            for (const signal of ["SIGINT", "SIGTERM"] as const) {
                process.once(signal, () => {
                    launch.kill();
                    sharedRenderPool().close();
                    process.kill(process.pid, signal);
                });
            }
            try {
                const { runCheckCommand } = await import("../check/checkCommand");
                await runCheckCommand(opts, launch, costBaseline);
            } catch (err) {
                launch.kill();
                throw err;
            }
        });
}

function collect(value: string, previous: string[] = []): string[] {
    return [...previous, value];
}

function positiveInteger(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
    return n;
}
