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
import * as path from "path";
import { deferModule } from "./deferredSdkModules";

/** The generated gRPC service stubs a render worker's @pulumi/pulumi loads, in its proto/ folder. */
const SERVICE_STUBS = ["engine_grpc_pb.js", "resource_grpc_pb.js", "callback_grpc_pb.js", "provider_grpc_pb.js"];

/** Defers gRPC in the @pulumi/pulumi that `sdkFrom` resolves (default: this module's); returns the files deferred. */
export function deferRpcModules(sdkFrom: string = __dirname): string[] {
    let sdkDir: string;
    let packages: string[];
    try {
        sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [sdkFrom] }));
        packages = ["@grpc/grpc-js", "@opentelemetry/api"].map((name) => require.resolve(name, { paths: [sdkDir] }));
    } catch {
        return [];
    }
    const files = [...packages, ...SERVICE_STUBS.map((stub) => path.join(sdkDir, "proto", stub))];
    return files.filter((file) => {
        try {
            require.resolve(file);
        } catch {
            return false;
        }
        return deferModule(file, true);
    });
}
