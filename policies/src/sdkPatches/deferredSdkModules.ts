// Start-up speed of every process that loads @pulumi/pulumi without deploying: this policy pack, and
// trailguard's offline render workers. The SDK's index loads, eagerly, parts neither of them uses:
// the Automation API (automation/), and two large packages the runtime only uses to serialize
// JavaScript closures into cloud code (aws.lambda.CallbackFunction, dynamic providers): TypeScript,
// to parse a function's text (runtime/closure/parseFunction.js through typescript-shim.js), and
// @npmcli/arborist and normalize-package-data, to find the packages a closure needs
// (runtime/closure/codePaths.js). Measured on the development machine the first three take ~35,
// ~140 and ~150 ms of the ~480 ms it takes to load @pulumi/pulumi and @pulumi/aws, and
// normalize-package-data ~30 ms more. Here they load on first use instead: a process that does use one
// gets the real module, only later. A module already loaded, or one that cannot be found where this
// SDK version keeps it, is left alone. Installed by index.ts (installPackPatches,
// installRenderWorkerPatches) before anything loads @pulumi/pulumi, and only on the SDK versions in
// PATCHED_SDK_VERSIONS. SDK internals relied on: the file layout of DEFERRED below, and that the SDK
// reads these modules only through their exports (never compares or freezes the module objects).
import * as path from "path";

/**
 * How TypeScript's compiled code imports a module:
 * - "importStar": `__importStar` copies every export at load time unless the module says it is an
 *   ES module; the stand-in says so (`__esModule`), which keeps the copy from loading it. True of
 *   automation/; @npmcli/arborist is CommonJS (`module.exports = Arborist`), but codePaths.js only
 *   reads `arborist.Arborist`, which the stand-in answers either way.
 * - "importDefault": `__importDefault` wraps a module that does not say it is an ES module as
 *   `{ default: module }`, reading `__esModule` at load time; the stand-in says so, and answers
 *   `default` with the real module (normalize-package-data, a function).
 * - "require": a plain `require`, read only through the module's exports.
 */
export type Interop = "importStar" | "importDefault" | "require";

export interface Deferral {
    /** The module as @pulumi/pulumi requires it, and the SDK file it is required from. */
    request: string;
    from: string;
    /** How the SDK imports it, which decides what the stand-in answers without loading it (Interop). */
    interop: Interop;
}

const DEFERRED: readonly Deferral[] = [
    { request: "./automation", from: "@pulumi/pulumi/index.js", interop: "importStar" },
    { request: "./typescript-shim", from: "@pulumi/pulumi/index.js", interop: "require" },
    { request: "@npmcli/arborist", from: "@pulumi/pulumi/runtime/closure/codePaths.js", interop: "importStar" },
    { request: "normalize-package-data", from: "@pulumi/pulumi/runtime/closure/codePaths.js", interop: "importDefault" },
];

type Loader = () => unknown;

/** Exports that stand in for a module until one of them is used; then the real module is loaded. */
function deferredExports(load: Loader, interop: Interop): object {
    let real: any;
    const target = () => (real ??= load());
    return new Proxy(
        {},
        {
            get: (_t, key) => {
                if (interop !== "require" && key === "__esModule" && real === undefined) return true;
                if (interop === "importDefault" && key === "default") return target();
                return Reflect.get(target(), key);
            },
            has: (_t, key) => Reflect.has(target(), key),
            set: (_t, key, value) => Reflect.set(target(), key, value),
            ownKeys: () => Reflect.ownKeys(target()),
            getOwnPropertyDescriptor: (_t, key) => {
                const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
                // A proxy may not report a property its own (empty) target lacks as non-configurable.
                return descriptor && { ...descriptor, configurable: true };
            },
        },
    );
}

/**
 * Defers those modules of the @pulumi/pulumi that `sdkFrom` resolves (default: this module's). Call
 * before anything loads @pulumi/pulumi. Returns the files deferred.
 */
export function deferUnusedSdkModules(sdkFrom: string = __dirname): string[] {
    return deferSdkModules(DEFERRED, sdkFrom);
}

/**
 * Defers each module of `deferrals` as the @pulumi/pulumi that `sdkFrom` resolves requires it; one
 * it cannot find where the list says is left alone. Returns the files deferred.
 */
export function deferSdkModules(deferrals: readonly Deferral[], sdkFrom: string = __dirname): string[] {
    const deferred: string[] = [];
    for (const deferral of deferrals) {
        let file: string;
        try {
            const from = require.resolve(deferral.from, { paths: [sdkFrom] });
            const request = deferral.request.startsWith(".") ? path.resolve(path.dirname(from), deferral.request) : deferral.request;
            file = require.resolve(request, { paths: [path.dirname(from)] });
        } catch {
            continue;
        }
        if (deferModule(file, deferral.interop)) deferred.push(file);
    }
    return deferred;
}

/**
 * Puts a stand-in for the module `file` (an absolute path) in the require cache, which loads the real
 * module when one of its exports is first used; `interop` says what it answers before (Interop). The stand-in
 * forwards reads, `in`, key listings and writes; it is not the module object itself, so code that
 * compares a module with require.cache entries (closure serialization) or freezes it sees the
 * difference. False when the module is loaded already.
 */
export function deferModule(file: string, interop: Interop): boolean {
    if (require.cache[file]) return false;
    const load: Loader = () => {
        // Replace the stand-in with the real module, which then stays in the cache.
        if (require.cache[file] === standIn) delete require.cache[file];
        return require(file);
    };
    const standIn = new (require("module") as typeof import("module"))(file, module) as NodeJS.Module;
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = deferredExports(load, interop);
    require.cache[file] = standIn;
    return true;
}
