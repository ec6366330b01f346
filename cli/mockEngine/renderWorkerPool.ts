// The pool of render worker processes (renderWorkerMain.ts), kept between renders. Each worker loads
// the Pulumi SDK and the AWS provider once and then renders job after job (see renderJobLoop.ts); at
// most `size` render at once. A worker is sent its next job before it finishes the one it renders
// (JOBS_PER_WORKER), so that it never waits for this process between renders: this process is busy
// too (encoding the last render for the policy pack), and on two cores each such wait took ~50 ms.
// Idle workers do not keep the parent alive, and they exit when the parent does.
import { ChildProcess, fork } from "child_process";
import * as os from "os";
import * as path from "path";
import { withLateTierUp } from "../lateTierUp";
import { trailguardRoot } from "../trailguardRoot";
// From its own module: the patches' index would load every patch module into this process.
import { DEFER_AWS_SERVICES_ENV } from "../../policies/src/sdkPatches/deferredAwsServices";
import type { WorkerRequest, WorkerResponse, WorkerResult } from "./renderJobLoop";
import { DEFAULT_RENDER_TIMEOUT_SECONDS } from "./renderDefaults";
import type { RenderedResource } from "./renderedStackFormat";
import type { RenderJob } from "./runProgramWithMocks";

/** A worker is replaced after this many renders, so that memory held by the SDK cannot pile up. */
const RENDERS_PER_WORKER = 40;

/** Jobs a worker holds at once: the one it renders and the next, which waits in its IPC queue. */
export const JOBS_PER_WORKER = 2;

/** A render that did not finish in time; its worker has been killed. */
export class RenderTimeoutError extends Error {
    constructor(readonly seconds: number) {
        super(`did not finish within ${seconds} s`);
        this.name = "RenderTimeoutError";
    }
}

interface Pending {
    job: RenderJob;
    /** Told of resources as the job registers them (RenderJob.streamResources). */
    onResources?: (resources: RenderedResource[]) => void;
    /** What onResources was told so far: the result's stack is rebuilt from them (WorkerResponse). */
    streamed?: RenderedResource[];
    timeoutSeconds: number;
    resolve: (result: WorkerResult) => void;
    reject: (err: Error) => void;
}

type Sent = Pending & { id: number };

class RenderWorker {
    readonly process: ChildProcess;
    /** Jobs sent, in the order the worker renders them: the first is the one it renders now. */
    private readonly sent: Sent[] = [];
    private renders = 0;
    private stderr = "";
    private exited = false;
    /** The worker answered a failed render and exits by itself, rendering nothing more. */
    private exiting = false;
    private timer?: NodeJS.Timeout;

    constructor(
        workerPath: string,
        env: Record<string, string>,
        private readonly onFree: (worker: RenderWorker) => void,
        /** `unrendered`: jobs it was sent but never started, for another worker. */
        private readonly onExit: (worker: RenderWorker, unrendered: Pending[]) => void,
    ) {
        this.process = fork(workerPath, [], {
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            serialization: "advanced",
            env: { ...process.env, ...env },
            // Late optimisation (../lateTierUp.ts), after the options this process was started with.
            execArgv: withLateTierUp(process.execArgv),
        });
        // Whatever the program prints is not ours to show; its last words explain a crash.
        this.process.stdout!.resume();
        this.process.stderr!.on("data", (chunk: Buffer) => {
            this.stderr = (this.stderr + chunk.toString()).slice(-4000);
        });
        this.process.on("message", (message: WorkerResponse) => {
            // Timed out, crashed or failed: nothing it still sends can be trusted, and a job it was
            // sent ahead goes to another worker, which streams that job's resources afresh.
            if (this.exiting) return;
            const rendering = this.sent[0];
            if (!rendering || message.id !== rendering.id) return;
            if ("resources" in message) {
                rendering.streamed?.push(...message.resources);
                return rendering.onResources?.(message.resources);
            }
            this.sent.shift();
            clearTimeout(this.timer);
            try {
                rendering.resolve("outputs" in message ? withStreamedResources(message.result, rendering.streamed ?? [], message.outputs) : message.result);
            } catch (err) {
                rendering.reject(err as Error);
            }
            if (!message.result.ok) {
                this.exiting = true; // the worker exits by itself after a failed render
                return;
            }
            if (this.sent.length > 0) this.startTimer();
            else if (this.renders >= RENDERS_PER_WORKER) return this.retire();
            else this.setKeepsParentAlive(false);
            this.onFree(this);
        });
        this.process.on("error", (err) => {
            // It could not be started, reached or stopped: nothing sent to it will be answered.
            // Failed, not handed on, so that a worker that cannot start is not started again and again.
            this.exiting = true;
            clearTimeout(this.timer);
            for (const pending of this.sent.splice(0)) pending.reject(err);
            this.onExit(this, []);
        });
        this.process.on("exit", (code, signal) => {
            this.exited = true;
            if (!this.exiting) {
                this.crashed(new Error(`render worker exited (${signal ?? `code ${code}`}) before answering: ${lastLines(this.stderr)}`));
            }
            clearTimeout(this.timer);
            this.onExit(this, this.sent.splice(0));
        });
    }

