// trailguard's policy pack: CloudTrail audit logging that is complete, tamper-evident, encrypted,
// watched and protected. Each policy is one exported constant, listed in policyList.ts. Loaded by index.ts.
import { PolicyPack } from "@pulumi/policy";
import { shareDeserializedProperties } from "./sharedDeserialization";
import { analyzeOnlyAuditResources } from "./stackRequestFilter";
import { POLICIES } from "./policyList";

// Two speed-ups of the policy SDK's AnalyzeStack on large stacks; see each module for why.
shareDeserializedProperties();
analyzeOnlyAuditResources();

new PolicyPack("trailguard", {
    displayName: "trailguard — CloudTrail audit logging",
    description: "Blocks CloudTrail setups that are incomplete, tamperable, unencrypted, unwatched or unprotected.",
    policies: POLICIES,
});
