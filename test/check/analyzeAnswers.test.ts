// `check` sends an Analyze request that both renders of a stack send alike only once, and uses the
// pack's answer for both (AnalyzeAnswers, cli/analyzerClient/analyzeAnswers.ts). Checked here
// against a second method: each render analysed on its own, every request sent. Which resources
// send the same request is decided independently too: the fields the engine puts in an Analyze
// request (urn, type, name, inputs, options, parent) deep-equal between the two renders.
import { isDeepStrictEqual } from "util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzeAnswers } from "../../cli/analyzerClient/analyzeAnswers";
import { readPolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import type { RenderedResource, RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { analyze, renderShipped, repositoryRoot, startPack, summary } from "../policies/support";
import { shippedStacks } from "../support/shippedStacks";
import * as path from "path";

let pack: PolicyPackProcess;
beforeAll(async () => {
    pack = await startPack();
});
afterAll(() => pack?.close());

/** What Analyze sends for a resource, as the engine builds the request. */
function analyzeFields(resource: RenderedResource) {
    return { urn: resource.urn, type: resource.type, name: resource.name, inputs: resource.inputs, options: resource.options, parent: resource.parent };
}

function alike(preview: RenderedStack, deployed: RenderedStack): number {
    const previewed = new Map(preview.resources.map((r) => [r.urn, analyzeFields(r)]));
    return deployed.resources.filter((r) => isDeepStrictEqual(previewed.get(r.urn), analyzeFields(r))).length;
}

describe.each(shippedStacks())("the Analyze answers shared by stack $stack's two renders", ({ stack, policyConfigFile }) => {
    it("are used for exactly the requests both renders send alike, and change no verdict", async () => {
        const policyConfig = policyConfigFile ? readPolicyPackConfig(path.join(repositoryRoot, policyConfigFile)) : {};
        const [preview, deployed] = await Promise.all([renderShipped(stack, "preview"), renderShipped(stack, "deployed")]);
        const answers = new AnalyzeAnswers();
        const shared = [
            await analyze(pack, preview, { policyConfig, answers }),
            await analyze(pack, deployed, { policyConfig, answers }),
        ];
        const alone = [await analyze(pack, preview, { policyConfig }), await analyze(pack, deployed, { policyConfig })];

        expect(answers.reused).toBe(alike(preview, deployed));
        expect(answers.reused).toBeGreaterThan(0);
        expect(answers.reused).toBeLessThan(deployed.resources.length);
        expect(shared.map(summary)).toEqual(alone.map(summary));
        expect(shared).toEqual(alone);
    });
});
