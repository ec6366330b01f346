// Render workers: @pulumi/pulumi's `debuggablePromise` (runtime/debuggable.js) formats a stack
// trace, `new Error().stack`, for every promise of every resource operation, to name it in a leak
// report that prints traces only under PULUMI_DEBUG_PROMISE_LEAKS. With --cpu-prof on a render of
// the prod stack, that formatting (debuggablePromise plus V8's prepareStackTrace) was about half of
// the render's time. This patch runs the SDK's own function with `Error.stackTraceLimit = 0`, so the
// trace it stores is empty; everything else it does (ids, leak candidates, the exit-time leak check
// and its message) is unchanged. Left alone when PULUMI_DEBUG_PROMISE_LEAKS is set: the traces are
// then what the user asked for.
import * as path from "path";

const PATCHED = Symbol.for("trailguard.promiseStackTraces");

/** Returns whether the patch is in place (now or already). */
export function skipPromiseStackTraces(sdkFrom: string = __dirname): boolean {
    const file = require.resolve("@pulumi/pulumi/runtime/debuggable", { paths: [sdkFrom] });
    // Resolved through the package the way the SDK's own modules require it: one module instance.
    const debuggable = require(path.resolve(file));
    if (debuggable.debugPromiseLeaks) return false;
    const original = debuggable.debuggablePromise;
    if (typeof original !== "function") return false;
    if (original[PATCHED]) return true;
    const withoutTrace = function debuggablePromise<T>(this: unknown, p: Promise<T>, ctx: unknown): Promise<T> {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original.call(this, p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    Object.defineProperty(withoutTrace, PATCHED, { value: true });
    debuggable.debuggablePromise = withoutTrace;
    return true;
}
