// Drives a policy pack through a render the way `pulumi preview --policy-pack` (or `pulumi up`)
// does: Configure, ConfigureStack, then per resource, as the program registers it, Remediate (when
// a policy remediates) and Analyze with the resource's inputs, and once the program has finished,
// AnalyzeStack with every resource's outputs. analyzeRenderedStack replays a finished render.
import type { RenderedResource, RenderedStack } from "../mockEngine/renderedStackFormat";
import type { PolicyPackConfig } from "./policyPackConfig";
import { defaultPackDir } from "./policyPackLaunch";
import type { AnalyzeAnswers } from "./analyzeAnswers";
import { EncodedAnalyzeRequest, encodeAnalyzeRequest } from "./encodedRequests";
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
    /**
     * Keep the pack's current Configure state instead of sending policyConfig. For a finished render
     * only (analyzeRenderedStack): a RenderAnalysis fed as it renders may give the pack up between
     * turns, and would resume under whatever another render configured.
     */
    keepConfiguration?: boolean;
    /** Answers shared with other analyses of the same stack under the same policyConfig (AnalyzeAnswers). */
    answers?: AnalyzeAnswers;
}

export async function analyzeRenderedStack(rendered: RenderedStack, options: AnalyzeOptions = {}): Promise<StackVerdict> {
    const pack = options.pack ?? (await PolicyPackProcess.start(options.packDir ?? defaultPackDir()));
    try {
        const analysis = new RenderAnalysis(pack, rendered, options);
        analysis.add(rendered.resources);
        return await analysis.finish(rendered);
    } finally {
        if (!options.pack) await pack.close();
    }
}

/** What names a render before it has finished: the stack, its project and which render. */
export type RenderIdentity = Pick<RenderedStack, "stack" | "project" | "mode">;

/**
 * One render's analysis, fed with its resources as the program registers them, as the engine
 * analyses each resource when its step runs: the pack's work on a render overlaps the render
 * itself. Configure and ConfigureStack set pack-wide state, so the analysis works in turns that have
 * the pack to themselves (PolicyPackProcess.exclusive), each starting with both; a turn ends when
 * the render is analysed, or when it waits for the program while another render waits for the pack
 * (the analysis queues again, so a slow program holds nobody up). finish() hands over the finished
 * render, whose resources must be the ones added, in their order (their outputs may have changed
 * since: AnalyzeStack sends the final ones). The pack may still be starting: resources added
 * meanwhile wait here, and a pack that fails to start fails the verdict with its error.
 */
export class RenderAnalysis {
    private readonly arrived: RenderedResource[] = [];
    private readonly encoded: EncodedAnalyzeRequest[] = [];
    private finished?: RenderedStack;
    private abandoned = false;
    /** The first error of a call, or of encoding a resource as it arrived; the verdict rejects with it. */
    private failure: unknown;
    private wake?: () => void;
    private readonly verdict: Promise<StackVerdict>;
    /** Resources sent to the pack so far (the next to send is arrived[sent]). */
    private sent = 0;
    private readonly violations: Violation[] = [];
    /** By resource index, so that the verdict lists them in the render's order whatever order the calls end in. */
    private readonly remediations = new Map<number, Remediation[]>();
    /** Inputs a remediation rewrote, by resource index. */
    private readonly remediatedInputs = new Map<number, Record<string, unknown>>();

    private readonly packReady: Promise<PolicyPackProcess>;
    /** The pack, once packReady has given it (before the first turn). */
    private pack!: PolicyPackProcess;

    constructor(
        pack: PolicyPackProcess | Promise<PolicyPackProcess>,
        private readonly render: RenderIdentity,
        private readonly options: AnalyzeOptions = {},
    ) {
        this.packReady = Promise.resolve(pack);
        this.verdict = this.run();
        // Reported by finish(); an abandoned analysis has nobody to report to.
        this.verdict.catch(() => undefined);
    }

    /** Resources the render registered, in their order; each is encoded now and analysed in its turn. */
    add(resources: readonly RenderedResource[]): void {
        try {
            for (const resource of resources) {
                this.encoded.push(encodeAnalyzeRequest(resource));
                this.arrived.push(resource);
            }
        } catch (err) {
            // Called from the render worker's IPC listener: the render's verdict fails, not the process.
            this.failure ??= err;
        }
        this.notify();
    }

    /** The finished render: once every resource is analysed, AnalyzeStack, and the verdict. */
    finish(rendered: RenderedStack): Promise<StackVerdict> {
        this.finished = rendered;
        this.notify();
        return this.verdict;
    }

    /** The render failed: no verdict; the pack is free as soon as the calls in flight are answered. */
    abandon(): void {
        this.abandoned = true;
        this.notify();
    }

