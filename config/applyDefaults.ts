// Fills every key the stack file leaves out with its environment's default. Mappings merge key by
// key; lists replace the default as a whole (a stack that lists transitions means exactly those).
import { defaultNamePrefix, ENVIRONMENT_DEFAULTS, type AlarmDefaults } from "./environmentDefaults";
import { normalizeS3DataEventArn } from "./formats";
import type { RawAlarmOverride, RawConfig, RawCustomAlarm } from "./schema";
import type { Environment, Settings } from "./settings";

/**
 * Settings before the alarms are resolved: every key as Settings has it, except that the alarms
 * are still the stack's raw overrides and custom alarms (config/resolveAlarms.ts resolves them).
 */
export type MergedConfig = Omit<Settings, "alarms"> & {
    alarms: {
        namespace: string;
        defaults: AlarmDefaults;
        overrides: Record<string, RawAlarmOverride>;
        custom: RawCustomAlarm[];
    };
};

export function applyDefaults(raw: RawConfig): MergedConfig {
    const environment = raw.environment;
    const defaults = ENVIRONMENT_DEFAULTS[environment];
    const namePrefix = raw.namePrefix ?? defaultNamePrefix(environment);
    const archive = raw.retention?.archive ?? {};
    const objectLock = raw.retention?.objectLock;
    const trail = raw.trail ?? {};
    const dataEvents = trail.dataEvents ?? {};
    return {
        environment,
        namePrefix,
        protection: { ...defaults.protection, ...raw.protection },
        retention: {
            logGroupDays: raw.retention?.logGroupDays ?? defaults.retention.logGroupDays,
            archive: {
                transitions: (archive.transitions ?? defaults.retention.archive.transitions).map((t) => ({ ...t })),
                expirationDays: archive.expirationDays ?? defaults.retention.archive.expirationDays,
                noncurrentVersionExpirationDays:
                    archive.noncurrentVersionExpirationDays ?? defaults.retention.archive.noncurrentVersionExpirationDays,
                abortIncompleteMultipartUploadDays:
                    archive.abortIncompleteMultipartUploadDays ??
                    defaults.retention.archive.abortIncompleteMultipartUploadDays,
                transitionDefaultMinimumObjectSize:
                    archive.transitionDefaultMinimumObjectSize ?? defaults.retention.archive.transitionDefaultMinimumObjectSize,
                typicalObjectBytes: archive.typicalObjectBytes,
            },
            objectLock:
                objectLock === undefined
                    ? defaults.retention.objectLock
                    : objectLock === false || objectLock === null
                      ? undefined
                      : objectLock,
            accessLogExpirationDays: raw.retention?.accessLogExpirationDays ?? defaults.retention.accessLogExpirationDays,
            requirements: [...(raw.retention?.requirements ?? defaults.retention.requirements)],
            organizationPolicy: raw.retention?.organizationPolicy,
        },
        trail: {
            name: trail.name ?? `${namePrefix}-trail`,
            organizationTrail: trail.organizationTrail ?? defaults.trail.organizationTrail,
            excludeManagementEventSources:
                trail.excludeManagementEventSources ?? defaults.trail.excludeManagementEventSources,
            dataEvents: {
                s3: (dataEvents.s3 ?? defaults.trail.dataEvents.s3).map(normalizeS3DataEventArn),
                lambda: dataEvents.lambda ?? defaults.trail.dataEvents.lambda,
                dynamodb: dataEvents.dynamodb ?? defaults.trail.dataEvents.dynamodb,
            },
            insights: [...(trail.insights ?? defaults.trail.insights)],
            deliveryNotifications: trail.deliveryNotifications ?? defaults.trail.deliveryNotifications,
        },
        alarms: {
            namespace: raw.alarms?.namespace ?? defaults.alarms.namespace,
            defaults: { ...defaults.alarms.defaults, ...raw.alarms?.defaults },
            overrides: raw.alarms?.overrides ?? {},
            custom: raw.alarms?.custom ?? [],
        },
        notifications: { ...defaults.notifications, ...raw.notifications },
        investigation: { ...defaults.investigation, ...raw.investigation },
        tags: { ...raw.tags },
        cost: {
            ...defaults.cost,
            ...raw.cost,
            regions: (raw.cost?.regions ?? defaults.cost.regions).map((r) => ({ dataEventsPerDay: 0, ...r })),
        },
    };
}
