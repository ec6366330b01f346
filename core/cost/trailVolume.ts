// What a trail records and delivers, per region and day: the volume the cost model prices. It comes
// from stack config (`trailguard:cost`), from `--events-per-day`, or is measured from delivered log
// files (`--from-logs`, cli/cost/measureLogs.ts).

export interface RegionVolume {
    region: string;
    managementReadEventsPerDay: number;
    managementWriteEventsPerDay: number;
    /** Data events the account produces; priced and stored only when the trail selects data events. */
    dataEventsPerDay: number;
    /** Average size of one record as JSON, uncompressed (what CloudWatch Logs ingests). */
    recordBytes: number;
    /** Uncompressed bytes ÷ gzip-compressed bytes of the delivered log files. */
    compressionRatio: number;
    /** Log file objects CloudTrail writes per day (about one per 5 minutes with activity: 288). */
    logFilesPerDay: number;
    /** Digest file objects per day (hourly with log file validation: 24). */
    digestFilesPerDay: number;
    digestFileBytes: number;
}

export interface TrailVolume {
    regions: RegionVolume[];
    /** Another trail in the account already delivers management events, so this copy is charged. */
    paidManagementEventCopy: boolean;
}

export function managementEventsPerDay(region: RegionVolume): number {
    return region.managementReadEventsPerDay + region.managementWriteEventsPerDay;
}

export function eventsPerDay(volume: TrailVolume): number {
    return volume.regions.reduce((sum, r) => sum + managementEventsPerDay(r) + r.dataEventsPerDay, 0);
}

/**
 * The same trail at `total` events per day: every region and category scaled by one factor, so the
 * proportions between them stay what the stack config or the measured logs say.
 */
export function scaleVolume(volume: TrailVolume, total: number): TrailVolume {
    const current = eventsPerDay(volume);
    if (current <= 0) throw new RangeError("cannot scale a volume of zero events per day");
    const factor = total / current;
    return {
        ...volume,
        regions: volume.regions.map((r) => ({
            ...r,
            managementReadEventsPerDay: r.managementReadEventsPerDay * factor,
            managementWriteEventsPerDay: r.managementWriteEventsPerDay * factor,
            dataEventsPerDay: r.dataEventsPerDay * factor,
        })),
    };
}

/** The `trailguard:cost` section of stack config, as validated settings hold it. */
export interface StatedVolume {
    regions: readonly { region: string; managementReadEventsPerDay: number; managementWriteEventsPerDay: number; dataEventsPerDay: number }[];
    recordBytes: number;
    compressionRatio: number;
    logFilesPerRegionPerDay: number;
    digestFileBytes: number;
    paidManagementEventCopy: boolean;
}

/** CloudTrail delivers a digest file per region every hour when log file validation is on. */
export const DIGEST_FILES_PER_DAY = 24;

export function volumeFromStatedVolume(stated: StatedVolume): TrailVolume {
    return {
        paidManagementEventCopy: stated.paidManagementEventCopy,
        regions: stated.regions.map((r) => ({
            ...r,
            recordBytes: stated.recordBytes,
            compressionRatio: stated.compressionRatio,
            logFilesPerDay: stated.logFilesPerRegionPerDay,
            digestFilesPerDay: DIGEST_FILES_PER_DAY,
            digestFileBytes: stated.digestFileBytes,
        })),
    };
}
