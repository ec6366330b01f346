// The seam between `trailguard check` and the engine-side policy harness: one policy pack process,
// started once and reused for every stack of a run.
import type { PolicyDescriptor, StackVerdict } from "../analyzer/verdict";
import type { RenderedStack } from "../mockEngine/renderedStack";

export interface StackAnalyzer {
    /** The pack's name and version as it announced them. */
    readonly pack: { name: string; version: string };
    /** Every policy the pack declares, in its order. */
    readonly policies: PolicyDescriptor[];
    /** Analyses one rendered stack as `pulumi preview --policy-pack` would. Calls may overlap. */
    analyze(rendered: RenderedStack, stackTags: Record<string, string>): Promise<StackVerdict>;
    /** Stops the pack process. */
    close(): Promise<void>;
}

export interface AnalyzerOptions {
    /** A `--policy-pack-config` JSON file, as the Pulumi CLI takes it. */
    policyConfigFile?: string;
}

export type StartAnalyzer = (options: AnalyzerOptions) => Promise<StackAnalyzer>;
