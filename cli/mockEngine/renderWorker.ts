// Entry point of a render worker process (RenderPool forks it). The SDK modules an offline render
// never uses are deferred before anything loads @pulumi/pulumi (policies/src/deferredSdkModules.ts):
// a worker loads the SDK in about a third of the time. Then the worker loop takes over.
import { deferUnusedSdkModules } from "../../policies/src/deferredSdkModules";

deferUnusedSdkModules();
require("./renderWorkerLoop").serve();
