// Renders every target with the mock engine (at most `renderConcurrency` renders at once) and hands
// each render's resources to one shared policy pack process as the program registers them, as the
// engine does, so the pack's start-up and the analyses overlap the renders. Results come back sorted
// by stack name.
import * as path from "path";
import { AnalyzeAnswers } from "../analyzerClient/analyzeAnswers";
import type { RenderedResource, RenderMode } from "../mockEngine/renderedStackFormat";
import { defaultRenderWorkers, JOBS_PER_WORKER } from "../mockEngine/renderWorkerPool";
import { UserError } from "../userError";
import type { CheckMode, CheckReport, StackCheck } from "./checkReport";
import { compare, rendersOf } from "./checkReport";
import { combineRenders } from "./combineRenders";
import type { CheckTarget } from "./checkTargets";
import { concurrencyLimit } from "./concurrencyLimit";
import type { StartAnalyzer } from "./stackAnalyzer";
import type { StackCost } from "./stackCost";

export interface CheckProgress {
    stackStarted?(target: CheckTarget, index: number, total: number): void;
    stackFinished?(check: StackCheck, done: number, total: number): void;
    stackFailed?(target: CheckTarget, error: Error, done: number, total: number): void;
}

export interface RunChecksOptions {
    /** One render, or "both": preview and deployed (checkReport.ts CheckMode). */
    mode: CheckMode;
    startAnalyzer: StartAnalyzer;
    /** Directory report paths are relative to (the repository root). */
    root: string;
    /** Renders in flight at once; default: one per core less the pack's (defaultRenderWorkers). */
    renderConcurrency?: number;
    progress?: CheckProgress;
}

export async function runChecks(targets: CheckTarget[], options: RunChecksOptions): Promise<CheckReport> {
    // The pack starts while the first renders run; a pack that cannot start fails the run.
    const policyConfigFiles = [...new Set(targets.flatMap((t) => (t.policyConfigFile ? [t.policyConfigFile] : [])))];
    const starting = options.startAnalyzer({ policyConfigFiles });
    const analyzerStarting = starting.started;
    let analyzerFailed = false;
    analyzerStarting.catch(() => (analyzerFailed = true));
    // Each worker holds its next job besides the one it renders (renderWorkerPool.ts).
    const limit = concurrencyLimit((options.renderConcurrency ?? defaultRenderWorkers()) * JOBS_PER_WORKER);
    const total = targets.length;
    let done = 0;

    const outcomes = await Promise.allSettled(
        targets.map((target, index) =>
            (async () => {
                let started: bigint | undefined;
                // The preview and deployed renders share the answers to requests they both send.
                const answers = new AnalyzeAnswers();
                try {
                    // Each render is analysed as soon as it is ready; with two, both render at once when slots allow.
                    const modes = rendersOf(options.mode);
                    let cost: StackCost | undefined;
                    const judged = await Promise.all(
                        modes.map(async (mode, renderIndex) => {
                            // The stack's last render prices it too, in the worker (stackCost.ts).
                            const estimateCost = renderIndex === modes.length - 1;
                            // Only the render holds a slot: the next stack renders while this one is analysed.
                            const priced = await limit(async () => {
                                // A policy config the pack rejects fails the run; rendering the rest would be waste.
                                if (analyzerFailed) await analyzerStarting;
                                // The stack starts with its first render, not while it waits for a slot.
                                if (started === undefined) {
                                    options.progress?.stackStarted?.(target, index, total);
                                    started = process.hrtime.bigint();
                                }
                                // Analysed as it renders, taking its turns on the pack once its first resources arrive.
                                const analysis = starting.begin({ stack: target.stack, project: target.project, mode }, {
                                    stackTags: stackTags(target),
                                    policyConfigFile: target.policyConfigFile,
                                    answers,
                                });
                                try {
                                    return { analysis, ...(await renderNamingFile(target, mode, estimateCost, (resources) => analysis.add(resources))) };
                                } catch (err) {
                                    analysis.abandon();
                                    throw err;
                                }
                            });
                            if (estimateCost) cost = priced.cost;
                            const verdict = await priced.analysis.finish(priced.rendered);
                            return { verdict, warnings: priced.rendered.warnings };
                        }),
                    );
                    const combined = combineRenders(judged.map((j) => j.verdict));
                    const check: StackCheck = {
                        ...combined,
                        mode: options.mode,
                        warnings: [...new Set(judged.flatMap((j) => j.warnings))],
                        configFile: relativePath(options.root, target.configFile),
                        programDir: relativePath(options.root, target.programDir),
                        policyConfigFile: target.policyConfigFile && relativePath(options.root, target.policyConfigFile),
                        seconds: Number(process.hrtime.bigint() - (started ?? process.hrtime.bigint())) / 1e9,
                        cost: cost ?? missingCost(target),
                    };
                    options.progress?.stackFinished?.(check, ++done, total);
                    return check;
                } catch (err) {
                    options.progress?.stackFailed?.(target, err as Error, ++done, total);
                    throw err;
                }
            })(),
        ),
    );

    const failures = [...new Set(outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason))];
    const analyzer = await analyzerStarting.catch((err) => {
        // A pack that cannot start is reported once (every stack's analysis failed with it).
        if (!failures.includes(err)) failures.unshift(err);
        return undefined;
    });
    await analyzer?.close();
    if (failures.length > 0 || !analyzer) {
        const internal = failures.find((f) => !(f instanceof UserError));
        if (internal) throw internal;
        // Every stack that cannot be checked is named, not just the first; no partial report is
        // written, since a partial SARIF upload would close the missing stacks' alerts.
        throw new UserError(failures.map((f: UserError) => f.message).join("\n"));
    }
    const stacks = outcomes
        .map((o) => (o as PromiseFulfilledResult<StackCheck>).value)
        .sort((a, b) => compare(a.verdict.stack, b.verdict.stack) || compare(a.configFile, b.configFile));
    return { mode: options.mode, policyPack: analyzer.pack, policies: analyzer.policies, stacks };
}

/** A render failure always names the settings file, even when the program's own message does not. */
async function renderNamingFile(target: CheckTarget, mode: RenderMode, estimateCost: boolean, onResources: (resources: RenderedResource[]) => void) {
    try {
        return await target.render(mode, { estimateCost, onResources });
    } catch (err) {
        if (err instanceof UserError && !err.message.includes(target.configFile)) {
            throw new UserError(`stack ${target.stack} (${target.configFile}): ${err.message}`, err.exitCode);
        }
        throw err;
    }
}

/** The tags the Pulumi engine attaches to every stack it hands a policy pack. */
function stackTags(target: CheckTarget): Record<string, string> {
    return { "pulumi:project": target.project, "pulumi:runtime": "nodejs" };
}

/** Repository-relative with '/' separators; a file outside the repository keeps its absolute path. */
function relativePath(root: string, file: string): string {
    const relative = path.relative(root, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return file;
    return relative === "" ? "." : relative.split(path.sep).join("/");
}

/** The last render of a stack always asks for its cost; a worker that answered without it is a bug. */
function missingCost(target: CheckTarget): never {
    throw new Error(`the render of stack ${target.stack} came back without the cost estimate it asked for`);
}
