// Runs alarm patterns over CloudTrail log files and counts, per alarm, the events that match. Files
// are read one after another as streams; memory holds one record, the counters, and at most
// `maxEventIds` event ids per alarm, however large the input.
import { compileFilterPattern, type EventMatcher } from "../../policies/src/filterPattern";
import { describeFsError } from "./inputFiles";
import type { ReplayAlarm } from "./replayAlarms";
import { readRecordFile } from "./recordSource";

export interface ReplayError {
    file: string;
    /** 1-based line the problem is on; 0 when the file could not be opened at all. */
    line: number;
    message: string;
}

export interface AlarmResult extends ReplayAlarm {
    matches: number;
    /** eventIDs of the first matching events (the file and line when a record has none). */
    eventIds: string[];
    /** True when more events matched than eventIds lists. */
    eventIdsTruncated: boolean;
}

export interface ReplayReport {
    files: number;
    events: number;
    alarms: AlarmResult[];
    errors: ReplayError[];
}

export interface ReplayProgress {
    file: string;
    filesDone: number;
    filesTotal: number;
    events: number;
}

export interface ReplayOptions {
    /** How many matching event ids to keep per alarm. */
    maxEventIds: number;
    /** Keep at most this many errors in the report (the count is still reported). */
    maxErrors?: number;
    /** Called now and then while reading; never on every record. */
    onProgress?: (progress: ReplayProgress) => void;
}

/** Events between progress callbacks. */
const PROGRESS_EVERY = 8192;

export async function replayFiles(files: readonly string[], alarms: readonly ReplayAlarm[], options: ReplayOptions): Promise<ReplayReport> {
    const matchers: EventMatcher[] = alarms.map((a) => compileFilterPattern(a.pattern));
    const counts = new Array<number>(alarms.length).fill(0);
    const eventIds: string[][] = alarms.map(() => []);
    const errors: ReplayError[] = [];
    const maxErrors = options.maxErrors ?? 1000;
    let errorCount = 0;
    let events = 0;
    let filesRead = 0;
    const alarmCount = matchers.length;

    const addError = (error: ReplayError): void => {
        errorCount++;
        if (errors.length < maxErrors) errors.push(error);
    };

    for (let f = 0; f < files.length; f++) {
        const file = files[f];
        const progress = (): void => options.onProgress?.({ file, filesDone: f, filesTotal: files.length, events });
        progress();
        try {
            await readRecordFile(file, {
                record(record, line) {
                    events++;
                    for (let i = 0; i < alarmCount; i++) {
                        if (!matchers[i](record)) continue;
                        counts[i]++;
                        if (eventIds[i].length < options.maxEventIds) {
                            const id = record["eventID"];
                            eventIds[i].push(typeof id === "string" ? id : `${file}:${line}`);
                        }
                    }
                    if (events % PROGRESS_EVERY === 0) progress();
                },
                problem(line, message) {
                    addError({ file, line, message });
                },
            });
            filesRead++;
        } catch (err) {
            addError({ file, line: 0, message: `cannot read: ${describeFsError(err)}` });
        }
    }
    if (errorCount > errors.length) {
        errors.push({ file: "", line: 0, message: `${errorCount - errors.length} more problems not listed` });
    }
    return {
        files: filesRead,
        events,
        alarms: alarms.map((alarm, i) => ({
            ...alarm,
            matches: counts[i],
            eventIds: eventIds[i],
            eventIdsTruncated: counts[i] > eventIds[i].length,
        })),
        errors,
    };
}
