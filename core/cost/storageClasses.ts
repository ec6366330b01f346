// S3's storage-class rules that decide what a lifecycle plan costs, as S3 documents them:
// minimum storage durations, minimum billable object sizes, the per-object overhead of the
// archival classes, and which objects a lifecycle rule transitions at all.
// Sources: https://aws.amazon.com/s3/pricing/ (footnotes on minimum sizes, durations and overhead)
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
// (transitionDefaultMinimumObjectSize; core/retention/transitionObjectSize.ts applies it).
import { ARCHIVE_STORAGE_CLASSES, RESTORE_REQUIRED_STORAGE_CLASSES } from "../awsVocabulary";

/** Where CloudTrail writes (STANDARD), then every class a lifecycle rule can move to. */
export const STORAGE_CLASSES = ["STANDARD", ...ARCHIVE_STORAGE_CLASSES] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

const KB = 1024;
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

/** The classes that bill ARCHIVE_OBJECT_OVERHEAD (core/retention/transitionObjectSize.ts) per object. */
export const ARCHIVAL_CLASSES: readonly StorageClass[] = RESTORE_REQUIRED_STORAGE_CLASSES;

/** Intelligent-Tiering: objects below this size are never monitored or tiered (always Frequent). */
export const INTELLIGENT_TIERING_MIN_TIERED_BYTES = 128 * KB;
/** Days without access after which Intelligent-Tiering moves an object to Infrequent, then Archive Instant. */
export const INTELLIGENT_TIERING_INFREQUENT_AFTER_DAYS = 30;
export const INTELLIGENT_TIERING_ARCHIVE_INSTANT_AFTER_DAYS = 90;
