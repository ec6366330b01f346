// Render workers run @pulumi/pulumi's debuggablePromise without formatting a stack trace for every
// promise (policies/src/sdkPatches/promiseStackTraces.ts): renders must not change, the SDK's leak
// bookkeeping must still work, and PULUMI_DEBUG_PROMISE_LEAKS must still get its traces.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { shippedStackNames } from "../support/shippedStacks";
import { compiledSdkPatches, LIBRARY_DIRS, newPool, rendered, root, trailguardJob } from "./support";

const patch = path.join(compiledSdkPatches, "promiseStackTraces.js");

/** In a fresh process: whether the patch installs, and what a debuggable promise then carries. */
function probe(env: Record<string, string> = {}) {
    const script = `
        const installed = require(${JSON.stringify(patch)}).skipPromiseStackTraces();
        const debuggable = require("@pulumi/pulumi/runtime/debuggable");
        const state = require("@pulumi/pulumi/runtime/state");
        state.getStore().leakCandidates = new Set();
        // The first call goes through the SDK's own function, later ones through the patch's: probe both.
        const probes = ["first", "second"].map((ctx) => {
            let release;
            // The SDK marks the promise it is given and returns a chained one.
            const inner = new Promise((r) => (release = r));
            return { ctx, inner, release, chained: debuggable.debuggablePromise(inner, ctx) };
        });
        const candidatesWhilePending = state.getStore().leakCandidates.size;
        probes[0].release(41);
        probes[1].release(42);
        Promise.all(probes.map((p) => p.chained)).then((values) => {
            process.stdout.write(JSON.stringify({
                installed, values, candidatesWhilePending,
                candidatesAfter: state.getStore().leakCandidates.size,
                marks: probes.map((p) => ({ ctx: p.inner._debugCtx, id: typeof p.inner._debugId, traceHasFrames: /\\n\\s+at /.test(p.inner._debugStackTrace ?? "") })),
                stackTraceLimit: Error.stackTraceLimit,
            }));
        });`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } }));
}

describe("promise stack traces in render workers", () => {
    it("are no longer formatted, while the SDK still tracks and releases the promise", () => {
        expect(probe()).toEqual({
            installed: true,
            values: [41, 42],
            candidatesWhilePending: 2,
            candidatesAfter: 0,
            marks: [
                // The SDK's own function, with no trace.
                { ctx: "first", id: "number", traceHasFrames: false },
                // The patch's: no marks at all (only the leak report under PULUMI_DEBUG_PROMISE_LEAKS reads them).
                { ctx: undefined, id: "undefined", traceHasFrames: false },
            ],
            // The limit is restored after each call: the program's own errors keep their traces.
            stackTraceLimit: 10,
        });
    });

    it("leave out marks that only the SDK's leak report reads", () => {
        // Every place in @pulumi/pulumi that names a mark: the SDK's debuggablePromise, which sets them,
        // and promiseDebugString, which prints them for PULUMI_DEBUG_PROMISE_LEAKS (the patch is off then).
        const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
        const readers: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else if (entry.name.endsWith(".js")) {
                    fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
                        if (/_debug(Id|Ctx|StackTrace)\b/.test(line)) readers.push(`${path.relative(sdk, file)}:${line.trim()}`);
                    });
                }
            }
        };
        walk(sdk);
        expect(readers).toEqual([
            'runtime/debuggable.js:return `CONTEXT(${p._debugId}): ${p._debugCtx}\\n` + `STACK_TRACE:\\n` + `${p._debugStackTrace}`;',
            'runtime/debuggable.js:Object.defineProperty(p, "_debugId", { writable: true, value: promiseId });',
            'runtime/debuggable.js:Object.defineProperty(p, "_debugCtx", { writable: true, value: ctx });',
            'runtime/debuggable.js:Object.defineProperty(p, "_debugStackTrace", { writable: true, value: new Error().stack });',
        ]);
    });

    it("still let the SDK report a promise leaked at exit, and fail the process", () => {
        const script = `
            require(${JSON.stringify(patch)}).skipPromiseStackTraces();
            const debuggable = require("@pulumi/pulumi/runtime/debuggable");
            require("@pulumi/pulumi/runtime/state").getStore().leakCandidates = new Set();
            debuggable.debuggablePromise(Promise.resolve(1), "settled");
            debuggable.debuggablePromise(new Promise(() => {}), "leaked");`;
        const run = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain("The Pulumi runtime detected that 1 promise was still active");
    });

    it("are kept when PULUMI_DEBUG_PROMISE_LEAKS asks for them", () => {
        const result = probe({ PULUMI_DEBUG_PROMISE_LEAKS: "1" });
        expect(result.installed).toBe(false);
        expect(result.marks.map((m: { traceHasFrames: boolean }) => m.traceHasFrames)).toEqual([true, true]);
    });

    it("leave every shipped stack's render unchanged, in both modes", async () => {
        const patched = newPool();
        // The SDK's debug switch turns the patch off, and changes nothing else a render records.
        const unpatched = newPool({ PULUMI_DEBUG_PROMISE_LEAKS: "1" });
        try {
            for (const stack of shippedStackNames()) {
                for (const mode of ["preview", "deployed"] as const) {
                    const job = { ...trailguardJob(stack, {}, LIBRARY_DIRS), mode };
                    expect(await rendered(patched, job), `${stack} ${mode}`).toEqual(await rendered(unpatched, job));
                }
            }
        } finally {
            patched.close();
            unpatched.close();
        }
    });
});
