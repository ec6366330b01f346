// A render worker never speaks gRPC: the mock engine (setMocks) stands in for the resource monitor
// and the engine, so no channel is ever opened. Yet @pulumi/pulumi loads the gRPC client library and
// the generated service stubs eagerly (runtime/settings.js, callbacks.js, resource.js, invoke.js,
// errors.js, provider/server.js), and each stub builds its client class when loaded; settings.js also
// loads the OpenTelemetry API, which only its interceptor for engine channels calls. Here they are
// deferred (deferredSdkModules.ts) and load on first use, which a render never makes: measured on the
// 2-core development machine, loading @pulumi/pulumi and @pulumi/aws in a worker took ~410 ms of CPU
// with gRPC and ~340 ms without. Render workers only (index.ts installRenderWorkerPatches): the pack
// serves the Analyzer service over gRPC. SDK internals relied on: these files are where
// @pulumi/pulumi keeps the stubs and which @grpc/grpc-js it resolves, every SDK module imports them
// with `__importStar` (grpc-js and the OpenTelemetry API are TypeScript-compiled ES modules; the stubs
// are CommonJS, which the stand-in's `__esModule` answer covers), and only functions that talk to a
// real engine use them.
import { Deferral, deferSdkModules } from "./deferredSdkModules";

/** Where @pulumi/pulumi requires them; every one is imported with `__importStar`. */
const DEFERRED: readonly Deferral[] = [
    { request: "@grpc/grpc-js", from: "@pulumi/pulumi/runtime/settings.js", interop: "importStar" },
    { request: "@opentelemetry/api", from: "@pulumi/pulumi/runtime/settings.js", interop: "importStar" },
    { request: "../proto/engine_grpc_pb", from: "@pulumi/pulumi/runtime/settings.js", interop: "importStar" },
    { request: "../proto/resource_grpc_pb", from: "@pulumi/pulumi/runtime/settings.js", interop: "importStar" },
    { request: "../proto/callback_grpc_pb", from: "@pulumi/pulumi/runtime/callbacks.js", interop: "importStar" },
    { request: "../proto/provider_grpc_pb", from: "@pulumi/pulumi/provider/server.js", interop: "importStar" },
];

/** Defers gRPC in the @pulumi/pulumi that `sdkFrom` resolves (default: this module's); returns the files deferred. */
export function deferRpcModules(sdkFrom: string = __dirname): string[] {
    return deferSdkModules(DEFERRED, sdkFrom);
}
