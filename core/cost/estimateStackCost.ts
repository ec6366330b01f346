// The cost model: what everything a stack deploys costs, month by month, over its retention
// horizon, at a given volume and price table. Pure (no I/O): `trailguard cost` and `check` reports
// call it with validated settings. docs/cost.md explains each component and what is left out.
import { objectLife, type LifecyclePlan } from "./objectLifecycle";
import type { PriceFigure, PriceTable } from "./priceTable";
import { ARCHIVE_OBJECT_OVERHEAD } from "../retention/transitionObjectSize";
import {
    ARCHIVAL_CLASSES,
    GB,
    INTELLIGENT_TIERING_ARCHIVE_INSTANT_AFTER_DAYS,
    INTELLIGENT_TIERING_INFREQUENT_AFTER_DAYS,
    INTELLIGENT_TIERING_MIN_TIERED_BYTES,
    MINIMUM_BILLABLE_BYTES,
    MINIMUM_STORAGE_DAYS,
    STORAGE_CLASSES,
    type StorageClass,
} from "./storageClasses";
import { managementEventsPerDay, type RegionVolume, type TrailVolume } from "./trailVolume";

/** What the model reads of a stack's settings (config/settings.ts Settings satisfies it). */
export interface CostedStack {
    retention: {
        logGroupDays: number;
        archive: LifecyclePlan;
        objectLock?: { days: number };
    };
    trail: {
        dataEvents: { s3: readonly string[]; lambda: readonly string[] | "all"; dynamodb: readonly string[] | "all" };
        insights: readonly string[];
        deliveryNotifications: boolean;
    };
    alarms: { alarms: readonly { enabled: boolean }[]; deliveryHeartbeat: { enabled: boolean } };
}

export interface CostEstimateOptions {
    /** Months to price; default: until the first day's log files are deleted, plus one (at least 12). */
    months?: number;
    /** S3 Bucket Keys on the archive (the baseline always enables them). Default true. */
    bucketKeys?: boolean;
}

export type CostComponent = "CloudTrail" | "S3" | "KMS" | "CloudWatch Logs" | "Monitoring";

export interface CostItem {
    component: CostComponent;
    item: string;
    quantity: number;
    unit: string;
    usd: number;
}

export interface MonthCost {
    /** 1-based month since the trail started. */
    month: number;
    days: number;
    total: number;
    items: CostItem[];
    /** Average billed GB in the archive bucket per storage class (overheads included). */
    storedGb: Record<StorageClass, number>;
    logGroupGb: number;
}

export interface CostEstimate {
    horizonMonths: number;
    months: MonthCost[];
    /** The last month's total: the steady state once the horizon covers the retention. */
    monthlyTotal: number;
    cumulativeTotal: number;
}

/** Months are twelfths of a 365-day year: month m covers days [⌊365m/12⌋, ⌊365(m+1)/12⌋). */
export const DAYS_PER_YEAR = 365;
export function monthStartDay(month: number): number {
    return Math.floor((month * DAYS_PER_YEAR) / 12);
}

/** "Reduce request traffic from Amazon S3 to AWS KMS by up to 99 percent" (S3 Bucket Keys, user guide). */
export const BUCKET_KEY_REQUEST_REDUCTION = 0.99;
/** SNS reuses a topic's data key for 300 seconds by default: one KMS request per 5 minutes of publishing. */
export const SNS_DATA_KEY_REQUESTS_PER_DAY = 86_400 / 300;
/** KMS rotates a customer managed key every 365 days by default; the first two rotations add cost. */
export const KEY_ROTATION_DAYS = 365;
export const BILLED_ROTATIONS = 2;

export function defaultHorizonMonths(stack: CostedStack): number {
    const { archive, objectLock } = stack.retention;
    const deletedAt = Math.max(archive.expirationDays + archive.noncurrentVersionExpirationDays, objectLock?.days ?? 0);
    return Math.max(12, Math.ceil((deletedAt * 12) / DAYS_PER_YEAR) + 1);
}

