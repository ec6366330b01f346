// Render workers: @pulumi/pulumi's `debuggablePromise` (runtime/debuggable.js) formats a stack
// trace, `new Error().stack`, for every promise of every resource operation, to name it in a leak
// report that prints traces only under PULUMI_DEBUG_PROMISE_LEAKS. With --cpu-prof on renders of the
// prod stack, building and formatting those traces was more than half of a render's time. This
// patch skips it. The first call still goes through the SDK's own function (with
// `Error.stackTraceLimit = 0`), so that it schedules its exit-time leak check once; every later
// call does what the SDK's function does on 3.248.0 (PATCHED_SDK_VERSIONS) without the trace and
// without the three marks it puts on the promise (`_debugId`, `_debugCtx`, `_debugStackTrace`):
// only `promiseDebugString` reads them, for the leak report under PULUMI_DEBUG_PROMISE_LEAKS, and
// three defineProperty calls per promise were ~10% of a render's CPU. The same leak-candidate
// bookkeeping in the run's store, the same chained promise, so the same ticks. Left alone when
// PULUMI_DEBUG_PROMISE_LEAKS is set: the traces are then what the user asked for.
import * as path from "path";

const PATCHED = Symbol.for("trailguard.promiseStackTraces");

interface RunStore {
    leakCandidates: Set<Promise<unknown>>;
}

/** Returns whether the patch is in place (now or already). */
export function skipPromiseStackTraces(sdkFrom: string = __dirname): boolean {
    const file = require.resolve("@pulumi/pulumi/runtime/debuggable", { paths: [sdkFrom] });
    const debuggable = require(file);
    const state: { getStore(): RunStore } = require(path.join(path.dirname(file), "state"));
    if (debuggable.debugPromiseLeaks) return false;
    const original = debuggable.debuggablePromise;
    if (typeof original !== "function" || typeof state.getStore !== "function") return false;
    if (original[PATCHED]) return true;
    let exitCheckScheduled = false;
    const withoutTrace = function debuggablePromise<T>(this: unknown, p: Promise<T>, ctx: unknown): Promise<T> {
        if (!exitCheckScheduled) {
            exitCheckScheduled = true;
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0;
            try {
                return original.call(this, p, ctx);
            } finally {
                Error.stackTraceLimit = limit;
            }
        }
        const store = state.getStore();
        store.leakCandidates.add(p);
        return p
            .then((value) => {
                store.leakCandidates.delete(p);
                return value;
            })
            .catch((err) => {
                store.leakCandidates.delete(p);
                err.promise = p;
                throw err;
            });
    };
    Object.defineProperty(withoutTrace, PATCHED, { value: true });
    debuggable.debuggablePromise = withoutTrace;
    return true;
}
