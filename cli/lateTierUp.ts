// V8 flags for the short-lived processes trailguard starts: render workers and the policy pack of
// `trailguard check`. V8 hands a function to its optimising compiler once the function has run
// enough bytecode (its interrupt budget: 67,584 bytes on Node 20). Those processes live a second or
// two, most functions they would optimise run a few hundred times, and the compiler's background
// threads compete with three busy main threads for the cores of a CI machine. With about fifteen
// times the budget, only functions hot enough to repay optimising are optimised: check of the
// shipped stacks used ~0.4 s less CPU in each of its worker and pack (bench/README.md). Given on
// the command line: V8 flags are not allowed in NODE_OPTIONS. No imports (policyPackLaunch.ts).

export const LATE_TIER_UP_FLAG = "--interrupt-budget=1000000";

/**
 * The Node majors the flag was measured on. The flag and its default belong to V8, which a later
 * Node may change (and Node refuses to start on a V8 flag it does not know): on other majors the
 * children start without it, correct and only slower, as the SDK patches do on other SDK versions.
 */
export const LATE_TIER_UP_NODE_MAJORS: readonly number[] = [20];

/** For a child that inherits `nodeOptions`: them, and the flag unless they set an interrupt budget (theirs wins). */
export function withLateTierUp(nodeOptions: readonly string[], nodeVersion: string = process.versions.node): string[] {
    if (!measuredOn(nodeVersion) || nodeOptions.some(isInterruptBudget)) return [...nodeOptions];
    return [...nodeOptions, LATE_TIER_UP_FLAG];
}

/** For a child that inherits none of `nodeOptions`: their interrupt budget when they set one, else the flag. */
export function lateTierUpOnly(nodeOptions: readonly string[], nodeVersion: string = process.versions.node): string[] {
    return withLateTierUp(nodeOptions.filter(isInterruptBudget), nodeVersion);
}

function measuredOn(nodeVersion: string): boolean {
    return LATE_TIER_UP_NODE_MAJORS.includes(Number(nodeVersion.split(".")[0]));
}

/** Node takes a V8 flag's value only after "=" (`--interrupt-budget 5000` is refused). */
function isInterruptBudget(option: string): boolean {
    return /^--interrupt[-_]budget=/.test(option);
}