    private notify(): void {
        const wake = this.wake;
        this.wake = undefined;
        wake?.();
    }

    private sleep(): Promise<void> {
        return new Promise<void>((resolve) => (this.wake = resolve));
    }

    /** Something to send, or the render over: worth a turn with the pack. */
    private get ready(): boolean {
        return this.abandoned || this.failure !== undefined || this.finished !== undefined || this.sent < this.arrived.length;
    }

    private async run(): Promise<StackVerdict> {
        for (;;) {
            while (!this.ready) await this.sleep();
            // Ended before its turn: no need to hold up whoever has the pack.
            if (this.failure !== undefined) throw this.failure;
            if (this.abandoned) throw new Error("render abandoned");
            this.pack = await this.packReady;
            const verdict = await this.pack.exclusive(() => this.turn());
            if (verdict) return verdict;
        }
    }

    /** One turn with the pack: the verdict, or undefined when it gave the pack up to wait for the program. */
    private async turn(): Promise<StackVerdict | undefined> {
        if (this.abandoned) throw new Error("render abandoned");
        const { pack, options } = this;
        const info = await pack.info();
        if (!options.keepConfiguration) await pack.configure(options.policyConfig ?? {}, options.policyConfigSource);
        const levels = pack.enforcementLevels();
        await pack.configureStack({
            stack: this.render.stack,
            project: this.render.project,
            organization: options.organization,
            tags: options.stackTags ?? {},
            dryRun: this.render.mode === "preview",
        });
        const remediating = Object.values(levels).some((level) => level === "remediate");

        // Up to ANALYZE_CONCURRENCY calls in flight, in arrival order, until the render has finished
        // and every resource it registered is answered (or it is abandoned, or fails).
        const inFlight = new Set<Promise<void>>();
        const unsubscribe = pack.onWaiting(() => this.notify());
        try {
            for (;;) {
                while (!this.abandoned && this.failure === undefined && this.sent < this.arrived.length && inFlight.size < ANALYZE_CONCURRENCY) {
                    const call: Promise<void> = this.analyse(this.sent++, remediating).then(
                        () => undefined,
                        (err) => {
                            this.failure ??= err;
                        },
                    );
                    inFlight.add(call);
                    void call.then(() => {
                        inFlight.delete(call);
                        this.notify();
                    });
                }
                if (inFlight.size === 0) {
                    if (this.abandoned || this.failure !== undefined || this.finished !== undefined) break;
                    // Waiting for the program while another render could use the pack: let it.
                    if (this.sent === this.arrived.length && pack.othersWaiting) return undefined;
                }
                await this.sleep();
            }
        } finally {
            unsubscribe();
        }
        if (this.failure !== undefined) throw this.failure;
        if (this.abandoned) throw new Error("render abandoned");

        const rendered = this.finished!;
        if (rendered.resources.length !== this.arrived.length) {
            throw new Error(`render of stack ${rendered.stack} (${rendered.mode}) finished with ${rendered.resources.length} resources, but ${this.arrived.length} were registered`);
        }
        // The engine creates the remediated inputs, so the outputs carry them as well.
        const analysed = this.remediatedInputs.size === 0
            ? undefined
            : rendered.resources.map((resource, index) => {
                  const inputs = this.remediatedInputs.get(index);
                  return inputs ? { ...resource, inputs, outputs: { ...resource.outputs, ...inputs } } : resource;
              });
        this.violations.push(...(await pack.analyzeStack(analysed ?? rendered.resources)));

        const policies: PolicyDescriptor[] = info.policies.map((p) => ({ ...p, enforcementLevel: levels[p.name] ?? p.enforcementLevel }));
        return {
            stack: rendered.stack,
            mode: rendered.mode,
            resources: rendered.resources.length,
            violations: this.violations.sort(compareViolations),
            remediations: [...this.remediations.entries()].sort(([a], [b]) => a - b).flatMap(([, remediations]) => remediations),
            policies,
        };
    }

    /** Remediate (when a policy remediates) and Analyze one resource. */
    private async analyse(index: number, remediating: boolean): Promise<void> {
        const { pack, options } = this;
        const resource = this.arrived[index];
        if (remediating && resource.custom) {
            const result = await pack.remediate(resource);
            if (result.remediations.length > 0) {
                this.remediations.set(index, result.remediations);
                this.remediatedInputs.set(index, result.properties);
                this.violations.push(...(await pack.analyzeResource({ ...resource, inputs: result.properties })));
                return;
            }
        }
        const request = this.encoded[index];
        const ask = () => pack.analyzeResource(request);
        this.violations.push(...(await (options.answers ? options.answers.answer(request, ask) : ask())));
    }
}
