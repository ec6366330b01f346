// The stack-config keys as plain component arguments: `new CloudTrailBaseline("audit", { environment:
// "prod", retention: {…} })` from TypeScript, or the same keys from Python, Go, C# or YAML through the
// Pulumi component package (lib/componentPackage.ts). Each key keeps its one definition in
// config/schema.ts: these interfaces only name the keys with types the SDK's schema inference
// accepts (plain strings, numbers, booleans, lists, maps and interfaces; no literal unions, no
// `false | {…}`), and settingsFromArgs hands the values to the same validator stack config goes
// through (config/validateConfig.ts), so arguments get the same defaults, the same rules and the
// same one-line problems, named by the same key paths (`trailguard:retention.archive…`).
// test/package/componentSchema.test.ts ties the key names to the schema's.
import { NAMESPACE } from "./configProblems";
import { SCALAR_KEYS, STRUCTURED_KEYS } from "./schema";
import type { Settings } from "./settings";
import { checkConfig, type CheckedConfig } from "./validateConfig";

/** A storage-class transition of the archive's log files. */
export interface StorageTransitionConfig {
    /** Days after object creation. */
    days: number;
    /** STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER or DEEP_ARCHIVE. */
    storageClass: string;
}

export interface ArchiveRetentionConfig {
    transitions?: StorageTransitionConfig[];
    expirationDays?: number;
    noncurrentVersionExpirationDays?: number;
    abortIncompleteMultipartUploadDays?: number;
    /** S3's object-size floor for transitions: all_storage_classes_128K or varies_by_storage_class. */
    transitionDefaultMinimumObjectSize?: string;
    /** Typical size of one delivered log file, for the size warnings (docs/retention.md). */
    typicalObjectBytes?: number;
}

/** The organization's own numbers, for requirements that leave the period to it (soc2, iso27001, nist-800-53). */
export interface OrganizationRetentionPolicyConfig {
    retentionDays?: number;
    immediatelyAvailableDays?: number;
}

export interface ObjectLockConfig {
    /** COMPLIANCE or GOVERNANCE. */
    mode: string;
    days: number;
}

export interface RetentionConfig {
    /** One of CloudWatch Logs' retention values; 0 = never expire. */
    logGroupDays?: number;
    archive?: ArchiveRetentionConfig;
    /** Default retention of every new log object (S3 Object Lock); prod has it by default. */
    objectLock?: ObjectLockConfig;
    accessLogExpirationDays?: number;
    /** Requirement profile ids the lifecycle must meet (docs/retention.md), e.g. ["pci-dss"]. */
    requirements?: string[];
    organizationPolicy?: OrganizationRetentionPolicyConfig;
}

export interface DataEventsConfig {
    /** S3 bucket or prefix ARNs. */
    s3?: string[];
    /** Lambda function ARNs, or ["all"] for every function. */
    lambda?: string[];
    /** DynamoDB table ARNs, or ["all"] for every table. */
    dynamodb?: string[];
}

export interface TrailConfig {
    name?: string;
    organizationTrail?: boolean;
    /** kms.amazonaws.com and/or rdsdata.amazonaws.com. */
    excludeManagementEventSources?: string[];
    dataEvents?: DataEventsConfig;
    /** ApiCallRateInsight and/or ApiErrorRateInsight. */
    insights?: string[];
    deliveryNotifications?: boolean;
}

/** What alarms.defaults may set for every catalogue alarm; thresholds are per alarm. */
export interface AlarmDefaultsConfig {
    enabled?: boolean;
    period?: number;
    evaluationPeriods?: number;
    datapointsToAlarm?: number;
    /** Sum, SampleCount, Average, Maximum or Minimum. */
    statistic?: string;
}

export interface AlarmTuningConfig extends AlarmDefaultsConfig {
    threshold?: number;
}

/** A catalogue alarm's tuning; `reason` records why a CIS control is turned off (an accepted exception). */
export interface AlarmOverrideConfig extends AlarmTuningConfig {
    reason?: string;
}

