// What `trailguard check` does once its command line is parsed (commands/check.ts) and the policy
// pack is launched: resolve the stacks, render and analyse them, write the report, set the exit code.
import { readPolicyPackConfig } from "../analyzerClient/policyPackConfig";
import type { PolicyPackLaunch } from "../analyzerClient/policyPackLaunch";
import type { CheckOptions } from "../commands/check";
import { escapeControlCharactersDeep } from "../format/terminalText";
import { warnAboutSharedNamePrefixes } from "../pulumiProject/sharedNamePrefixes";
import { UserError } from "../userError";
import { summarize } from "./checkReport";
import { resolveCheckTargets } from "./checkTargets";
import type { CostBaseline } from "./costBaseline";
import { compareCosts } from "./costChange";
import { wantsColour } from "./colour";
import { formatReport } from "./formats";
import { packAnalyzerFor } from "./packAnalyzer";
import { progressLines } from "./progressLines";
import { repositoryRoot } from "./repositoryRoot";
import { runChecks } from "./runChecks";
import { appendReport, writeReport } from "./writeReport";

/** @param costBaseline `--cost-baseline`, already read and validated (costBaseline.ts) */
export async function runCheckCommand(opts: CheckOptions, launch: PolicyPackLaunch, costBaseline?: CostBaseline): Promise<void> {
    const targets = resolveCheckTargets({
        stacks: opts.stack,
        program: opts.program,
        config: opts.config,
        policyConfig: opts.policyPackConfig,
    });
    warnAboutSharedNamePrefixes(targets);
    // A policy config that is not even JSON fails before any stack is rendered.
    if (opts.policyPackConfig !== undefined) readPolicyPackConfig(opts.policyPackConfig);
    const checked = await runChecks(targets, {
        mode: opts.mode ?? "both",
        startAnalyzer: packAnalyzerFor(launch),
        root: repositoryRoot(),
        renderConcurrency: opts.jobs,
        progress: opts.quiet ? undefined : progressLines(process.stderr),
    });
    const report = costBaseline ? compareCosts(checked, costBaseline) : checked;
    const colour = opts.output === undefined && opts.format === "text" && wantsColour(process.stdout);
    // Text and Markdown are read on terminals: what the stacks and policies said is shown, never
    // obeyed (JSON, SARIF and JUnit escape control characters by their own encodings).
    const shown = opts.format === "text" || opts.format === "markdown" ? escapeControlCharactersDeep(report, { keepLineBreaks: true }) : report;
    const summary = summarize(report);
    try {
        writeReport(formatReport(shown, opts.format, { colour }), opts.output);
        if (opts.markdownSummary !== undefined) appendReport(formatReport(report, "markdown", { colour: false }), opts.markdownSummary);
    } catch (err) {
        // The destinations were checked before the run; should one fail now (a full disk), the
        // verdict still reaches the log.
        if (!(err instanceof UserError)) throw err;
        const verdict = summary.passed ? "passed" : `failed with ${summary.mandatory} mandatory violation${summary.mandatory === 1 ? "" : "s"}`;
        throw new UserError(`${err.message} (the check itself ${verdict})`);
    }
    process.exitCode = summary.passed ? 0 : 1;
}
