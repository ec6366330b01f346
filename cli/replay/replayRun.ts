// Runs alarm patterns over CloudTrail log files and counts, per alarm, the events that match. Files
// are read one after another as streams; memory holds one record, the counters, and at most
// `maxEventIds` event ids per alarm, however large the input.
import { compileFilterPattern, type EventMatcher } from "../../core/filterPattern";
import { describeFsError, type InputFiles } from "./inputFiles";
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
    /** Called now and then while reading; never on every record. */
    onProgress?: (progress: ReplayProgress) => void;
}

/** Events between progress callbacks. */
const PROGRESS_EVERY = 8192;
/** Errors listed in the report; beyond this only their count is. */
const MAX_ERRORS = 1000;

/** Replays `input.files`; `input.unreadable` is reported first, under the same cap as every other error. */
export async function replayFiles(input: InputFiles, alarms: readonly ReplayAlarm[], options: ReplayOptions): Promise<ReplayReport> {
    const { files } = input;
    const matchers: EventMatcher[] = alarms.map((a) => compileFilterPattern(a.pattern));
    const counts = new Array<number>(alarms.length).fill(0);
    const eventIds: string[][] = alarms.map(() => []);
    const errors: ReplayError[] = [];
    let errorCount = 0;
    let events = 0;
    let filesRead = 0;
    const alarmCount = matchers.length;

    const addError = (error: ReplayError): void => {
        errorCount++;
        if (errors.length < MAX_ERRORS) errors.push(error);
    };
    const cannotRead = (file: string, reason: string): void => addError({ file, line: 0, message: `cannot read: ${reason}` });

    for (const { file, message } of input.unreadable) cannotRead(file, message);

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
            cannotRead(file, describeFsError(err));
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
