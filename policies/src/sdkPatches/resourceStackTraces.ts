// Render workers: every resource @pulumi/pulumi constructs captures the whole stack of its caller
// (resource.js `Resource.stackTrace`, with `Error.stackTraceLimit` raised to infinity), parses each
// frame and turns its file into a URL, for the source position and stack trace a RegisterResource
// request carries to the engine, which shows them in `pulumi preview`. A mock-engine render records
// neither. This patch makes `Resource.stackTrace` return no frames, so the requests carry no
// source position: renders of prod took ~80 ms instead of ~100 ms (median of 12 each, one warm
// worker). SDK internals relied on: the constructor calls the static method through the class
// (`Resource.stackTrace(4)`), and its result only fills those two request fields.
const PATCHED = Symbol.for("trailguard.resourceStackTraces");

/** Returns whether the patch is in place (now or already). */
export function skipResourceStackTraces(sdkFrom: string = __dirname): boolean {
    const { Resource } = require(require.resolve("@pulumi/pulumi/resource", { paths: [sdkFrom] }));
    if (typeof Resource?.stackTrace !== "function") return false;
    if (Resource.stackTrace[PATCHED]) return true;
    const noFrames = () => [];
    Object.defineProperty(noFrames, PATCHED, { value: true });
    Resource.stackTrace = noFrames;
    return true;
}
