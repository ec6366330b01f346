// The pack hands the policy SDK only the resource types of a CloudTrail setup and shares work
// between stack policies (policies/src/sdkPatches/: stackRequestFilter.ts, sharedDeserialization.ts,
// stackGraphCache.ts). Those speed-ups must never change a verdict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import type { RenderedResource, RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { UNKNOWN_VALUE } from "../../cli/mockEngine/renderedStackFormat";
import { analyze, mandatory, renderHandwritten, startPack, summary } from "./support";

let pack: PolicyPackProcess;
beforeAll(async () => {
    pack = await startPack();
});
afterAll(async () => {
    await pack?.close();
});

/** Everyday resources unrelated to audit logging, parented to the stack and depending on each other. */
function withWorkload(stack: RenderedStack, count: number): RenderedStack {
    const root = stack.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const extra: RenderedResource[] = [];
    for (let i = 0; i < count; i++) {
        const type = i % 2 === 0 ? "aws:iam/role:Role" : "aws:ec2/instance:Instance";
        const urn = `${root.urn.split("::").slice(0, 2).join("::")}::${type}::workload-${i}`;
        const previous = extra[extra.length - 1];
        extra.push({
            urn,
            type,
            name: `workload-${i}`,
            parent: root.urn,
            custom: true,
            inputs: { tags: { team: "app" }, role: previous ? UNKNOWN_VALUE : "none" },
            outputs: { id: UNKNOWN_VALUE, arn: UNKNOWN_VALUE },
            propertyDependencies: previous ? { role: [previous.urn] } : {},
            options: { protect: false, retainOnDelete: false, dependsOn: previous ? [previous.urn] : [], ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [] },
        });
    }
    // Interleaved, so that neither the first nor the last resource is an audit resource.
    return { ...stack, resources: [...extra.slice(0, count / 2), ...stack.resources, ...extra.slice(count / 2)] };
}

describe("verdicts on large stacks", () => {
    it("a non-compliant setup among 2,000 unrelated resources gets exactly the verdict it gets alone", async () => {
        const alone = await analyze(pack, await renderHandwritten("broken", "preview"));
        expect(mandatory(alone).length).toBeGreaterThan(10);
        const padded = await analyze(pack, withWorkload(await renderHandwritten("broken", "preview"), 2000));
        expect(summary(padded)).toEqual(summary(alone));
    });

    it("stack-wide findings still name the stack resource", async () => {
        const rendered = await renderHandwritten("compliant", "preview", { variant: "noTrail" });
        const result = await analyze(pack, withWorkload(rendered, 200), { policyConfig: { "cloudtrail-required": "mandatory" } });
        const stackUrn = rendered.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.urn;
        expect(mandatory(result).map((v) => [v.policy, v.urn])).toEqual([["cloudtrail-required", stackUrn]]);
    });
});
