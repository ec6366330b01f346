// Render workers never load gRPC (policies/src/sdkPatches/deferredRpcModules.ts): the mock engine
// opens no channel. Each probe is a fresh Node process that renders every shipped stack in both
// modes, with and without the deferral, the way a worker does (the SDK modules a worker always
// defers deferred, the program's index module loaded anew for each render); the renders must be
// the same, and gRPC must still be unloaded after them.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { shippedStackNames } from "../support/shippedStacks";
import { compiledSdkPatches, renderShippedInFreshProcess, root } from "./support";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
const grpcIndex = require.resolve("@grpc/grpc-js", { paths: [sdkDir] });
const stub = path.join(sdkDir, "proto", "resource_grpc_pb.js");
const tracing = require.resolve("@opentelemetry/api", { paths: [sdkDir] });

interface Probe {
    deferred: string[];
    /** After every render: whether gRPC and a service stub are still stand-ins. */
    grpcStillDeferred: boolean;
    stubStillDeferred: boolean;
    tracingStillDeferred: boolean;
    /** After first use: the real module's values. */
    statusUnavailable: number;
    clientIsClass: boolean;
}

function probe(defer: boolean): Probe & { renders: unknown[] } {
    const patches = compiledSdkPatches;
    return renderShippedInFreshProcess(
        `const { types } = require("util");
        // As in a worker: the SDK modules it defers anyway (the Automation API would load gRPC itself).
        require(${JSON.stringify(patches)} + "/deferredSdkModules.js").deferUnusedSdkModules();
        const deferred = ${defer} ? require(${JSON.stringify(patches)} + "/deferredRpcModules.js").deferRpcModules() : [];
        const isStandIn = (file) => types.isProxy(require.cache[file]?.exports);`,
        `{
            deferred,
            grpcStillDeferred: isStandIn(${JSON.stringify(grpcIndex)}),
            stubStillDeferred: isStandIn(${JSON.stringify(stub)}),
            tracingStillDeferred: isStandIn(${JSON.stringify(tracing)}),
            statusUnavailable: require(${JSON.stringify(grpcIndex)}).status.UNAVAILABLE,
            clientIsClass: typeof require(${JSON.stringify(stub)}).ResourceMonitorClient === "function",
        }`,
    );
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
