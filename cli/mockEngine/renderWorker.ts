// Entry point of a render worker process (RenderPool forks it). The SDK modules that only serialize
// closures are deferred before anything loads @pulumi/pulumi (policies/src/deferredSdkModules.ts):
// a worker starts in less than half the time. Then the worker loop takes over.
import { deferClosureSerializationModules } from "../../policies/src/deferredSdkModules";

deferClosureSerializationModules();
require("./renderWorkerLoop").serve();
