// The job loop of a render worker process (started as renderWorkerMain.js): renders the RenderJobs its
// parent sends over IPC, one at a time (runProgramWithMocks.ts), and answers each with a WorkerResult;
// the IPC messages are defined here. Loading the Pulumi SDK and the AWS provider costs more than a
// render, so a worker serves many jobs; between jobs it forgets the program's own modules (never
// node_modules), and setMocks resets the SDK's run state. After a failed render the worker exits, so
// that nothing a broken program left behind (pending promises, half-registered resources) can reach
// the next job; the pool starts a fresh one.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { renderOffline } from "../../config/offlineRender";
import type { StackCost } from "../check/stackCost";
import type { RenderedResource, RenderedStack } from "./renderedStackFormat";
import { RenderJob, runProgramWithMocks } from "./runProgramWithMocks";

export type WorkerResult =
    | { ok: true; stack: RenderedStack; cost?: StackCost }
    | { ok: false; kind: "user" | "program"; message: string; detail?: string };

export interface WorkerRequest {
    id: number;
    job: RenderJob;
}

/**
 * The job's result, or (RenderJob.streamResources) resources it registered so far, sent before the
 * result. A streamed job's result leaves out the resources the parent already has: `outputs` holds
 * what may have changed since each was sent (its outputs, in their order), and the parent puts the
 * stack back together (RenderPool).
 */
export type WorkerResponse =
    | { id: number; result: WorkerResult }
    | { id: number; result: WorkerResult; outputs: Record<string, unknown>[] }
    | { id: number; resources: RenderedResource[] };

function failure(err: unknown): WorkerResult {
    if (pulumi.RunError.isInstance(err as Error)) {
        // RunErrors are the program's own word to the user (e.g. config validation): message only.
        return { ok: false, kind: "user", message: (err as Error).message };
    }
    if (err instanceof Error) {
        return { ok: false, kind: "program", message: err.message, detail: err.stack };
    }
    return { ok: false, kind: "program", message: String(err) };
}

const ownDirectory = __dirname;
let tsNodeRegistered = false;

/** Drops the previous program's modules from the require cache; packages and the job's libraries stay loaded. */
function forgetProgramModules(libraryDirs: readonly string[]): void {
    const kept = [ownDirectory, ...libraryDirs].map((dir) => path.resolve(dir) + path.sep);
    for (const file of Object.keys(require.cache)) {
        if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
        if (kept.some((dir) => file.startsWith(dir))) continue;
        delete require.cache[file];
    }
}

async function render(job: RenderJob, onRecord?: (resource: RenderedResource) => void): Promise<WorkerResult> {
    // A program's failure can surface as an unhandled rejection instead of through runProgramWithMocks.
    return new Promise<WorkerResult>((resolve) => {
        let settled = false;
        const settle = (result: WorkerResult) => {
            if (settled) return;
            settled = true;
            process.off("unhandledRejection", onError);
            process.off("uncaughtException", onError);
            resolve(result);
        };
        const onError = (err: unknown) => settle(failure(err));
        process.on("unhandledRejection", onError);
        process.on("uncaughtException", onError);
        try {
            process.chdir(job.cwd);
            if (job.typescript && !tsNodeRegistered) {
                // Other teams' programs are TypeScript run by ts-node under the Pulumi CLI; transpile
                // only, since type errors are the program's build's business, not the policy verdict's.
                require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
                tsNodeRegistered = true;
            }
            forgetProgramModules(job.libraryDirs ?? []);
        } catch (err) {
            settle(failure(err));
            return;
        }
        runProgramWithMocks(job, onRecord)
            .then((stack) => settle({ ok: true, stack, ...(job.estimateCost ? { cost: priced(job, job.estimateCost.configFile) } : {}) }))
            .catch(onError);
    });
}

/** Loaded on the first job that asks: a worker that only renders never loads the cost model. */
function priced(job: RenderJob, configFile: string): StackCost {
    const { stackCost } = require("../check/stackCost") as typeof import("../check/stackCost");
    return stackCost(job.config, job.stack, configFile);
}

function send(response: WorkerResponse): Promise<void> {
    return new Promise((resolve) => process.send!(response, () => resolve()));
}

export function serve(): void {
    // Tells trailguard's Pulumi binding (config/loadSettings.ts) that `secure:` values are
    // placeholders here. Imported from its import-free module: the binding itself loads the config
    // validator, which a worker rendering some other program never needs.
    renderOffline();
    if (!process.send) {
        process.stderr.write("renderWorkerMain: start it through RenderPool (it needs an IPC channel)\n");
        process.exit(2);
    }
    // The parent is gone: nobody wants the results.
    process.on("disconnect", () => process.exit(0));
    let queue = Promise.resolve();
    process.on("message", (request: WorkerRequest) => {
        queue = queue.then(async () => {
            const streamed = request.job.streamResources ? new ResourceStream(request.id) : undefined;
            const result = await render(request.job, streamed && ((resource) => streamed.add(resource)));
            streamed?.flush();
            await send(streamed && result.ok ? withoutStreamedResources(request.id, result) : { id: request.id, result });
            if (!result.ok) process.exit(0);
        });
    });
}

/** A streamed job's result without the resources sent already: only their outputs, which may have changed since. */
function withoutStreamedResources(id: number, result: Extract<WorkerResult, { ok: true }>): WorkerResponse {
    return { id, result: { ...result, stack: { ...result.stack, resources: [] } }, outputs: result.stack.resources.map((r) => r.outputs) };
}

/** Resources per message at most: a render registers most of its resources in one long run of promise callbacks. */
const STREAM_BATCH = 8;

/**
 * Resources registered by the job being rendered, sent in batches (per resource, the messages would
 * cost more than the resources): a batch goes when it is full, or when the event loop comes round.
 */
class ResourceStream {
    private batch: RenderedResource[] = [];
    private scheduled = false;

    constructor(private readonly id: number) {}

    add(resource: RenderedResource): void {
        this.batch.push(resource);
        if (this.batch.length >= STREAM_BATCH) return this.flush();
        if (this.scheduled) return;
        this.scheduled = true;
        setImmediate(() => {
            this.scheduled = false;
            this.flush();
        });
    }

    /** Sends what is batched; the IPC channel keeps the order, so the result, sent after, comes last. */
    flush(): void {
        if (this.batch.length === 0) return;
        process.send!({ id: this.id, resources: this.batch } satisfies WorkerResponse);
        this.batch = [];
    }
}
