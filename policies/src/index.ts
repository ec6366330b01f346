// Entry point of trailguard's policy pack. The engine starts it with `run-policy-pack`, which loads
// bin/index.js (compiled, so start-up does not type-check). The SDK modules a pack never uses are
// deferred before anything loads @pulumi/pulumi (deferredSdkModules.ts); then the pack itself is
// loaded, which constructs the PolicyPack and starts its analyzer server.
import { deferUnusedSdkModules } from "./deferredSdkModules";

deferUnusedSdkModules();
require("./pack");
