// Preloaded (`node --require`) into the policy pack process `trailguard check` starts
// (policyPackLaunch.ts), so that the pack loads through trailguard's compile cache while its own
// code knows nothing of it: the Pulumi engine starts the same pack without it.
import { enableTrailguardCompileCache } from "./compileCache";
import { trailguardRoot } from "./trailguardRoot";

// The pack is stopped with SIGTERM when a check is done (PolicyPackProcess.close).
enableTrailguardCompileCache(trailguardRoot(), { writeOnSigterm: true });
