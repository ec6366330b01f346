// Closed lists of values AWS defines, which both stack config and the policy pack name: config
// refuses anything else before `pulumi up`, and the pack offers exactly these as policy settings.
// Each list is written once, here; the union types are derived from the lists, never restated.
// Order matters where a list is shown to people (config's "expected one of …" messages).

/**
 * The management-event sources CloudTrail lets a trail leave out: `excludeManagementEventSources`
 * of a basic event selector, or a `notEquals` on `eventSource` of an advanced one (CloudTrail
 * rejects any other source there). Both are high-volume: the KMS API and the RDS Data API.
 */
export const EXCLUDABLE_MANAGEMENT_EVENT_SOURCES = ["kms.amazonaws.com", "rdsdata.amazonaws.com"] as const;
export type ExcludableManagementEventSource = (typeof EXCLUDABLE_MANAGEMENT_EVENT_SOURCES)[number];

/**
 * S3 Object Lock retention modes. COMPLIANCE: nobody, not even the root user, can delete a locked
 * version before its retention ends. GOVERNANCE: users with s3:BypassGovernanceRetention can.
 */
export const OBJECT_LOCK_MODES = ["COMPLIANCE", "GOVERNANCE"] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];

/** The statistics a CloudWatch metric alarm can evaluate (PutMetricAlarm's Statistic, percentiles aside). */
export const ALARM_STATISTICS = ["Sum", "SampleCount", "Average", "Maximum", "Minimum"] as const;
export type AlarmStatistic = (typeof ALARM_STATISTICS)[number];

/**
 * The storage classes an S3 lifecycle rule can transition objects to, from warmest to coldest (S3's
 * "waterfall"). Objects start in STANDARD, which is not a transition target.
 */
export const ARCHIVE_STORAGE_CLASSES = [
    "STANDARD_IA",
    "INTELLIGENT_TIERING",
    "ONEZONE_IA",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
] as const;
export type ArchiveStorageClass = (typeof ARCHIVE_STORAGE_CLASSES)[number];

/**
 * Classes whose objects must be restored (a RestoreObject request, minutes to 48 hours) before
 * anything can read them: S3 Glacier Flexible Retrieval and Deep Archive. Athena skips them. Every
 * other class, INTELLIGENT_TIERING without its opt-in archive tiers and GLACIER_IR included, serves
 * GET requests at once: "immediately available".
 */
export const RESTORE_REQUIRED_STORAGE_CLASSES: readonly ArchiveStorageClass[] = ["GLACIER", "DEEP_ARCHIVE"];

/** Whether objects in this class can be read without a restore (STANDARD, where they start, can). */
export function isImmediatelyReadable(storageClass: ArchiveStorageClass | "STANDARD"): boolean {
    return !(RESTORE_REQUIRED_STORAGE_CLASSES as readonly string[]).includes(storageClass);
}

/**
 * A lifecycle configuration's TransitionDefaultMinimumObjectSize (PutBucketLifecycleConfiguration).
 * all_storage_classes_128K, S3's default since September 2024: no object under 128 KB transitions
 * to any class. varies_by_storage_class: objects under 128 KB do transition to GLACIER and
 * DEEP_ARCHIVE, still not to the other classes. A rule's own objectSizeGreaterThan/LessThan filter
 * takes precedence over either.
 */
export const TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES = ["all_storage_classes_128K", "varies_by_storage_class"] as const;
export type TransitionDefaultMinimumObjectSize = (typeof TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES)[number];