export function recordsDataEvents(stack: CostedStack): boolean {
    const { s3, lambda, dynamodb } = stack.trail.dataEvents;
    return s3.length > 0 || lambda === "all" || lambda.length > 0 || dynamodb === "all" || dynamodb.length > 0;
}

/** Events the trail records per day in a region: management events, and data events when selected. */
function recordedEventsPerDay(region: RegionVolume, dataEvents: boolean): number {
    return managementEventsPerDay(region) + (dataEvents ? region.dataEventsPerDay : 0);
}

/** Bytes of one delivered (gzip-compressed) log file in a region. */
export function logFileBytes(region: RegionVolume, dataEvents: boolean): number {
    if (region.logFilesPerDay <= 0) return 0;
    return (recordedEventsPerDay(region, dataEvents) * region.recordBytes) / region.compressionRatio / region.logFilesPerDay;
}

type PriceKey = Exclude<StorageClass, "INTELLIGENT_TIERING"> | "IT_FREQUENT" | "IT_INFREQUENT" | "IT_ARCHIVE_INSTANT" | "ARCHIVE_METADATA";

/** Quantities of the archive bucket per month (index = month − 1), per price key or class. */
interface ArchiveQuantities {
    gbMonths: Map<PriceKey, Float64Array>;
    storedGb: Map<StorageClass, Float64Array>;
    transitions: Map<StorageClass, Float64Array>;
    earlyDeletionGbMonths: Map<StorageClass, Float64Array>;
    monitoredObjectMonths: Float64Array;
    puts: Float64Array;
}

interface ObjectGroup {
    objectsPerDay: number;
    bytes: number;
}

/** The objects CloudTrail writes to the archive: each region's log files and digest files. */
function objectGroups(volume: TrailVolume, dataEvents: boolean): ObjectGroup[] {
    return volume.regions
        .flatMap((r) => [
            { objectsPerDay: r.logFilesPerDay, bytes: logFileBytes(r, dataEvents) },
            { objectsPerDay: r.digestFilesPerDay, bytes: r.digestFileBytes },
        ])
        .filter((g) => g.objectsPerDay > 0);
}

export function estimateStackCost(stack: CostedStack, volume: TrailVolume, prices: PriceTable, options: CostEstimateOptions = {}): CostEstimate {
    const horizonMonths = options.months ?? defaultHorizonMonths(stack);
    const dataEvents = recordsDataEvents(stack);
    const s3 = archiveBucketMonths(stack, objectGroups(volume, dataEvents), horizonMonths);

    const months: MonthCost[] = [];
    let cumulativeTotal = 0;
    for (let m = 0; m < horizonMonths; m++) {
        const start = monthStartDay(m);
        const length = monthStartDay(m + 1) - start;
        const groupGb = logGroupGb(stack, volume, dataEvents, start, length);
        const items: CostItem[] = [
            ...cloudTrailItems(stack, volume, prices, dataEvents, length),
            ...s3Items(s3, m, prices),
            ...kmsItems(stack, volume, prices, options.bucketKeys ?? true, start, length),
            ...logsItems(volume, prices, dataEvents, groupGb, length),
            ...monitoringItems(stack, volume, prices, length),
        ].filter((item) => item.quantity > 0);
        const total = items.reduce((sum, item) => sum + item.usd, 0);
        cumulativeTotal += total;
        months.push({ month: m + 1, days: length, total, items, storedGb: storedGbOf(s3, m), logGroupGb: groupGb });
    }
    return { horizonMonths, months, monthlyTotal: months[months.length - 1]?.total ?? 0, cumulativeTotal };
}

/**
 * The archive bucket's cost alone, summed over `months`: what a lifecycle plan changes (the search
 * of `trailguard cost --suggest` compares plans by it; everything else is the same for every plan).
 */
