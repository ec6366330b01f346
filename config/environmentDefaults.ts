// What each environment gets for every key the stack file leaves out. dev is cheap and disposable,
// staging mirrors prod's shape at a fraction of the retention, prod keeps evidence for seven years.
// docs/configuration.md carries the same table; change both together.
import type { AlarmStatistic } from "../core/awsVocabulary";
import type {
    CostVolumeSettings,
    Environment,
    InvestigationSettings,
    NotificationSettings,
    ProtectionSettings,
    RetentionSettings,
    TrailSettings,
} from "./settings";

export interface AlarmDefaults {
    enabled: boolean;
    /** Unset: each catalogue control keeps its own value. */
    period?: number;
    evaluationPeriods?: number;
    datapointsToAlarm?: number;
    statistic?: AlarmStatistic;
}

export interface EnvironmentDefaults {
    retention: RetentionSettings;
    trail: Omit<TrailSettings, "name">;
    alarms: { namespace: string; defaults: AlarmDefaults };
    notifications: NotificationSettings;
    protection: ProtectionSettings;
    cost: CostVolumeSettings;
    investigation: InvestigationSettings;
}

/** Where a custom alarm takes what neither it nor alarms.defaults sets. */
export const CUSTOM_ALARM_DEFAULTS = {
    threshold: 1,
    period: 300,
    evaluationPeriods: 1,
    statistic: "Sum" as AlarmStatistic,
};

/** `trailguard-<environment>` unless namePrefix is set. */
export function defaultNamePrefix(environment: Environment): string {
    return `trailguard-${environment}`;
}

const NO_NOTIFICATIONS: NotificationSettings = { email: [], https: [], sqs: [], lambda: [] };
const ALARM_DEFAULTS = { namespace: "CloudTrailMetrics", defaults: { enabled: true } };
/**
 * Set on purpose in every environment, though it is S3's default: log files under 128 KB (most of
 * a quiet region's) stay in STANDARD, where they cost less than GLACIER's or DEEP_ARCHIVE's 40 KB
 * of per-object overhead would (docs/retention.md).
 */
const SMALL_OBJECTS_STAY = "all_storage_classes_128K" as const;
const NO_DATA_EVENTS = { s3: [], lambda: [], dynamodb: [] };
/** One account's trail with management events only: what dev and staging start from. */
const MANAGEMENT_EVENTS_TRAIL: EnvironmentDefaults["trail"] = {
    organizationTrail: false,
    excludeManagementEventSources: [],
    dataEvents: NO_DATA_EVENTS,
    insights: [],
    deliveryNotifications: false,
};

/**
 * The volume `trailguard cost` prices when a stack states none: illustrative, not measured. Record
 * size and compression come from typical CloudTrail files; measure yours with `--from-logs`.
 * CloudTrail writes a log file about every 5 minutes per region with activity (288 a day) and a
 * digest file every hour (24 a day).
 */
function costVolume(readPerDay: number, writePerDay: number, dataPerDay: number): CostVolumeSettings {
    return {
        regions: [{ region: "us-east-1", managementReadEventsPerDay: readPerDay, managementWriteEventsPerDay: writePerDay, dataEventsPerDay: dataPerDay }],
        recordBytes: 1500,
        compressionRatio: 10,
        logFilesPerRegionPerDay: 288,
        digestFileBytes: 2048,
        paidManagementEventCopy: false,
    };
}

export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
    dev: {
        retention: {
            logGroupDays: 30,
            archive: {
                // Ninety days in S3 Standard: shorter than any archive class's minimum storage charge.
                transitions: [],
                expirationDays: 90,
                noncurrentVersionExpirationDays: 7,
                abortIncompleteMultipartUploadDays: 1,
                transitionDefaultMinimumObjectSize: SMALL_OBJECTS_STAY,
            },
            accessLogExpirationDays: 30,
            requirements: [],
        },
        trail: MANAGEMENT_EVENTS_TRAIL,
        alarms: ALARM_DEFAULTS,
        notifications: NO_NOTIFICATIONS,
        // forceDestroy stays opt-in even in dev: emptying a bucket on destroy should be a decision.
        protection: { protect: false, retainOnDelete: false, forceDestroy: false },
        cost: costVolume(8_000, 2_000, 0),
        // Off: a dev stack is torn down often and ninety days of logs fit `trailguard query` on a laptop.
        investigation: { enabled: false, bytesScannedCutoffPerQuery: 10_000_000_000, resultExpirationDays: 7 },
    },
    staging: {
        retention: {
            logGroupDays: 90,
            archive: {
                transitions: [
                    { days: 30, storageClass: "STANDARD_IA" },
                    { days: 90, storageClass: "GLACIER_IR" },
                ],
                expirationDays: 400,
                noncurrentVersionExpirationDays: 30,
                abortIncompleteMultipartUploadDays: 7,
                transitionDefaultMinimumObjectSize: SMALL_OBJECTS_STAY,
            },
            accessLogExpirationDays: 90,
            requirements: [],
        },
        trail: MANAGEMENT_EVENTS_TRAIL,
        alarms: ALARM_DEFAULTS,
        notifications: NO_NOTIFICATIONS,
        // Without forceDestroy a destroy fails on the non-empty bucket, so logs are not lost by accident.
        protection: { protect: false, retainOnDelete: false, forceDestroy: false },
        cost: costVolume(40_000, 10_000, 100_000),
        // On, as in prod: staging proves prod's shape, and an idle table, workgroup and named
        // queries cost nothing (Athena bills per query, by bytes scanned).
        investigation: { enabled: true, bytesScannedCutoffPerQuery: 10_000_000_000, resultExpirationDays: 7 },
    },
    prod: {
        retention: {
            logGroupDays: 365,
            archive: {
                transitions: [
                    { days: 90, storageClass: "GLACIER_IR" },
                    { days: 365, storageClass: "DEEP_ARCHIVE" },
                ],
                // Seven years (2557 days is also a CloudWatch retention value).
                expirationDays: 2557,
                noncurrentVersionExpirationDays: 90,
                abortIncompleteMultipartUploadDays: 7,
                transitionDefaultMinimumObjectSize: SMALL_OBJECTS_STAY,
            },
            // GOVERNANCE, not COMPLIANCE, by default: COMPLIANCE cannot be undone by anyone, so it
            // must be chosen explicitly in the stack file, never inherited by accident. 366 days, not
            // 365: with noncurrent versions gone after 90 days, the lock is what keeps a deleted log
            // file the 12 months (up to 366 days) PCI DSS 10.5.1 asks for.
            objectLock: { mode: "GOVERNANCE", days: 366 },
            accessLogExpirationDays: 365,
            requirements: [],
        },
        trail: { ...MANAGEMENT_EVENTS_TRAIL, insights: ["ApiCallRateInsight", "ApiErrorRateInsight"], deliveryNotifications: true },
        alarms: ALARM_DEFAULTS,
        notifications: NO_NOTIFICATIONS,
        protection: { protect: true, retainOnDelete: true, forceDestroy: false },
        cost: costVolume(200_000, 50_000, 1_000_000),
        // 100 GB: at Athena's $5 per TB scanned, no single query costs more than about $0.50.
        investigation: { enabled: true, bytesScannedCutoffPerQuery: 100_000_000_000, resultExpirationDays: 30 },
    },
};
