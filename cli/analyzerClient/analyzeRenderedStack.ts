// Replays a rendered stack to a policy pack the way `pulumi preview --policy-pack` (or `pulumi up`)
// drives it: Configure, ConfigureStack, then per resource Remediate (when a policy remediates) and
// Analyze with the resource's inputs, and finally AnalyzeStack with every resource's outputs.
import type { RenderedResource, RenderedStack } from "../mockEngine/renderedStackFormat";
import type { PolicyPackConfig } from "./policyPackConfig";
import { defaultPackDir } from "./policyPackLaunch";
import type { AnalyzeAnswers } from "./analyzeAnswers";
import { EncodedAnalyzeRequest, encodeAnalyzeRequest, EncodedStackRequest, encodeStackRequest } from "./encodedRequests";
import { PolicyPackProcess } from "./policyPackProcess";
import { compareViolations, type PolicyDescriptor, type Remediation, type StackVerdict, type Violation } from "./verdict";

/** The engine analyses resources as their steps run, many at once; so do we, within reason. */
const ANALYZE_CONCURRENCY = 32;

export interface AnalyzeOptions {
    /** A running pack, reused across stacks; otherwise one is started from packDir and closed after. */
    pack?: PolicyPackProcess;
    /** Default: trailguard's own pack (policies/). */
    packDir?: string;
    /** `--policy-pack-config` JSON; default: none (every policy at its default level and settings). */
    policyConfig?: PolicyPackConfig;
    /** Where policyConfig came from, for messages. */
    policyConfigSource?: string;
    stackTags?: Record<string, string>;
    organization?: string;
    /** Keep the pack's current Configure state instead of sending policyConfig. */
    keepConfiguration?: boolean;
    /** Answers shared with other analyses of the same stack under the same policyConfig (AnalyzeAnswers). */
    answers?: AnalyzeAnswers;
}

export async function analyzeRenderedStack(rendered: RenderedStack, options: AnalyzeOptions = {}): Promise<StackVerdict> {
    const pack = options.pack ?? (await PolicyPackProcess.start(options.packDir ?? defaultPackDir()));
    try {
        // Encoded before waiting for the pack, which may still be analysing another stack.
        const encoded = prepared.get(rendered) ?? encodeRequests(rendered);
        prepared.delete(rendered);
        return await pack.exclusive(() => analyzeWith(pack, rendered, encoded, options));
    } finally {
        if (!options.pack) await pack.close();
    }
}

interface EncodedRequests {
    resources: EncodedAnalyzeRequest[];
    stack: EncodedStackRequest;
}

function encodeRequests(rendered: RenderedStack): EncodedRequests {
    return { resources: rendered.resources.map(encodeAnalyzeRequest), stack: encodeStackRequest(rendered.resources) };
}

const prepared = new WeakMap<RenderedStack, EncodedRequests>();

/**
 * Encodes a stack's Analyze and AnalyzeStack requests ahead of analyzeRenderedStack, e.g. as soon as
 * it is rendered while the pack is still starting, so that the encoding is not done later in one
 * burst for every stack waiting for the pack.
 */
export function prepareAnalysis(rendered: RenderedStack): void {
    if (!prepared.has(rendered)) prepared.set(rendered, encodeRequests(rendered));
}

async function analyzeWith(pack: PolicyPackProcess, rendered: RenderedStack, encoded: EncodedRequests, options: AnalyzeOptions): Promise<StackVerdict> {
    const info = await pack.info();
    if (!options.keepConfiguration) await pack.configure(options.policyConfig ?? {}, options.policyConfigSource);
    const levels = pack.enforcementLevels();
    await pack.configureStack({
        stack: rendered.stack,
        project: rendered.project,
        organization: options.organization,
        tags: options.stackTags ?? {},
        dryRun: rendered.mode === "preview",
    });

    const remediating = Object.values(levels).some((level) => level === "remediate");
    const remediations: Remediation[] = [];
    const violations: Violation[] = [];
    const analysed: RenderedResource[] = [...rendered.resources];
    let remediated = false;
    await forEachLimited(rendered.resources, ANALYZE_CONCURRENCY, async (resource, index) => {
        if (remediating && resource.custom) {
            const result = await pack.remediate(resource);
            if (result.remediations.length > 0) {
                remediations.push(...result.remediations);
                // The engine creates the remediated inputs, so the outputs carry them as well.
                analysed[index] = { ...resource, inputs: result.properties, outputs: { ...resource.outputs, ...result.properties } };
                remediated = true;
                violations.push(...(await pack.analyzeResource(analysed[index])));
                return;
            }
        }
        const request = encoded.resources[index];
        const ask = () => pack.analyzeResource(request);
        violations.push(...(await (options.answers ? options.answers.answer(request, ask) : ask())));
    });
    violations.push(...(await pack.analyzeStack(remediated ? analysed : encoded.stack)));

    const policies: PolicyDescriptor[] = info.policies.map((p) => ({ ...p, enforcementLevel: levels[p.name] ?? p.enforcementLevel }));
    return {
        stack: rendered.stack,
        mode: rendered.mode,
        resources: rendered.resources.length,
        violations: violations.sort(compareViolations),
        remediations,
        policies,
    };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            await work(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