export function archiveBucketCost(stack: CostedStack, volume: TrailVolume, prices: PriceTable, months: number): number {
    const quantities = archiveBucketMonths(stack, objectGroups(volume, recordsDataEvents(stack)), months);
    let usd = 0;
    for (let m = 0; m < months; m++) for (const i of s3Items(quantities, m, prices)) usd += i.usd;
    return usd;
}

const item = (component: CostComponent, name: string, quantity: number, unit: string, price: PriceFigure, unitsPerPrice: number): CostItem => ({
    component,
    item: name,
    quantity,
    unit,
    usd: (quantity / unitsPerPrice) * price.usd,
});

// ---- CloudTrail -----------------------------------------------------------------------------

function cloudTrailItems(stack: CostedStack, volume: TrailVolume, prices: PriceTable, dataEvents: boolean, days: number): CostItem[] {
    const sum = (f: (r: RegionVolume) => number) => volume.regions.reduce((total, r) => total + f(r), 0) * days;
    const management = sum(managementEventsPerDay);
    const writes = sum((r) => r.managementWriteEventsPerDay);
    const ct = prices.cloudTrail;
    const items: CostItem[] = [];
    if (volume.paidManagementEventCopy) {
        items.push(item("CloudTrail", "management events (additional copy)", management, "events", ct.additionalManagementEventsPer100k, 100_000));
    }
    if (dataEvents) items.push(item("CloudTrail", "data events", sum((r) => r.dataEventsPerDay), "events", ct.dataEventsPer100k, 100_000));
    // Call-rate Insights analyse write management events; error-rate Insights analyse read and write ones.
    if (stack.trail.insights.includes("ApiCallRateInsight")) {
        items.push(item("CloudTrail", "Insights: API call rate (write events analysed)", writes, "events", ct.insightsEventsAnalysedPer100k, 100_000));
    }
    if (stack.trail.insights.includes("ApiErrorRateInsight")) {
        items.push(item("CloudTrail", "Insights: API error rate (all management events analysed)", management, "events", ct.insightsEventsAnalysedPer100k, 100_000));
    }
    return items;
}

// ---- S3: the archive bucket -------------------------------------------------------------------

function storedGbOf(quantities: ArchiveQuantities, month: number): Record<StorageClass, number> {
    return Object.fromEntries(STORAGE_CLASSES.map((c) => [c, quantities.storedGb.get(c)?.[month] ?? 0])) as Record<StorageClass, number>;
}

/** Billed bytes of one object in a class (minimum billable size, archival index). */
export function billedBytesInClass(bytes: number, storageClass: StorageClass): number {
    const overhead = ARCHIVAL_CLASSES.includes(storageClass) ? ARCHIVE_OBJECT_OVERHEAD.archiveBytes : 0;
    return Math.max(bytes, MINIMUM_BILLABLE_BYTES[storageClass]) + overhead;
}

/** The price key one object's days in a class are billed under, by its age in that class. */
interface PricedSpan {
    key: PriceKey;
    storageClass: StorageClass;
    fromDay: number;
    toDay: number;
}

function pricedSpans(storageClass: StorageClass, fromDay: number, toDay: number, bytes: number): PricedSpan[] {
    if (storageClass !== "INTELLIGENT_TIERING") return [{ key: storageClass, storageClass, fromDay, toDay }];
    if (bytes < INTELLIGENT_TIERING_MIN_TIERED_BYTES) return [{ key: "IT_FREQUENT", storageClass, fromDay, toDay }];
    // Log files are written once and not read: Intelligent-Tiering moves them down after 30 and 90 days.
    const infrequent = Math.min(toDay, fromDay + INTELLIGENT_TIERING_INFREQUENT_AFTER_DAYS);
    const archive = Math.min(toDay, fromDay + INTELLIGENT_TIERING_ARCHIVE_INSTANT_AFTER_DAYS);
    return [
        { key: "IT_FREQUENT" as const, storageClass, fromDay, toDay: infrequent },
        { key: "IT_INFREQUENT" as const, storageClass, fromDay: infrequent, toDay: archive },
        { key: "IT_ARCHIVE_INSTANT" as const, storageClass, fromDay: archive, toDay },
    ].filter((s) => s.toDay > s.fromDay);
}

