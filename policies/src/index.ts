// Entry point of trailguard's policy pack. The engine starts it with `run-policy-pack`, which loads
// bin/policies/src/index.js (compiled, so start-up does not type-check). The speed patches that rely on SDK
// internals (sdkPatches/) are installed first, before anything loads @pulumi/pulumi, and only on the
// SDK versions they were written for; then the pack itself is loaded, which constructs the
// PolicyPack and starts its analyzer server.
import { installPackPatches } from "./sdkPatches";

installPackPatches();
require("./pack");