    get alive(): boolean {
        return !this.exited && !this.exiting;
    }

    /** Jobs this worker has been sent and not answered. */
    get load(): number {
        return this.sent.length;
    }

    /** Whether it can be sent one more job now. */
    get hasRoom(): boolean {
        return this.alive && this.sent.length < JOBS_PER_WORKER && this.renders < RENDERS_PER_WORKER;
    }

    run(pending: Pending, id: number): void {
        this.sent.push({ ...pending, id });
        this.renders++;
        this.setKeepsParentAlive(true);
        this.process.send({ id, job: pending.job } satisfies WorkerRequest);
        if (this.sent.length === 1) this.startTimer();
    }

    retire(): void {
        if (!this.exited) this.process.kill();
    }

    /** Waiting for work: must not keep the parent running. */
    idle(): void {
        this.setKeepsParentAlive(false);
    }

    /**
     * A program that never finishes would hold its worker and the run forever: past the limit the
     * worker is killed (nothing it holds can be trusted) and the render fails. The clock starts when
     * the worker starts the job, not when the job was sent ahead.
     */
    private startTimer(): void {
        const rendering = this.sent[0];
        this.timer = setTimeout(() => {
            if (this.sent[0] !== rendering) return;
            this.sent.shift();
            this.exiting = true;
            this.process.kill("SIGKILL");
            rendering.reject(new RenderTimeoutError(rendering.timeoutSeconds));
        }, rendering.timeoutSeconds * 1000);
    }

    /** A busy worker keeps the parent running until it answers; an idle one must not. */
    private setKeepsParentAlive(alive: boolean): void {
        const handles = [this.process, this.process.channel, this.process.stdout, this.process.stderr] as Array<
            { ref?: () => void; unref?: () => void } | null | undefined
        >;
        for (const handle of handles) (alive ? handle?.ref : handle?.unref)?.call(handle);
    }

    /** The job it was rendering fails; the ones sent after it were never started. */
    private crashed(err: Error): void {
        clearTimeout(this.timer);
        this.exiting = true;
        this.sent.shift()?.reject(err);
    }
}

/** A streamed job's stack: the resources as they were streamed, with the outputs they ended with. */
function withStreamedResources(result: WorkerResult, streamed: readonly RenderedResource[], outputs: readonly Record<string, unknown>[]): WorkerResult {
    if (!result.ok) return result;
    if (outputs.length !== streamed.length) {
        throw new Error(`render worker streamed ${streamed.length} resources but finished with ${outputs.length}`);
    }
    return { ...result, stack: { ...result.stack, resources: streamed.map((resource, index) => ({ ...resource, outputs: outputs[index] })) } };
}

export class RenderPool {
    private readonly workers = new Set<RenderWorker>();
    private readonly queue: Pending[] = [];
    private nextId = 1;
    private closed = false;

    /** Extra environment for workers started from now on. */
    readonly workerEnv: Record<string, string> = {};

    /** How long a render may take before its worker is killed and the render fails (RenderTimeoutError). */
    timeoutSeconds = DEFAULT_RENDER_TIMEOUT_SECONDS;

    constructor(
        private readonly workerPath: string,
        public size: number = defaultRenderWorkers(),
    ) {}

