// A validate function for a single resource type tells @pulumi/policy so through the private
// `__pulumiType` property, which the SDK's own validateResourceOfType and validateStackResourcesOfType
// set: its server (server.js, makeAnalyzeRpcFun and makeAnalyzeStackRpcFun, through policy.js
// getPulumiType) then skips the policy for a resource of another type without deserializing it, and
// a stack policy for a stack with no resource of that type. trailguard's validate functions check
// the type themselves, so the hint only saves work. Attached by index.ts installPackPatches, to the
// functions registered before it runs and to those registered after; on other SDK versions, never.

const PULUMI_TYPE = "__pulumiType";

/** Functions waiting for installPackPatches, with their type. */
const pending = new Map<Function, string>();
let enabled = false;

function attach(fn: Function, type: string): void {
    (fn as unknown as Record<string, unknown>)[PULUMI_TYPE] = type;
}

/**
 * Marks `fn` (a validateResource, remediateResource or validateStack function that ignores every
 * other type itself) as applying to resources of `type` only, once the pack's SDK patches are
 * installed. Returns `fn`.
 */
export function skipUnlessType<F extends Function>(fn: F, type: string): F {
    if (enabled) attach(fn, type);
    else pending.set(fn, type);
    return fn;
}

/** Attaches the hint to every function marked so far, and to those marked from now on. */
export function enableTypeHints(): boolean {
    enabled = true;
    for (const [fn, type] of pending) attach(fn, type);
    pending.clear();
    return true;
}
