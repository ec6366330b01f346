// Shared by the policy tests: one pack process per test file (started as the engine starts it),
// and renders of the fixture programs and shipped stacks, each rendered once per file.
import * as path from "path";
import { analyzeRenderedStack, AnalyzeOptions } from "../../cli/analyzerClient/analyzeRenderedStack";
import { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import type { StackVerdict, Violation } from "../../cli/analyzerClient/verdict";
import { renderStack, renderTrailguardStack } from "../../cli/mockEngine/renderEntryPoints";
import type { RenderedStack, RenderMode } from "../../cli/mockEngine/renderedStackFormat";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { stackConfigPath } from "../../cli/pulumiProject/stackConfigFile";

export const repositoryRoot = path.resolve(__dirname, "..", "..");
export const packDir = path.join(repositoryRoot, "policies");
export const handwrittenTrail = path.join(repositoryRoot, "test", "fixtures", "programs", "handwritten-trail");

export function startPack(): Promise<PolicyPackProcess> {
    return PolicyPackProcess.start(packDir);
}

const renders = new Map<string, Promise<RenderedStack>>();

/** Renders the hand-written fixture program; `overrides` are `handwritten-trail:<key>` config values. */
export function renderHandwritten(stack: string, mode: RenderMode, overrides: Record<string, string> = {}): Promise<RenderedStack> {
    const key = JSON.stringify(["handwritten", stack, mode, overrides]);
    if (!renders.has(key)) {
        const project = readPulumiProject(handwrittenTrail);
        const configOverrides = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [`handwritten-trail:${k}`, v]));
        renders.set(key, renderStack(project, stackConfigPath(project, stack), stack, { mode, configOverrides }));
    }
    return renders.get(key)!;
}

export function renderShipped(stack: string, mode: RenderMode): Promise<RenderedStack> {
    const key = JSON.stringify(["shipped", stack, mode]);
    if (!renders.has(key)) renders.set(key, renderTrailguardStack(stack, { mode }));
    return renders.get(key)!;
}

export function analyze(pack: PolicyPackProcess, rendered: RenderedStack, options: Omit<AnalyzeOptions, "pack"> = {}): Promise<StackVerdict> {
    return analyzeRenderedStack(rendered, { ...options, pack });
}

export function mandatory(verdict: StackVerdict): Violation[] {
    return verdict.violations.filter((v) => v.enforcementLevel === "mandatory");
}

export function byPolicy(verdict: StackVerdict, policy: string): Violation[] {
    return verdict.violations.filter((v) => v.policy === policy);
}

/** What a reader of the verdict sees, independent of order: for comparing preview with deployed. */
export function summary(verdict: { violations: readonly Pick<Violation, "enforcementLevel" | "policy" | "urn" | "message">[] }): string[] {
    return verdict.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn ?? "-"} ${v.message}`).sort();
}

/** One line per violation, for failure messages. */
export function describeViolations(violations: Violation[]): string {
    return violations.map((v) => `[${v.enforcementLevel}] ${v.policy}: ${v.message}`).join("\n") || "(none)";
}
