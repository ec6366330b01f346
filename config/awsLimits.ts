// What AWS itself accepts, written down once so config validation can refuse a value before
// `pulumi up` gets a 400 from an API halfway through a deployment.
import type { ArchiveStorageClass } from "../core/awsVocabulary";

/**
 * Retention values CloudWatch Logs accepts (PutRetentionPolicy), plus 0, which the AWS provider
 * turns into "never expire".
 */
export const LOG_GROUP_RETENTION_DAYS: readonly number[] = [
    0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Lifecycle transitions S3 supports out of each class. Not a plain ranking: One Zone-IA cannot move
 * to Glacier Instant Retrieval although Glacier IR is otherwise "colder".
 */
export const SUPPORTED_TRANSITIONS: Readonly<Record<ArchiveStorageClass, readonly ArchiveStorageClass[]>> = {
    STANDARD_IA: ["INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
    INTELLIGENT_TIERING: ["ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
    ONEZONE_IA: ["GLACIER", "DEEP_ARCHIVE"],
    GLACIER_IR: ["GLACIER", "DEEP_ARCHIVE"],
    GLACIER: ["DEEP_ARCHIVE"],
    DEEP_ARCHIVE: [],
};

/** S3 refuses a transition to the infrequent-access classes before objects are 30 days old. */
export const INFREQUENT_ACCESS_CLASSES: readonly ArchiveStorageClass[] = ["STANDARD_IA", "ONEZONE_IA"];
export const MIN_DAYS_BEFORE_INFREQUENT_ACCESS = 30;

/** S3 requires objects to stay 30 days in Standard-IA / One Zone-IA before the next transition. */
export const MIN_DAYS_IN_INFREQUENT_ACCESS = 30;

/**
 * Metric filters publish standard-resolution (one-minute) metrics, so alarm periods must be whole
 * minutes; the 10/20/30-second periods CloudWatch also accepts only work on high-resolution metrics.
 */
export const ALARM_PERIOD_GRANULARITY = 60;

/** Period × evaluationPeriods may not exceed one day when the period is under an hour, else seven days. */
export const MAX_EVALUATION_RANGE_SHORT_PERIOD = 86_400;
export const MAX_EVALUATION_RANGE_LONG_PERIOD = 604_800;
export const LONG_PERIOD_THRESHOLD = 3_600;

/**
 * The longest namePrefix whose derived bucket names fit S3's 63 characters: the longest one is
 * `<prefix>-s3-access-logs-<12-digit account id>` (components/auditNames.ts).
 */
export const MAX_NAME_PREFIX_LENGTH = 63 - "-s3-access-logs-".length - 12;

/** Resources take at most 50 tags; trailguard's components add a few of their own. */
export const MAX_USER_TAGS = 40;

/** Athena's smallest per-query data usage control (WorkGroupConfiguration.BytesScannedCutoffPerQuery): 10 MB. */
export const MIN_BYTES_SCANNED_CUTOFF_PER_QUERY = 10_485_760;
