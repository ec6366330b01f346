// Main module of a render worker process (RenderPool in renderWorkerPool.ts forks it). First the
// compile cache (../compileCache.ts), so that the SDK and the programs' modules load through it, and
// zod's locales deferred (deferredZodLocales.ts). Then the speed patches that rely on SDK internals
// (policies/src/sdkPatches/), before anything loads @pulumi/pulumi: the SDK modules an offline
// render never uses are deferred, and, when the pool asks for it (DEFER_AWS_SERVICES_ENV), so are
// the AWS services a program does not touch; only on the SDK versions the patches were written for.
// Then the job loop (renderJobLoop.ts) takes over.
import { enableTrailguardCompileCache } from "../compileCache";
import { trailguardRoot } from "../trailguardRoot";

enableTrailguardCompileCache(trailguardRoot());
require("./deferredZodLocales").deferZodLocales();
require("../../policies/src/sdkPatches").installRenderWorkerPatches();
require("./renderJobLoop").serve();
