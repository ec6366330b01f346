// S3's storage-class rules that decide what a lifecycle plan costs, as S3 documents them:
// minimum storage durations, minimum billable object sizes, the per-object overhead of the
// archival classes, and which objects a lifecycle rule transitions at all.
// Sources: https://aws.amazon.com/s3/pricing/ (footnotes on minimum sizes, durations and overhead)
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
// (transitionDefaultMinimumObjectSize).

export const STORAGE_CLASSES = [
    "STANDARD",
    "STANDARD_IA",
    "INTELLIGENT_TIERING",
    "ONEZONE_IA",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

export const KB = 1024;
export const GB = 1024 ** 3;

/** Deleting or moving an object earlier bills the remaining days of this many. */
export const MINIMUM_STORAGE_DAYS: Readonly<Record<StorageClass, number>> = {
    STANDARD: 0,
    STANDARD_IA: 30,
    INTELLIGENT_TIERING: 0,
    ONEZONE_IA: 30,
    GLACIER_IR: 90,
    GLACIER: 90,
    DEEP_ARCHIVE: 180,
};

/** Objects smaller than this are billed as this size. */
export const MINIMUM_BILLABLE_BYTES: Readonly<Record<StorageClass, number>> = {
    STANDARD: 0,
    STANDARD_IA: 128 * KB,
    INTELLIGENT_TIERING: 0,
    ONEZONE_IA: 128 * KB,
    GLACIER_IR: 128 * KB,
    GLACIER: 0,
    DEEP_ARCHIVE: 0,
};

/**
 * GLACIER and DEEP_ARCHIVE keep 40 KB per object besides its data: 8 KB of name and metadata
 * billed at the S3 Standard rate and 32 KB of index billed at the class's own rate.
 */
export const ARCHIVE_OVERHEAD = {
    classes: ["GLACIER", "DEEP_ARCHIVE"] as readonly StorageClass[],
    standardBytes: 8 * KB,
    inClassBytes: 32 * KB,
};

/** Intelligent-Tiering: objects below this size are never monitored or tiered (always Frequent). */
export const INTELLIGENT_TIERING_MIN_TIERED_BYTES = 128 * KB;
/** Days without access after which Intelligent-Tiering moves an object to Infrequent, then Archive Instant. */
export const INTELLIGENT_TIERING_INFREQUENT_AFTER_DAYS = 30;
export const INTELLIGENT_TIERING_ARCHIVE_INSTANT_AFTER_DAYS = 90;

/**
 * The bucket-level lifecycle setting (PutBucketLifecycleConfiguration's
 * `x-amz-transition-default-minimum-object-size`). `all_storage_classes_128K`, S3's default since
 * September 2024, transitions no object smaller than 128 KB; `varies_by_storage_class` lets objects
 * of any size move to GLACIER and DEEP_ARCHIVE while the other classes keep the 128 KB floor.
 */
export const TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES = ["all_storage_classes_128K", "varies_by_storage_class"] as const;
export type TransitionDefaultMinimumObjectSize = (typeof TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES)[number];
export const S3_DEFAULT_TRANSITION_MINIMUM: TransitionDefaultMinimumObjectSize = "all_storage_classes_128K";
export const DEFAULT_TRANSITION_FLOOR_BYTES = 128 * KB;

/**
 * Whether a lifecycle rule moves an object of `bytes` into `target`. A rule's own
 * `ObjectSizeGreaterThan` filter, when present, takes precedence over the bucket default.
 */
export function transitionApplies(
    bytes: number,
    target: StorageClass,
    bucketDefault: TransitionDefaultMinimumObjectSize,
    objectSizeGreaterThan?: number,
): boolean {
    if (objectSizeGreaterThan !== undefined) return bytes > objectSizeGreaterThan;
    if (bucketDefault === "varies_by_storage_class" && ARCHIVE_OVERHEAD.classes.includes(target)) return true;
    return bytes >= DEFAULT_TRANSITION_FLOOR_BYTES;
}
