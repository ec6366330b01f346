// The pool of render worker processes (renderWorkerMain.ts), kept between renders. Each worker loads
// the Pulumi SDK and the AWS provider once and then renders job after job (see renderJobLoop.ts); at
// most `size` render at once.
// Idle workers do not keep the parent alive, and they exit when the parent does.
import { ChildProcess, fork } from "child_process";
import * as os from "os";
import * as path from "path";
import { trailguardRoot } from "../trailguardRoot";
import { DEFER_AWS_SERVICES_ENV } from "../../policies/src/sdkPatches";
import type { WorkerRequest, WorkerResponse, WorkerResult } from "./renderJobLoop";
import { DEFAULT_RENDER_TIMEOUT_SECONDS } from "./renderDefaults";
import type { RenderJob } from "./runProgramWithMocks";

/** A worker is replaced after this many renders, so that memory held by the SDK cannot pile up. */
const RENDERS_PER_WORKER = 40;

/** A render that did not finish in time; its worker has been killed. */
export class RenderTimeoutError extends Error {
    constructor(readonly seconds: number) {
        super(`did not finish within ${seconds} s`);
        this.name = "RenderTimeoutError";
    }
}

interface Pending {
    job: RenderJob;
    timeoutSeconds: number;
    resolve: (result: WorkerResult) => void;
    reject: (err: Error) => void;
}

class RenderWorker {
    readonly process: ChildProcess;
    renders = 0;
    busy?: Pending & { id: number };
    private stderr = "";
    private exited = false;
    private timer?: NodeJS.Timeout;

    constructor(
        workerPath: string,
        env: Record<string, string>,
        private readonly onFree: (worker: RenderWorker) => void,
        private readonly onExit: (worker: RenderWorker) => void,
    ) {
        this.process = fork(workerPath, [], { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "advanced", env: { ...process.env, ...env } });
        // Whatever the program prints is not ours to show; its last words explain a crash.
        this.process.stdout!.resume();
        this.process.stderr!.on("data", (chunk: Buffer) => {
            this.stderr = (this.stderr + chunk.toString()).slice(-4000);
        });
        this.process.on("message", (message: WorkerResponse) => {
            const pending = this.busy;
            if (!pending || message.id !== pending.id) return;
            this.busy = undefined;
            clearTimeout(this.timer);
            pending.resolve(message.result);
            if (!message.result.ok) return; // the worker exits by itself after a failed render
            if (this.renders >= RENDERS_PER_WORKER) return this.retire();
            this.idle();
            this.onFree(this);
        });
        this.process.on("error", (err) => this.fail(err));
        this.process.on("exit", (code, signal) => {
            this.exited = true;
            this.fail(new Error(`render worker exited (${signal ?? `code ${code}`}) before answering: ${lastLines(this.stderr)}`));
            this.onExit(this);
        });
    }

    get alive(): boolean {
        return !this.exited;
    }

    run(pending: Pending, id: number): void {
        this.busy = { ...pending, id };
        this.renders++;
        this.setKeepsParentAlive(true);
        this.process.send({ id, job: pending.job } satisfies WorkerRequest);
        // A program that never finishes would hold its worker and the run forever: past the limit
        // the worker is killed (nothing it holds can be trusted) and the render fails.
        this.timer = setTimeout(() => {
            const timedOut = this.busy;
            if (!timedOut || timedOut.id !== id) return;
            this.busy = undefined;
            this.process.kill("SIGKILL");
            timedOut.reject(new RenderTimeoutError(timedOut.timeoutSeconds));
        }, pending.timeoutSeconds * 1000);
    }

    retire(): void {
        if (!this.exited) this.process.kill();
    }

    /** Waiting for work: must not keep the parent running. */
    idle(): void {
        this.setKeepsParentAlive(false);
    }

    /** A busy worker keeps the parent running until it answers; an idle one must not. */
    private setKeepsParentAlive(alive: boolean): void {
        const handles = [this.process, this.process.channel, this.process.stdout, this.process.stderr] as Array<
            { ref?: () => void; unref?: () => void } | null | undefined
        >;
        for (const handle of handles) (alive ? handle?.ref : handle?.unref)?.call(handle);
    }

    private fail(err: Error): void {
        clearTimeout(this.timer);
        const pending = this.busy;
        this.busy = undefined;
        pending?.reject(err);
    }
}

export class RenderPool {
    private readonly workers = new Set<RenderWorker>();
    private readonly idle: RenderWorker[] = [];
    private readonly queue: Pending[] = [];
    private nextId = 1;

    /** Extra environment for workers started from now on. */
    readonly workerEnv: Record<string, string> = {};

    /** How long a render may take before its worker is killed and the render fails (RenderTimeoutError). */
    timeoutSeconds = DEFAULT_RENDER_TIMEOUT_SECONDS;

    constructor(
        private readonly workerPath: string,
        public size: number = defaultRenderWorkers(),
    ) {}

    render(job: RenderJob): Promise<WorkerResult> {
        return new Promise<WorkerResult>((resolve, reject) => {
            this.queue.push({ job, timeoutSeconds: this.timeoutSeconds, resolve, reject });
            this.dispatch();
        });
    }

    /** Starts a worker ahead of the first render, so that it loads the SDK meanwhile. */
    warm(): void {
        if (this.workers.size > 0) return;
        const worker = this.startWorker();
        worker.idle();
        this.idle.push(worker);
    }

    /** Ends every worker; renders still queued are rejected. */
    close(): void {
        for (const pending of this.queue.splice(0)) pending.reject(new Error("render pool closed"));
        for (const worker of this.workers) worker.retire();
    }

    private dispatch(): void {
        while (this.queue.length > 0) {
            let worker = this.idle.pop();
            if (worker && !worker.alive) continue;
            if (!worker) {
                if (this.workers.size >= this.size) return;
                worker = this.startWorker();
            }
            worker.run(this.queue.shift()!, this.nextId++);
        }
    }

    private startWorker(): RenderWorker {
        const worker = new RenderWorker(this.workerPath, this.workerEnv, (w) => this.release(w), (w) => this.remove(w));
        this.workers.add(worker);
        return worker;
    }

    private release(worker: RenderWorker): void {
        this.idle.push(worker);
        this.dispatch();
    }

    private remove(worker: RenderWorker): void {
        this.workers.delete(worker);
        const index = this.idle.indexOf(worker);
        if (index >= 0) this.idle.splice(index, 1);
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