export interface CustomAlarmConfig extends AlarmTuningConfig {
    id: string;
    title?: string;
    /** CloudWatch Logs filter pattern over CloudTrail events. */
    pattern: string;
    metricName?: string;
}

export interface AlarmsConfig {
    namespace?: string;
    /** Applied to every catalogue alarm; thresholds are set per alarm, in overrides. */
    defaults?: AlarmDefaultsConfig;
    /** Per catalogue alarm id (docs/configuration.md lists them). */
    overrides?: Record<string, AlarmOverrideConfig>;
    custom?: CustomAlarmConfig[];
}

export interface NotificationsConfig {
    email?: string[];
    https?: string[];
    sqs?: string[];
    lambda?: string[];
}

export interface ProtectionConfig {
    protect?: boolean;
    retainOnDelete?: boolean;
    forceDestroy?: boolean;
}

/** Events per day in one region, for `trailguard cost` (docs/cost.md). */
export interface RegionVolumeConfig {
    region: string;
    managementReadEventsPerDay: number;
    managementWriteEventsPerDay: number;
    dataEventsPerDay?: number;
}

/** The volume `trailguard cost` prices; it creates no resource. */
export interface CostVolumeConfig {
    regions?: RegionVolumeConfig[];
    recordBytes?: number;
    compressionRatio?: number;
    logFilesPerRegionPerDay?: number;
    digestFileBytes?: number;
    paidManagementEventCopy?: boolean;
}

/** The Glue table, Athena workgroup and results bucket for investigation at scale (docs/investigation.md). */
export interface InvestigationConfig {
    enabled?: boolean;
    bytesScannedCutoffPerQuery?: number;
    resultExpirationDays?: number;
}

/** Every stack-config key of docs/configuration.md, as an argument. */
export interface BaselineArgs {
    /** dev, staging or prod (required): selects every default. */
    environment?: string;
    /** Prefix of every physical name; default `trailguard-<environment>`. */
    namePrefix?: string;
    retention?: RetentionConfig;
    trail?: TrailConfig;
    alarms?: AlarmsConfig;
    notifications?: NotificationsConfig;
    protection?: ProtectionConfig;
    tags?: Record<string, string>;
    cost?: CostVolumeConfig;
    investigation?: InvestigationConfig;
}

/** The argument keys: exactly the stack config's top-level keys (TOP_LEVEL_KEYS), typed as BaselineArgs keys. */
export const BASELINE_ARG_KEYS: readonly (keyof BaselineArgs)[] = [...SCALAR_KEYS, ...STRUCTURED_KEYS];

/**
 * Validates component arguments as stack config (`label` names them in the error, where a stack's
 * name would stand) and returns the Settings components build from. Throws ConfigValidationError.
 */
export function checkBaselineArgs(args: BaselineArgs, label: string): CheckedConfig {
    const values: Record<string, string> = {};
    // Every key given, known or not: the validator names an unknown one and lists the valid ones.
    for (const [key, value] of Object.entries(args)) {
        if (value === undefined || value === null) continue;
        values[`${NAMESPACE}:${key}`] = typeof value === "string" ? value : JSON.stringify(withAllSelectors(key, value));
    }
    return checkConfig(values, label);
}

export function settingsFromArgs(args: BaselineArgs, label: string): Settings {
    return checkBaselineArgs(args, label).settings;
}

/** Stack config writes `lambda: all`; a list-typed argument writes ["all"]. Same meaning. */
function withAllSelectors(key: string, value: unknown): unknown {
    if (key !== "trail" || typeof value !== "object" || value === null) return value;
    const trail = value as TrailConfig;
    if (!trail.dataEvents) return value;
    const dataEvents: Record<string, unknown> = { ...trail.dataEvents };
    for (const kind of ["lambda", "dynamodb"] as const) {
        const list = trail.dataEvents[kind];
        if (Array.isArray(list) && list.length === 1 && list[0] === "all") dataEvents[kind] = "all";
    }
    return { ...trail, dataEvents };
}
