// trailguard's policy pack: CloudTrail audit logging that is complete, tamper-evident, encrypted,
// watched and protected. Each policy is one exported constant, listed in policyList.ts. Loaded by
// index.ts, after it has installed the SDK speed patches (sdkPatches/).
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policyList";

new PolicyPack("trailguard", {
    displayName: "trailguard — CloudTrail audit logging",
    description: "Blocks CloudTrail setups that are incomplete, tamperable, unencrypted, unwatched or unprotected.",
    policies: POLICIES,
});
