// Physical names of everything the baseline creates, derived from settings.namePrefix. Names are
// explicit (never auto-named) so that policies can reference ARNs before the resources exist and so
// that a security team finds `acme-audit-prod-*` in the console, not `audit-trail-3f2a91c`.
import { MAX_NAME_PREFIX_LENGTH } from "../config/awsLimits";
import type { Settings } from "../config/settings";

const ARCHIVE_BUCKET_INFIX = "-cloudtrail-";
const ACCESS_LOG_BUCKET_INFIX = "-s3-access-logs-";
// As long as ACCESS_LOG_BUCKET_INFIX, so MAX_NAME_PREFIX_LENGTH keeps every bucket name within 63.
const ATHENA_RESULTS_BUCKET_INFIX = "-athena-results-";

export interface AuditNames {
    trail: string;
    logGroup: string;
    keyAlias: string;
    cloudWatchDeliveryRole: string;
    alertTopic: string;
    deliveryTopic: string;
    /** Every alarm and metric filter name starts with this; the alert topic trusts alarms by it. */
    alarmPrefix: string;
    /** Bucket names end in the account id: S3 names are global, and one prefix may serve many accounts. */
    archiveBucket(accountId: string): string;
    accessLogBucket(accountId: string): string;
    athenaResultsBucket(accountId: string): string;
    /** Glue database of the CloudTrail table: Athena wants lowercase letters, digits and underscores. */
    glueDatabase: string;
    /** The table the query catalogue's SQL reads (`FROM cloudtrail`). */
    glueTable: string;
    athenaWorkgroup: string;
}

export function auditNames(settings: Pick<Settings, "namePrefix" | "trail">): AuditNames {
    const prefix = settings.namePrefix;
    // Config validation rejects longer prefixes; this guards callers that build Settings themselves.
    if (prefix.length > MAX_NAME_PREFIX_LENGTH) {
        throw new Error(`namePrefix '${prefix}' is too long: at most ${MAX_NAME_PREFIX_LENGTH} characters keep every bucket name within S3's 63`);
    }
    return {
        trail: settings.trail.name,
        logGroup: `/cloudtrail/${settings.trail.name}`,
        keyAlias: `alias/${prefix}-cloudtrail`,
        cloudWatchDeliveryRole: `${prefix}-cloudtrail-to-logs`,
        alertTopic: `${prefix}-security-alerts`,
        deliveryTopic: `${prefix}-cloudtrail-delivery`,
        alarmPrefix: `${prefix}-alarm-`,
        archiveBucket: (accountId) => `${prefix}${ARCHIVE_BUCKET_INFIX}${accountId}`,
        accessLogBucket: (accountId) => `${prefix}${ACCESS_LOG_BUCKET_INFIX}${accountId}`,
        athenaResultsBucket: (accountId) => `${prefix}${ATHENA_RESULTS_BUCKET_INFIX}${accountId}`,
        glueDatabase: `${prefix.replace(/-/g, "_")}_cloudtrail`,
        glueTable: "cloudtrail",
        athenaWorkgroup: `${prefix}-investigation`,
    };
}
