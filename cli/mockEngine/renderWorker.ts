// Entry point of a render worker process (RenderPool forks it). The SDK modules an offline render
// never uses are deferred before anything loads @pulumi/pulumi (policies/src/deferredSdkModules.ts),
// and so are the AWS services a program does not touch (deferredAwsServices.ts): a worker loads the
// SDK and the AWS provider in about a third of the time. Then the worker loop takes over.
import { deferUnusedSdkModules } from "../../policies/src/deferredSdkModules";
import { deferAwsServiceModules } from "./deferredAwsServices";

deferUnusedSdkModules();
deferAwsServiceModules();
require("./renderWorkerLoop").serve();
