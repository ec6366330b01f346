// trailguard's policy pack: CloudTrail audit logging that is complete, tamper-evident, encrypted,
// watched and protected. Each policy is one exported constant, listed here. Loaded by index.ts.
import { PolicyPack } from "@pulumi/policy";
import { shareDeserializedProperties } from "./sharedDeserialization";
import { analyzeOnlyAuditResources } from "./stackRequestFilter";
import {
    archiveBucketAccessLogging,
    archiveBucketEncryption,
    archiveBucketNoPublicGrants,
    archiveBucketObjectLock,
    archiveBucketPublicAccessBlock,
    archiveBucketRetention,
    archiveBucketTlsOnly,
    archiveBucketVersioning,
} from "./policies/archiveBucket";
import { deliveryRoleTrust } from "./policies/deliveryRoleTrust";
import { kmsKeyDeletionWindow, kmsKeyPolicyNoPublicAccess, kmsKeyRotation } from "./policies/kms";
import { logGroupEncryption, logGroupRetention } from "./policies/logGroup";
import { alertTopicEncryption, cisMonitoringAlarms, deliveryHeartbeat, metricFilterPatternSyntax } from "./policies/monitoring";
import { auditResourcesProtected } from "./policies/protection";
import {
    trailCloudWatchLogs,
    trailGlobalServiceEvents,
    trailKmsEncryption,
    trailLogFileValidation,
    trailManagementEvents,
    trailMultiRegion,
} from "./policies/trail";
import { trailRequired } from "./policies/trailRequired";

const POLICIES = [
    trailRequired,
    trailMultiRegion,
    trailGlobalServiceEvents,
    trailManagementEvents,
    trailLogFileValidation,
    trailKmsEncryption,
    trailCloudWatchLogs,
    deliveryRoleTrust,
    archiveBucketPublicAccessBlock,
    archiveBucketNoPublicGrants,
    archiveBucketEncryption,
    archiveBucketVersioning,
    archiveBucketTlsOnly,
    archiveBucketAccessLogging,
    archiveBucketRetention,
    archiveBucketObjectLock,
    kmsKeyRotation,
    kmsKeyDeletionWindow,
    kmsKeyPolicyNoPublicAccess,
    logGroupEncryption,
    logGroupRetention,
    cisMonitoringAlarms,
    deliveryHeartbeat,
    metricFilterPatternSyntax,
    alertTopicEncryption,
    auditResourcesProtected,
];

// Two speed-ups of the policy SDK's AnalyzeStack on large stacks; see each module for why.
shareDeserializedProperties();
analyzeOnlyAuditResources();

new PolicyPack("trailguard", {
    displayName: "trailguard — CloudTrail audit logging",
    description: "Blocks CloudTrail setups that are incomplete, tamperable, unencrypted, unwatched or unprotected.",
    policies: POLICIES,
});
