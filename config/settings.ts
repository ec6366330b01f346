// Validated settings: what stack config becomes after config/schema.ts and config/rules/ have
// checked it and config/applyDefaults.ts has filled in every default. Components receive parts of
// this, never raw config.
// The closed sets of values are derived from the lists that define them, never restated here.
import type { AlarmStatistic, ArchiveStorageClass } from "../core/awsVocabulary";
import type { FrameworkReferences } from "../core/catalogue/monitoringControls";
import type { ENVIRONMENTS, INSIGHT_TYPES, RawConfig } from "./schema";

export type Environment = (typeof ENVIRONMENTS)[number];

export type { ArchiveStorageClass };

export type InsightType = (typeof INSIGHT_TYPES)[number];

// Each section below is the schema's shape (config/schema.ts, where every key is defined and
// documented once) with every key present, as config/applyDefaults.ts leaves it.
type RawRetention = NonNullable<RawConfig["retention"]>;
type RawTrail = NonNullable<RawConfig["trail"]>;

export type StorageTransition = NonNullable<NonNullable<RawRetention["archive"]>["transitions"]>[number];

/** Default retention applied to every new log object. */
export type ObjectLockSettings = Exclude<NonNullable<RawRetention["objectLock"]>, false | null>;

type RawArchive = NonNullable<RawRetention["archive"]>;

/** Transitions are ordered by days, each storage class colder than the one before. */
export type ArchiveRetention = Required<Omit<RawArchive, "typicalObjectBytes">> & Pick<RawArchive, "typicalObjectBytes">;

/** The number soc2, iso27001 and nist-800-53 take as their minimum (core/retention/retentionPlan.ts). */
export type OrganizationPolicySettings = NonNullable<RawRetention["organizationPolicy"]>;

export type RetentionSettings = Required<Omit<RawRetention, "archive" | "objectLock" | "organizationPolicy">> & {
    archive: ArchiveRetention;
    objectLock?: ObjectLockSettings;
    organizationPolicy?: OrganizationPolicySettings;
};

/**
 * `s3` prefixes always have a `/` after the bucket name (`arn:aws:s3:::bucket/`): a bare
 * `arn:aws:s3:::logs` would also select `logs-other`. Config accepts the bare bucket ARN and
 * applyDefaults adds the `/`.
 */
export type DataEventSettings = Required<NonNullable<RawTrail["dataEvents"]>>;

export type TrailSettings = Required<Omit<RawTrail, "dataEvents">> & { dataEvents: DataEventSettings };

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
    /** A CIS control turned off on purpose: why, and the key that says so (core/acceptedExceptions.ts). */
    exception?: { reason: string; key: string };
    source: "catalogue" | "custom";
}

/**
 * The "trail delivery stopped" heartbeat after overrides: an alarm on the log group's own
 * AWS/Logs IncomingLogEvents metric, which fires when fewer than `threshold` events arrive in
 * `period` seconds and treats missing data as breaching. It has no pattern, so
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

/** Alarm subscribers; SQS and Lambda entries are ARNs. */
export type NotificationSettings = Required<NonNullable<RawConfig["notifications"]>>;

/** Athena over the archive (components/investigation.ts): on or off, and its cost and results limits. */
export type InvestigationSettings = Required<NonNullable<RawConfig["investigation"]>>;

/** `protect` and `retainOnDelete` on the evidence; `forceDestroy` empties the buckets (dev only). */
export type ProtectionSettings = Required<NonNullable<RawConfig["protection"]>>;

/** The volume `trailguard cost` prices; nothing deployed depends on it. */
export type CostVolumeSettings = Required<Omit<NonNullable<RawConfig["cost"]>, "regions">> & {
    regions: Required<NonNullable<NonNullable<RawConfig["cost"]>["regions"]>[number]>[];
};

export interface Settings {
    environment: Environment;
    /** Prefix of every physical name, e.g. `acme-audit-prod`. */
    namePrefix: string;
    protection: ProtectionSettings;
    retention: RetentionSettings;
    trail: TrailSettings;
    alarms: AlarmSettings;
    notifications: NotificationSettings;
    investigation: InvestigationSettings;
    /** Tags applied to every taggable resource. */
    tags: Record<string, string>;
    cost: CostVolumeSettings;
}
