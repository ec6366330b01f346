// The seam between `trailguard check` and the engine-side policy harness: one policy pack process,
// started once and reused for every stack of a run.
import type { AnalyzeAnswers } from "../analyzerClient/analyzeAnswers";
import type { PolicyDescriptor, StackVerdict } from "../analyzerClient/verdict";
import type { RenderedStack } from "../mockEngine/renderedStackFormat";

export interface StackAnalysis {
    /** The tags the engine sends with ConfigureStack. */
    stackTags: Record<string, string>;
    /** `--policy-pack-config` JSON for this stack; none: every policy at its pack default. */
    policyConfigFile?: string;
    /** Shared by the analyses of one stack's renders, which use the same policyConfigFile. */
    answers?: AnalyzeAnswers;
}

export interface StackAnalyzer {
    /** The pack's name and version as it announced them. */
    readonly pack: { name: string; version: string };
    /** Every policy the pack declares, in its order, at its default enforcement level. */
    readonly policies: PolicyDescriptor[];
    /** Analyses one rendered stack as `pulumi preview --policy-pack` would. Calls may overlap. */
    analyze(rendered: RenderedStack, analysis: StackAnalysis): Promise<StackVerdict>;
    /** Stops the pack process. */
    close(): Promise<void>;
}

export interface AnalyzerOptions {
    /** Every policy config file the run will use: each is read and checked before any analysis. */
    policyConfigFiles: string[];
}

export type StartAnalyzer = (options: AnalyzerOptions) => Promise<StackAnalyzer>;
