// Small stacks and volumes the cost tests price by hand: one region, round numbers.
import type { CostedStack } from "../../core/cost/estimateStackCost";
import type { LifecyclePlan } from "../../core/cost/objectLifecycle";
import type { RegionVolume, TrailVolume } from "../../core/cost/trailVolume";

export const KiB = 1024;
export const GiB = 1024 ** 3;

export function stack(archive: Partial<LifecyclePlan> = {}, overrides: Partial<{ logGroupDays: number; lockDays: number; insights: string[]; dataEvents: boolean; deliveryNotifications: boolean; alarms: number }> = {}): CostedStack {
    return {
        retention: {
            logGroupDays: overrides.logGroupDays ?? 30,
            archive: { transitions: [], expirationDays: 30, noncurrentVersionExpirationDays: 1, ...archive },
            objectLock: overrides.lockDays ? { days: overrides.lockDays } : undefined,
        },
        trail: {
            dataEvents: { s3: overrides.dataEvents ? ["arn:aws:s3:::bucket/"] : [], lambda: [], dynamodb: [] },
            insights: overrides.insights ?? [],
            deliveryNotifications: overrides.deliveryNotifications ?? false,
        },
        alarms: { alarms: Array.from({ length: overrides.alarms ?? 0 }, () => ({ enabled: true })), deliveryHeartbeat: { enabled: false } },
    };
}

export function region(overrides: Partial<RegionVolume> = {}): RegionVolume {
    return {
        region: "us-east-1",
        managementReadEventsPerDay: 0,
        managementWriteEventsPerDay: 0,
        dataEventsPerDay: 0,
        recordBytes: 1000,
        compressionRatio: 10,
        logFilesPerDay: 0,
        digestFilesPerDay: 0,
        digestFileBytes: 0,
        ...overrides,
    };
}

export function volume(overrides: Partial<RegionVolume> = {}, paidManagementEventCopy = false): TrailVolume {
    return { regions: [region(overrides)], paidManagementEventCopy };
}

/**
 * A region whose log files are exactly `bytes` each: `files` files a day of `bytes` compressed
 * bytes means files × bytes × compressionRatio (10) / recordBytes (1000) = files × bytes / 100
 * management events a day.
 */
export function filesOf(bytes: number, files = 100): Partial<RegionVolume> {
    return { logFilesPerDay: files, managementReadEventsPerDay: (files * bytes) / 100 };
}
