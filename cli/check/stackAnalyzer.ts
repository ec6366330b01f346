// The seam between `trailguard check` and the engine-side policy harness: one policy pack process,
// started once and reused for every stack of a run.
import type { AnalyzeAnswers } from "../analyzerClient/analyzeAnswers";
import type { PolicyDescriptor, StackVerdict } from "../analyzerClient/verdict";
import type { RenderIdentity } from "../analyzerClient/analyzeRenderedStack";
import type { RenderedResource, RenderedStack } from "../mockEngine/renderedStackFormat";

/** One render's analysis, fed as the render goes (analyzeRenderedStack.ts RenderAnalysis). */
export interface RenderAnalysisHandle {
    /** Resources as the program registered them, in order. */
    add(resources: readonly RenderedResource[]): void;
    /** The finished render, whose resources are the ones added: its verdict. */
    finish(rendered: RenderedStack): Promise<StackVerdict>;
    /** The render failed: no verdict is wanted. */
    abandon(): void;
}

export interface StackAnalysis {
    /** The tags the engine sends with ConfigureStack. */
    stackTags: Record<string, string>;
    /** `--policy-pack-config` JSON for this stack; none: every policy at its pack default. */
    policyConfigFile?: string;
    /** Shared by the analyses of one stack's renders, which use the same policyConfigFile. */
    answers?: AnalyzeAnswers;
}

/** The analyzer once started. */
export interface StackAnalyzer {
    /** The pack's name and version as it announced them. */
    readonly pack: { name: string; version: string };
    /** Every policy the pack declares, in its order, at its default enforcement level. */
    readonly policies: PolicyDescriptor[];
    /** Stops the pack process. */
    close(): Promise<void>;
}

/** An analyzer from the moment its start is asked for: renders can begin their analyses at once. */
export interface StartingAnalyzer {
    /**
     * Starts analysing one render as `pulumi preview --policy-pack` would, before the render has
     * finished (and before the analyzer has started): its resources are added as the program
     * registers them. Analyses may overlap; one begun on an analyzer that fails to start fails with
     * the same error.
     */
    begin(render: RenderIdentity, analysis: StackAnalysis): RenderAnalysisHandle;
    /** The started analyzer; rejects when it cannot start. */
    readonly started: Promise<StackAnalyzer>;
}

export interface AnalyzerOptions {
    /** Every policy config file the run will use: each is read and checked before any analysis. */
    policyConfigFiles: string[];
}

export type StartAnalyzer = (options: AnalyzerOptions) => StartingAnalyzer;