/**
 * Cohorts (one per day of writing, from day 0) whose age lies in [fromDay, toDay), summed over
 * the days before `day`: on day d that count is 0 before fromDay, d − fromDay + 1 while the first
 * cohort is in the span, and toDay − fromDay after. Closed form, so pricing is per month, not per day.
 */
export function cohortDaysBefore(day: number, fromDay: number, toDay: number): number {
    const span = toDay - fromDay;
    if (span <= 0 || day <= fromDay) return 0;
    if (day <= toDay) {
        const k = day - fromDay;
        return (k * (k + 1)) / 2;
    }
    return (span * (span + 1)) / 2 + (day - toDay) * span;
}

/** Days of [start, end) on or after `from`. */
function daysFrom(from: number, start: number, end: number): number {
    return Math.max(0, end - Math.max(start, from));
}

function archiveBucketMonths(stack: CostedStack, groups: ObjectGroup[], months: number): ArchiveQuantities {
    const quantities: ArchiveQuantities = {
        gbMonths: new Map(),
        storedGb: new Map(),
        transitions: new Map(),
        earlyDeletionGbMonths: new Map(),
        monitoredObjectMonths: new Float64Array(months),
        puts: new Float64Array(months),
    };
    const series = <K>(map: Map<K, Float64Array>, key: K) => {
        let values = map.get(key);
        if (!values) map.set(key, (values = new Float64Array(months)));
        return values;
    };
    const starts = Array.from({ length: months + 1 }, (_, m) => monthStartDay(m));
    const lockDays = stack.retention.objectLock?.days ?? 0;
    for (const group of groups) {
        const n = group.objectsPerDay;
        for (let m = 0; m < months; m++) quantities.puts[m]! += n * (starts[m + 1]! - starts[m]!);
        const life = objectLife(group.bytes, stack.retention.archive, lockDays);
        life.phases.forEach((phase, index) => {
            const billed = billedBytesInClass(group.bytes, phase.storageClass);
            const archival = ARCHIVAL_CLASSES.includes(phase.storageClass);
            const monitored = phase.storageClass === "INTELLIGENT_TIERING" && group.bytes >= INTELLIGENT_TIERING_MIN_TIERED_BYTES;
            for (const span of pricedSpans(phase.storageClass, phase.fromDay, phase.toDay, group.bytes)) {
                const gb = series(quantities.gbMonths, span.key);
                const stored = series(quantities.storedGb, span.storageClass);
                const metadata = archival ? series(quantities.gbMonths, "ARCHIVE_METADATA") : undefined;
                const storedStandard = archival ? series(quantities.storedGb, "STANDARD") : undefined;
                for (let m = 0; m < months; m++) {
                    const start = starts[m]!;
                    const end = starts[m + 1]!;
                    if (end <= span.fromDay) continue;
                    const objectMonths = ((cohortDaysBefore(end, span.fromDay, span.toDay) - cohortDaysBefore(start, span.fromDay, span.toDay)) * n) / (end - start);
                    gb[m]! += (objectMonths * billed) / GB;
                    stored[m]! += (objectMonths * billed) / GB;
                    if (metadata) {
                        metadata[m]! += (objectMonths * ARCHIVE_OBJECT_OVERHEAD.standardBytes) / GB;
                        storedStandard![m]! += (objectMonths * ARCHIVE_OBJECT_OVERHEAD.standardBytes) / GB;
                    }
                    if (monitored) quantities.monitoredObjectMonths[m]! += objectMonths;
                }
            }
            // Each day from fromDay on, that day's cohort enters this phase by a lifecycle transition.
            if (index > 0) {
                const transitions = series(quantities.transitions, phase.storageClass);
                for (let m = 0; m < months; m++) transitions[m]! += daysFrom(phase.fromDay, starts[m]!, starts[m + 1]!) * n;
            }
            // Each day from toDay on, a cohort leaves; before the class's minimum duration, it is billed the rest.
            const stayed = phase.toDay - phase.fromDay;
            const minimumDays = MINIMUM_STORAGE_DAYS[phase.storageClass];
            if (stayed < minimumDays) {
                const early = series(quantities.earlyDeletionGbMonths, phase.storageClass);
                for (let m = 0; m < months; m++) {
                    const gbDays = (daysFrom(phase.toDay, starts[m]!, starts[m + 1]!) * (minimumDays - stayed) * n * billed) / GB;
                    early[m]! += (gbDays * 12) / DAYS_PER_YEAR;
                }
            }
        });
    }
    return quantities;
}

