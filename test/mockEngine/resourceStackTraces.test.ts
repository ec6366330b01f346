// Render workers skip the stack every resource captures for its source position
// (policies/src/sdkPatches/resourceStackTraces.ts). Each probe is a fresh Node process that renders
// every shipped stack in both modes as a worker does (the program's index module loaded anew for
// each render), with and without the patch, and records the source position of the RegisterResource
// requests the mock engine received; the renders must be the same.
import { describe, expect, it } from "vitest";
import { compiledSdkPatches, renderShippedInFreshProcess } from "./support";


interface Probe {
    installed: boolean;
    /** How many RegisterResource requests carried a source position. */
    positioned: number;
    registered: number;
}

function probe(patch: boolean): Probe & { renders: unknown[] } {
    const patches = compiledSdkPatches;
    return renderShippedInFreshProcess(
        `const installed = ${patch} ? require(${JSON.stringify(patches)} + "/resourceStackTraces.js").skipResourceStackTraces() : false;
        const mocks = require("@pulumi/pulumi/runtime/mocks");
        // Counts what reaches the mock engine: the request's source position, set or not.
        let positioned = 0, registered = 0;
        const register = mocks.MockMonitor.prototype.registerResource;
        mocks.MockMonitor.prototype.registerResource = function (req, cb) {
            registered++;
            if (req.getSourceposition()) positioned++;
            return register.call(this, req, cb);
        };`,
        `{ installed, positioned, registered }`,
    );
}

describe("resource stack traces in a render worker", () => {
    it("are no longer captured, and no render changes", () => {
        const [whole, patched] = [probe(false), probe(true)];
        expect(patched.installed).toBe(true);
        // Without the patch the requests say where the program created its resources (all but those
        // the SDK creates itself, such as the stack and default providers); with it none does.
        expect(whole.registered).toBeGreaterThan(100);
        expect(whole.positioned).toBeGreaterThan(whole.registered / 2);
        expect(patched.registered).toBe(whole.registered);
        expect(patched.positioned).toBe(0);
        expect(patched.renders).toEqual(whole.renders);
    });
});
