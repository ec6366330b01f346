// Entry point of a render worker process (RenderPool forks it). The SDK modules an offline render
// never uses are deferred before anything loads @pulumi/pulumi (policies/src/deferredSdkModules.ts),
// and, when the pool asks for it, so are the AWS services a program does not touch
// (deferredAwsServices.ts). Then the worker loop takes over.
import { deferUnusedSdkModules } from "../../policies/src/deferredSdkModules";
import { DEFER_AWS_SERVICES_ENV, deferAwsServiceModules } from "./deferredAwsServices";

deferUnusedSdkModules();
if (process.env[DEFER_AWS_SERVICES_ENV] === "1") deferAwsServiceModules();
require("./renderWorkerLoop").serve();