function storagePrice(prices: PriceTable, key: PriceKey): PriceFigure {
    const it = prices.s3.intelligentTiering;
    switch (key) {
        case "IT_FREQUENT":
            return it.frequentPerGbMonth;
        case "IT_INFREQUENT":
            return it.infrequentPerGbMonth;
        case "IT_ARCHIVE_INSTANT":
            return it.archiveInstantPerGbMonth;
        case "ARCHIVE_METADATA":
            return prices.s3.storagePerGbMonth.STANDARD;
        default:
            return prices.s3.storagePerGbMonth[key];
    }
}

const STORAGE_ITEM_NAMES: Record<PriceKey, string> = {
    STANDARD: "storage: STANDARD",
    STANDARD_IA: "storage: STANDARD_IA",
    ONEZONE_IA: "storage: ONEZONE_IA",
    GLACIER_IR: "storage: GLACIER_IR",
    GLACIER: "storage: GLACIER",
    DEEP_ARCHIVE: "storage: DEEP_ARCHIVE",
    IT_FREQUENT: "storage: INTELLIGENT_TIERING (Frequent Access)",
    IT_INFREQUENT: "storage: INTELLIGENT_TIERING (Infrequent Access)",
    IT_ARCHIVE_INSTANT: "storage: INTELLIGENT_TIERING (Archive Instant Access)",
    ARCHIVE_METADATA: "storage: STANDARD (8 KB per GLACIER/DEEP_ARCHIVE object)",
};

function s3Items(quantities: ArchiveQuantities, m: number, prices: PriceTable): CostItem[] {
    const items: CostItem[] = [];
    for (const [key, gb] of quantities.gbMonths) items.push(item("S3", STORAGE_ITEM_NAMES[key], gb[m]!, "GB-months", storagePrice(prices, key), 1));
    items.push(item("S3", "PUT requests (log and digest files)", quantities.puts[m]!, "requests", prices.s3.standardPutPer1000, 1000));
    for (const [storageClass, count] of quantities.transitions) {
        if (storageClass === "STANDARD") continue;
        items.push(item("S3", `lifecycle transitions to ${storageClass}`, count[m]!, "requests", prices.s3.transitionPer1000[storageClass], 1000));
    }
    for (const [storageClass, gb] of quantities.earlyDeletionGbMonths) {
        if (storageClass === "INTELLIGENT_TIERING") continue;
        items.push(item("S3", `early deletion: ${storageClass}`, gb[m]!, "GB-months", prices.s3.storagePerGbMonth[storageClass], 1));
    }
    items.push(item("S3", "Intelligent-Tiering monitoring", quantities.monitoredObjectMonths[m]!, "object-months", prices.s3.intelligentTiering.monitoringPer1000ObjectsMonth, 1000));
    return items;
}

// ---- KMS ------------------------------------------------------------------------------------

