// A retention plan: what an audit trail's archive lifecycle, Object Lock and log group do to a log
// file over its life, in the terms the requirement checks (retentionCompliance.ts) and the
// object-size rules (transitionObjectSize.ts) judge. Stack config builds one from its Settings;
// the policy pack builds one from a program's resources; `trailguard cost` prices one.
import type { ArchiveStorageClass, ObjectLockMode, TransitionDefaultMinimumObjectSize } from "../awsVocabulary";

export interface PlannedTransition {
    /** Days after the object was created. */
    days: number;
    storageClass: ArchiveStorageClass;
}

export interface RetentionPlan {
    /** Days after creation when the current version expires; unset: never. */
    expirationDays?: number;
    /** In increasing order of days. */
    transitions: readonly PlannedTransition[];
    /** Days after a version becomes noncurrent (deleted or overwritten) when S3 removes it; unset: never. */
    noncurrentVersionExpirationDays?: number;
    /** Default Object Lock retention of every new object: no version is removed before it ends. */
    objectLock?: { mode: ObjectLockMode; days: number };
    /** CloudWatch Logs retention of the trail's log group; 0: never expire; unset: no log group. */
    logGroupDays?: number;
    /**
     * Days without access after which INTELLIGENT_TIERING's opt-in Archive Access (or Deep Archive
     * Access) tier takes an object, which then needs a restore; unset: no archive tier is on, and
     * INTELLIGENT_TIERING is immediately readable.
     */
    intelligentTieringArchiveAfterDays?: number;
    /** The lifecycle's TransitionDefaultMinimumObjectSize; unset: S3's default, all_storage_classes_128K. */
    transitionDefaultMinimumObjectSize?: TransitionDefaultMinimumObjectSize;
    /** A rule's objectSizeGreaterThan filter (bytes), which takes precedence over the default size rule. */
    objectSizeGreaterThan?: number;
    /** Size in bytes of a typical log file the trail delivers; unset: unknown (no object-size warnings). */
    typicalObjectBytes?: number;
}

/** The plan's fields a finding can concern: a field name, or a transition by index. */
export type PlanField =
    | readonly ["expirationDays"]
    | readonly ["noncurrentVersionExpirationDays"]
    | readonly ["objectLock"]
    | readonly ["logGroupDays"]
    | readonly ["organizationPolicy"]
    | readonly ["transitions", number];

/**
 * The number a stack states for the requirements that leave the period to the organization
 * (soc2, iso27001, nist-800-53).
 */
export interface OrganizationPolicy {
    /** Shortest life of a log file, in days. */
    retentionDays: number;
    /** Days from delivery during which a log file must stay readable without a restore; unset: 0. */
    immediatelyAvailableDays?: number;
}
