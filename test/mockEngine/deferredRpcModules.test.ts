// Render workers never load gRPC (policies/src/sdkPatches/deferredRpcModules.ts): the mock engine
// opens no channel. Each probe is a fresh Node process that renders every shipped stack in both
// modes, with and without the deferral, the way a worker does (the SDK modules a worker always
// defers deferred, the program's index module loaded anew for each render); the renders must be
// the same, and gRPC must still be unloaded after them.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { shippedStackNames } from "../support/shippedStacks";
import { root, trailguardJob } from "./support";

const dist = path.join(root, "dist");
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
const grpcIndex = require.resolve("@grpc/grpc-js", { paths: [sdkDir] });
const stub = path.join(sdkDir, "proto", "resource_grpc_pb.js");
const tracing = require.resolve("@opentelemetry/api", { paths: [sdkDir] });

interface Probe {
    deferred: string[];
    renders: unknown[];
    /** After every render: whether gRPC and a service stub are still stand-ins. */
    grpcStillDeferred: boolean;
    stubStillDeferred: boolean;
    tracingStillDeferred: boolean;
    /** After first use: the real module's values. */
    statusUnavailable: number;
    clientIsClass: boolean;
}

function probe(defer: boolean): Probe {
    const jobs = shippedStackNames().flatMap((stack) => (["preview", "deployed"] as const).map((mode) => ({ ...trailguardJob(stack), mode })));
    const script = `
        const { types } = require("util");
        const patches = ${JSON.stringify(path.join(dist, "policies", "src", "sdkPatches"))};
        // As in a worker: the SDK modules it defers anyway (the Automation API would load gRPC itself).
        require(patches + "/deferredSdkModules.js").deferUnusedSdkModules();
        const deferred = ${defer} ? require(patches + "/deferredRpcModules.js").deferRpcModules() : [];
        require(${JSON.stringify(path.join(dist, "config", "offlineRender.js"))}).renderOffline();
        const { runProgramWithMocks } = require(${JSON.stringify(path.join(dist, "cli", "mockEngine", "runProgramWithMocks.js"))});
        const isStandIn = (file) => types.isProxy(require.cache[file]?.exports);
        (async () => {
            const renders = [];
            for (const job of ${JSON.stringify(jobs)}) {
                delete require.cache[job.program];
                renders.push(await runProgramWithMocks(job));
            }
            const grpcStillDeferred = isStandIn(${JSON.stringify(grpcIndex)});
            const stubStillDeferred = isStandIn(${JSON.stringify(stub)});
            const tracingStillDeferred = isStandIn(${JSON.stringify(tracing)});
            const statusUnavailable = require(${JSON.stringify(grpcIndex)}).status.UNAVAILABLE;
            const clientIsClass = typeof require(${JSON.stringify(stub)}).ResourceMonitorClient === "function";
            process.stdout.write(JSON.stringify({ deferred, renders, grpcStillDeferred, stubStillDeferred, tracingStillDeferred, statusUnavailable, clientIsClass }));
        })();`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }));
}

describe("gRPC in a render worker", () => {
    it("is deferred, never loaded by a render, loads on first use, and changes no render", () => {
        const [whole, deferring] = [probe(false), probe(true)];
        expect(deferring.deferred).toContain(grpcIndex);
        expect(deferring.deferred).toContain(stub);
        expect(deferring.grpcStillDeferred).toBe(true);
        expect(deferring.stubStillDeferred).toBe(true);
        expect(deferring.tracingStillDeferred).toBe(true);
        expect(whole.grpcStillDeferred).toBe(false);
        // grpc.status.UNAVAILABLE is 14 in the gRPC status code table.
        expect(deferring.statusUnavailable).toBe(14);
        expect(deferring.clientIsClass).toBe(true);
        expect(deferring.renders.length).toBe(shippedStackNames().length * 2);
        expect(deferring.renders).toEqual(whole.renders);
    });
});