function kmsItems(stack: CostedStack, volume: TrailVolume, prices: PriceTable, bucketKeys: boolean, start: number, days: number): CostItem[] {
    let rotationKeyMonths = 0;
    for (let day = start; day < start + days; day++) rotationKeyMonths += Math.min(BILLED_ROTATIONS, Math.floor(day / KEY_ROTATION_DAYS)) / days;
    const logFiles = volume.regions.reduce((sum, r) => sum + r.logFilesPerDay, 0) * days;
    const s3Requests = bucketKeys ? logFiles * (1 - BUCKET_KEY_REQUEST_REDUCTION) : logFiles;
    const snsRequests = stack.trail.deliveryNotifications ? SNS_DATA_KEY_REQUESTS_PER_DAY * days : 0;
    return [
        item("KMS", "customer managed key", 1, "key-months", prices.kms.keyMonth, 1),
        item("KMS", "key rotations (the first two add a key-month each)", rotationKeyMonths, "key-months", prices.kms.rotationKeyMonth, 1),
        item("KMS", bucketKeys ? "requests: log file encryption (S3 Bucket Keys)" : "requests: log file encryption (no S3 Bucket Keys)", s3Requests, "requests", prices.kms.requestsPer10k, 10_000),
        item("KMS", "requests: delivery topic data keys", snsRequests, "requests", prices.kms.requestsPer10k, 10_000),
    ];
}

// ---- CloudWatch Logs ------------------------------------------------------------------------

function ingestedGbPerDay(volume: TrailVolume, dataEvents: boolean): number {
    return volume.regions.reduce((sum, r) => sum + (recordedEventsPerDay(r, dataEvents) * r.recordBytes) / GB, 0);
}

function storedGbPerDayOfRetention(volume: TrailVolume, dataEvents: boolean): number {
    return volume.regions.reduce((sum, r) => sum + (recordedEventsPerDay(r, dataEvents) * r.recordBytes) / r.compressionRatio / GB, 0);
}

/** Average compressed GB in the log group over a month (0 logGroupDays: never expires). */
function logGroupGb(stack: CostedStack, volume: TrailVolume, dataEvents: boolean, start: number, days: number): number {
    const perDay = storedGbPerDayOfRetention(volume, dataEvents);
    const keep = stack.retention.logGroupDays === 0 ? Infinity : stack.retention.logGroupDays;
    let total = 0;
    for (let day = start; day < start + days; day++) total += perDay * Math.min(day + 1, keep);
    return total / days;
}

/** @param groupGb the month's average stored GB (logGroupGb), which the month's summary reports too */
function logsItems(volume: TrailVolume, prices: PriceTable, dataEvents: boolean, groupGb: number, days: number): CostItem[] {
    return [
        item("CloudWatch Logs", "ingestion", ingestedGbPerDay(volume, dataEvents) * days, "GB", prices.cloudWatchLogs.ingestionPerGb, 1),
        item("CloudWatch Logs", "storage (compressed)", groupGb, "GB-months", prices.cloudWatchLogs.storagePerGbMonth, 1),
    ];
}

// ---- Monitoring -----------------------------------------------------------------------------

function monitoringItems(stack: CostedStack, volume: TrailVolume, prices: PriceTable, days: number): CostItem[] {
    const filters = stack.alarms.alarms.filter((a) => a.enabled).length;
    const alarms = filters + (stack.alarms.deliveryHeartbeat.enabled ? 1 : 0);
    const notifications = stack.trail.deliveryNotifications ? volume.regions.reduce((sum, r) => sum + r.logFilesPerDay, 0) * days : 0;
    return [
        // An upper bound: a metric filter's metric is billed for the hours it publishes, i.e. has matches.
        item("Monitoring", "custom metrics of the metric filters", filters, "metric-months", prices.cloudWatch.customMetricMonth, 1),
        item("Monitoring", "alarms", alarms, "alarm-months", prices.cloudWatch.alarmMonth, 1),
        item("Monitoring", "SNS publishes (delivery notifications)", notifications, "requests", prices.sns.publishPer1M, 1_000_000),
    ];
}
