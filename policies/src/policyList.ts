// Every policy of trailguard's pack, in the order the pack declares them. A list without side
// effects: the pack (pack.ts) serves it, and the in-process tests (test/policies/inProcess) run it.
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
import {
    athenaResultsBucketEncryption,
    athenaResultsBucketNoPublicGrants,
    athenaResultsBucketPublicAccessBlock,
    athenaResultsBucketTlsOnly,
    athenaWorkgroupEnforcedEncryption,
} from "./policies/athenaResultsBucket";
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

export const POLICIES = [
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
    athenaWorkgroupEnforcedEncryption,
    athenaResultsBucketPublicAccessBlock,
    athenaResultsBucketNoPublicGrants,
    athenaResultsBucketEncryption,
    athenaResultsBucketTlsOnly,
];
