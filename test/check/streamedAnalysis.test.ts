// `check` analyses each render while it renders: resources reach the pack as the program registers
// them (RenderAnalysis, cli/analyzerClient/analyzeRenderedStack.ts; the worker streams them,
// renderJobLoop.ts). The verdicts must be those of the engine's sequence of calls made one at a time
// on the finished render, written out here independently of RenderAnalysis (`sequential`), however
// the resources arrive and whatever other render shares the pack meanwhile.
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RenderAnalysis } from "../../cli/analyzerClient/analyzeRenderedStack";
import { readPolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import type { PolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import { compareViolations, type Remediation, type StackVerdict, type Violation } from "../../cli/analyzerClient/verdict";
import { resolveCheckTargets } from "../../cli/check/checkTargets";
import { startPackAnalyzer } from "../../cli/check/packAnalyzer";
import { runChecks } from "../../cli/check/runChecks";
import type { StartAnalyzer } from "../../cli/check/stackAnalyzer";
import type { RenderedResource, RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { renderHandwritten, renderShipped, repositoryRoot, startPack } from "../policies/support";
import { shippedStacks } from "../support/shippedStacks";

let pack: PolicyPackProcess;
beforeAll(async () => {
    pack = await startPack();
});
afterAll(() => pack?.close());

const configOf = (stack: string) => {
    const file = shippedStacks().find((s) => s.stack === stack)?.policyConfigFile;
    return file ? { policyConfig: readPolicyPackConfig(path.join(repositoryRoot, file)), policyConfigSource: file } : {};
};
const tagsOf = { stackTags: { "pulumi:project": "trailguard", "pulumi:runtime": "nodejs" } };
const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * What `pulumi preview --policy-pack` asks of a pack for a finished render, one call at a time:
 * Configure, ConfigureStack, then per resource Remediate (if a policy remediates) and Analyze with
 * the (remediated) inputs, then AnalyzeStack with every resource's (remediated) outputs.
 */
async function sequential(rendered: RenderedStack, policyConfig: PolicyPackConfig = {}): Promise<StackVerdict> {
    const info = await pack.info();
    await pack.configure(policyConfig);
    const levels = pack.enforcementLevels();
    await pack.configureStack({ stack: rendered.stack, project: rendered.project, tags: tagsOf.stackTags, dryRun: rendered.mode === "preview" });
    const remediating = Object.values(levels).includes("remediate");
    const violations: Violation[] = [];
    const remediations: Remediation[] = [];
    const final: RenderedResource[] = [];
    for (const resource of rendered.resources) {
        let analysed = resource;
        if (remediating && resource.custom) {
            const result = await pack.remediate(resource);
            if (result.remediations.length > 0) {
                remediations.push(...result.remediations);
                analysed = { ...resource, inputs: result.properties, outputs: { ...resource.outputs, ...result.properties } };
            }
        }
        violations.push(...(await pack.analyzeResource(analysed)));
        final.push(analysed);
    }
    violations.push(...(await pack.analyzeStack(final)));
    return {
        stack: rendered.stack,
        mode: rendered.mode,
        resources: rendered.resources.length,
        violations: violations.sort(compareViolations),
        remediations,
        policies: info.policies.map((p) => ({ ...p, enforcementLevel: levels[p.name] ?? p.enforcementLevel })),
    };
}

/** Counts the Analyze calls the pack is sent while `work` runs. */
async function countingAnalyzeCalls<T>(work: (calls: () => number) => Promise<T>): Promise<T> {
    const original = pack.analyzeResource;
    let calls = 0;
    pack.analyzeResource = function (this: PolicyPackProcess, ...args: Parameters<typeof original>) {
        calls++;
        return original.apply(this, args);
    };
    try {
        return await work(() => calls);
    } finally {
        pack.analyzeResource = original;
    }
}

/** `rendered` fed to a RenderAnalysis `batch` resources at a time, the event loop turning between batches. */
async function streamed(rendered: RenderedStack, batch: number): Promise<StackVerdict> {
    const analysis = new RenderAnalysis(pack, rendered, { ...configOf(rendered.stack), ...tagsOf });
    for (let i = 0; i < rendered.resources.length; i += batch) {
        analysis.add(rendered.resources.slice(i, i + batch));
        await turn();
    }
    return analysis.finish(rendered);
}

const configAsGiven = (stack: string) => configOf(stack).policyConfig ?? {};

describe("a render analysed as it arrives", () => {
    for (const { stack } of shippedStacks()) {
        for (const mode of ["preview", "deployed"] as const) {
            it(`gives the verdict of the calls made one at a time on ${stack} (${mode}), fed in batches of 1, 7 and all`, async () => {
                const rendered = await renderShipped(stack, mode);
                const expected = await sequential(rendered, configAsGiven(stack));
                for (const batch of [1, 7, rendered.resources.length]) expect(await streamed(rendered, batch)).toEqual(expected);
            });
        }
    }

    it("gives the pack up while it waits for its program, to a render that is ready, and both verdicts stay their own", async () => {
        // Different policy configs (dev and prod environments): a turn that did not configure the
        // pack again after the other render would report the wrong enforcement levels.
        const [dev, prod] = await Promise.all([renderShipped("dev", "preview"), renderShipped("prod", "preview")]);
        const devAlone = await sequential(dev, configAsGiven("dev"));
        const prodAlone = await sequential(prod, configAsGiven("prod"));
        expect(devAlone.policies).not.toEqual(prodAlone.policies);

        const slow = new RenderAnalysis(pack, dev, { ...configOf("dev"), ...tagsOf });
        const half = Math.floor(dev.resources.length / 2);
        slow.add(dev.resources.slice(0, half));
        // The slow render has the pack and analyses its first half; its program has not finished.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const ready = new RenderAnalysis(pack, prod, { ...configOf("prod"), ...tagsOf });
        ready.add(prod.resources);
        const first = await Promise.race([
            ready.finish(prod).then(() => "the ready render"),
            new Promise((resolve) => setTimeout(() => resolve("nothing within 20 s"), 20_000)),
        ]);
        expect(first).toBe("the ready render");
        slow.add(dev.resources.slice(half));
        expect(await slow.finish(dev)).toEqual(devAlone);
        expect(await ready.finish(prod)).toEqual(prodAlone);
    });

    it("remediates as it goes, handing the pack over mid-render, with the remediations in the render's order", async () => {
        const policyConfig: PolicyPackConfig = { "cloudtrail-log-file-validation": "remediate", "kms-key-rotation": "remediate" };
        const broken = await renderHandwritten("broken", "preview");
        const prod = await renderShipped("prod", "deployed");
        const expected = await sequential(broken, policyConfig);
        expect(expected.remediations.map((r) => r.policy).sort()).toEqual(["cloudtrail-log-file-validation", "kms-key-rotation"]);
        const prodAlone = await sequential(prod, configAsGiven("prod"));

        const analysis = new RenderAnalysis(pack, broken, { policyConfig, ...tagsOf });
        for (let i = 0; i < broken.resources.length; i += 3) {
            analysis.add(broken.resources.slice(i, i + 3));
            await turn();
            // Half-way, another render takes the pack in between (under another config).
            if (i === 3 * Math.floor(broken.resources.length / 6)) {
                await new Promise((resolve) => setTimeout(resolve, 100));
                expect(await streamed(prod, prod.resources.length)).toEqual(prodAlone);
            }
        }
        expect(await analysis.finish(broken)).toEqual(expected);
    });

    it("frees the pack when its render fails, sends nothing more, and rejects", async () => {
        const [dev, prod] = await Promise.all([renderShipped("dev", "deployed"), renderShipped("prod", "deployed")]);
        const prodAlone = await sequential(prod, configAsGiven("prod"));
        await countingAnalyzeCalls(async (calls) => {
            const failed = new RenderAnalysis(pack, dev, { ...configOf("dev"), ...tagsOf });
            failed.add(dev.resources.slice(0, 5));
            await new Promise((resolve) => setTimeout(resolve, 200));
            failed.abandon();
            failed.add(dev.resources.slice(5));
            await expect(failed.finish(dev)).rejects.toThrow("render abandoned");
            // Only the five added before the failure were ever sent.
            expect(calls()).toBe(5);
        });
        // Would wait forever if the abandoned analysis kept the pack.
        expect(await streamed(prod, prod.resources.length)).toEqual(prodAlone);
    });

    it("refuses a finished render whose resources are not the ones added", async () => {
        const dev = await renderShipped("dev", "preview");
        const analysis = new RenderAnalysis(pack, dev, tagsOf);
        analysis.add(dev.resources.slice(0, 3));
        await expect(analysis.finish(dev)).rejects.toThrow(`finished with ${dev.resources.length} resources, but 3 were registered`);
    });
});

describe("check's renders", () => {
    it("reach the analysis in batches while they render, every resource once and in the render's order", async () => {
        const added = new Map<string, string[][]>();
        const finished = new Map<string, string[]>();
        // The real pack analyzer, watched: what each render's analysis was given, and when.
        const watching: StartAnalyzer = (options) => {
            const analyzer = startPackAnalyzer(options);
            return {
                started: analyzer.started,
                begin: (render, analysis) => {
                    const key = `${render.stack} ${render.mode}`;
                    const batches: string[][] = [];
                    added.set(key, batches);
                    const inner = analyzer.begin(render, analysis);
                    return {
                        add: (resources) => {
                            batches.push(resources.map((r) => r.urn));
                            inner.add(resources);
                        },
                        finish: (rendered) => {
                            finished.set(key, rendered.resources.map((r) => r.urn));
                            return inner.finish(rendered);
                        },
                        abandon: () => inner.abandon(),
                    };
                },
            };
        };
        // And the renders, watched: the messages their resources came in from the worker.
        const messages = new Map<string, number>();
        const targets = resolveCheckTargets({}).map((target) => ({
            ...target,
            render: (mode: "preview" | "deployed", options: Parameters<typeof target.render>[1] = {}) =>
                target.render(mode, {
                    ...options,
                    onResources: (resources) => {
                        messages.set(`${target.stack} ${mode}`, (messages.get(`${target.stack} ${mode}`) ?? 0) + 1);
                        options.onResources?.(resources);
                    },
                }),
        }));
        const report = await runChecks(targets, { mode: "both", startAnalyzer: watching, root: repositoryRoot });
        expect(report.stacks.map((s) => s.verdict.stack)).toEqual(shippedStacks().map((s) => s.stack));
        expect([...finished.keys()].sort()).toEqual(shippedStacks().flatMap(({ stack }) => [`${stack} deployed`, `${stack} preview`]).sort());
        for (const [key, urns] of finished) {
            expect(added.get(key)!.flat(), key).toEqual(urns);
            // More than one message: the resources came while the program ran, not all at its end.
            expect(messages.get(key), key).toBeGreaterThan(1);
        }
    });
});
