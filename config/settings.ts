// Validated settings: what stack config becomes after config/schema.ts and config/rules/ have
// checked it and config/applyDefaults.ts has filled in every default. Components receive parts of
// this, never raw config.
// The closed sets of values are derived from the lists that define them, never restated here.
import type { ObjectLockMode } from "../core/awsVocabulary";
import type { AlarmStatistic, FrameworkReferences } from "../core/catalogue/monitoringControls";
import type { ARCHIVE_STORAGE_CLASSES } from "./awsLimits";
import type { ENVIRONMENTS, INSIGHT_TYPES } from "./schema";

export type Environment = (typeof ENVIRONMENTS)[number];

export type ArchiveStorageClass = (typeof ARCHIVE_STORAGE_CLASSES)[number];

export interface StorageTransition {
    /** Days after object creation. */
    days: number;
    storageClass: ArchiveStorageClass;
}

export interface ObjectLockSettings {
    mode: ObjectLockMode;
    /** Default retention applied to every new log object, in days. */
    days: number;
}

export interface ArchiveRetention {
    /** Ordered by days, each storage class colder than the one before. */
    transitions: StorageTransition[];
    /** Current versions expire after this many days. */
    expirationDays: number;
    noncurrentVersionExpirationDays: number;
    abortIncompleteMultipartUploadDays: number;
}

export interface RetentionSettings {
    /** CloudWatch Logs retention of the trail's log group (one of the values CloudWatch accepts). */
    logGroupDays: number;
    archive: ArchiveRetention;
    objectLock?: ObjectLockSettings;
    /** Retention of the S3 server access logs of the archive bucket. */
    accessLogExpirationDays: number;
}

export interface DataEventSettings {
    /**
     * S3 object-level events for these ARN prefixes, always with a `/` after the bucket name
     * (`arn:aws:s3:::bucket/` or `arn:aws:s3:::bucket/prefix/`): a bare `arn:aws:s3:::logs` would
     * also select `logs-other`. Config accepts the bare bucket ARN and adds the `/`.
     */
    s3: string[];
    /** Lambda Invoke events: function ARNs, or "all". */
    lambda: string[] | "all";
    /** DynamoDB item-level events: table ARNs, or "all". */
    dynamodb: string[] | "all";
}

export type InsightType = (typeof INSIGHT_TYPES)[number];

export interface TrailSettings {
    /** Trail name; defaults to `<namePrefix>-trail`. */
    name: string;
    organizationTrail: boolean;
    /** Management-event sources to leave out (e.g. `kms.amazonaws.com`, `rdsdata.amazonaws.com`). */
    excludeManagementEventSources: string[];
    dataEvents: DataEventSettings;
    insights: InsightType[];
    /** Publish an SNS notification for every log file delivered (for SIEM ingestion). */
    deliveryNotifications: boolean;
}

/** What stack config tunes on every alarm, after overrides and defaults. */
export interface AlarmTuning {
    id: string;
    title: string;
    enabled: boolean;
    threshold: number;
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    statistic: AlarmStatistic;
}

/** One alarm after the catalogue, the user's overrides and custom alarms are merged. */
export interface ResolvedAlarm extends AlarmTuning {
    pattern: string;
    metricName: string;
    /** Present for catalogue controls; custom alarms have none. */
    references?: FrameworkReferences;
    source: "catalogue" | "custom";
}

/**
 * The "trail delivery stopped" heartbeat after overrides: an alarm on the log group's own
 * AWS/Logs IncomingLogEvents metric, which fires when fewer than `threshold` events arrive in
 * `period` seconds (its `threshold`) and treats missing data as breaching. It has no pattern, so
 * replay skips it.
 */
export type DeliveryHeartbeatAlarm = AlarmTuning;

export interface AlarmSettings {
    /** CloudWatch metric namespace of the metric filters. */
    namespace: string;
    /** Catalogue entries (in catalogue order) followed by custom alarms; disabled ones included. */
    alarms: ResolvedAlarm[];
    deliveryHeartbeat: DeliveryHeartbeatAlarm;
}

export interface NotificationSettings {
    email: string[];
    https: string[];
    /** SQS queue ARNs. */
    sqs: string[];
    /** Lambda function ARNs. */
    lambda: string[];
}

export interface ProtectionSettings {
    /** `protect` on the bucket, key, log group and trail. */
    protect: boolean;
    /** `retainOnDelete` on the same resources. */
    retainOnDelete: boolean;
    /** Let `pulumi destroy` empty the buckets; only ever true in dev. */
    forceDestroy: boolean;
}

export interface Settings {
    environment: Environment;
    /** Prefix of every physical name, e.g. `acme-audit-prod`. */
    namePrefix: string;
    protection: ProtectionSettings;
    retention: RetentionSettings;
    trail: TrailSettings;
    alarms: AlarmSettings;
    notifications: NotificationSettings;
    /** Tags applied to every taggable resource. */
    tags: Record<string, string>;
}