    /** @param onResources told of resources as the program registers them, before the result */
    render(job: RenderJob, onResources?: (resources: RenderedResource[]) => void): Promise<WorkerResult> {
        return new Promise<WorkerResult>((resolve, reject) => {
            if (this.closed) return reject(new Error("render pool closed"));
            const streaming = onResources ? { job: { ...job, streamResources: true }, onResources, streamed: [] } : { job };
            this.queue.push({ ...streaming, timeoutSeconds: this.timeoutSeconds, resolve, reject });
            this.dispatch();
        });
    }

    /** Starts a worker ahead of the first render, so that it loads the SDK meanwhile. */
    warm(): void {
        if (this.workers.size > 0) return;
        this.startWorker().idle();
    }

    /** Ends every worker; renders still queued or sent are rejected. */
    close(): void {
        this.closed = true;
        for (const pending of this.queue.splice(0)) pending.reject(new Error("render pool closed"));
        for (const worker of this.workers) worker.retire();
    }

    private dispatch(): void {
        while (this.queue.length > 0) {
            const worker = this.workerWithRoom();
            if (!worker) return;
            worker.run(this.queue.shift()!, this.nextId++);
        }
    }

    /** An idle worker first, then a new one while the pool may grow, then one that is rendering. */
    private workerWithRoom(): RenderWorker | undefined {
        const withRoom = [...this.workers].filter((w) => w.hasRoom);
        const idle = withRoom.find((w) => w.load === 0);
        if (idle) return idle;
        if (this.aliveWorkers() < this.size) return this.startWorker();
        return withRoom.sort((a, b) => a.load - b.load)[0];
    }

    private aliveWorkers(): number {
        return [...this.workers].filter((w) => w.alive).length;
    }

    private startWorker(): RenderWorker {
        const worker = new RenderWorker(
            this.workerPath,
            this.workerEnv,
            () => this.dispatch(),
            (w, unrendered) => this.remove(w, unrendered),
        );
        this.workers.add(worker);
        return worker;
    }

    private remove(worker: RenderWorker, unrendered: Pending[]): void {
        this.workers.delete(worker);
        if (this.closed) {
            for (const pending of unrendered) pending.reject(new Error("render pool closed"));
            return;
        }
        // Sent ahead to a worker that ended first: they go to the front, in their order.
        this.queue.unshift(...unrendered);
        this.dispatch();
    }
}

/**
 * One core is left to the policy pack, which analyses each rendered stack while the next renders:
 * on two cores one worker beats two (measured: three stacks in 1.15 s against 1.45 s), because
 * two workers and the pack would share two cores while all three load the SDK.
 */
export function defaultRenderWorkers(): number {
    return Math.max(1, os.cpus().length - 1);
}

let shared: RenderPool | undefined;

/** The pool this process renders with; workers are this installation's compiled renderWorkerMain.js. */
export function sharedRenderPool(): RenderPool {
    shared ??= new RenderPool(path.join(trailguardRoot(), RENDER_WORKER_FILE));
    return shared;
}

/** How many render workers this process may run at once (e.g. `trailguard check --jobs`). */
export function setRenderWorkers(count: number): void {
    sharedRenderPool().size = count;
}

/** How long each render may take (e.g. `trailguard check --timeout`). */
export function setRenderTimeout(seconds: number): void {
    sharedRenderPool().timeoutSeconds = seconds;
}

/**
 * Workers started from now on load only the AWS services a program touches (policies/src/sdkPatches/deferredAwsServices.ts).
 * Only for programs that import @pulumi/aws as a whole, as trailguard's own does: a program that
 * imports a resource's file directly (`@pulumi/aws/sns/topic`) would then miss what its service's
 * index does when it loads (registering resource modules, adding mixins such as Topic.onEvent).
 */
export function renderWorkersDeferAwsServices(): void {
    sharedRenderPool().workerEnv[DEFER_AWS_SERVICES_ENV] = "1";
}

function lastLines(text: string): string {
    const lines = text.trim().split("\n").filter((l) => l.trim() && !/^\s+at /.test(l));
    return lines.slice(-5).join("\n") || "(no output)";
}

export const RENDER_WORKER_FILE = path.join("dist", "cli", "mockEngine", "renderWorkerMain.js");
