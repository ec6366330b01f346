// Runs alarm patterns over CloudTrail log files and counts, per alarm, the events that match. Files
// are read one after another as streams; memory holds one record, the counters, and at most
// `maxEventIds` event ids per alarm, however large the input.
import { compileFilterPattern, type EventMatcher } from "../../core/filterPattern";
import { describeFsError } from "../fileErrors";
import type { InputFiles } from "./inputFiles";
import type { ReplayAlarm } from "./replayAlarms";
import { looksLikeCloudTrailRecord, readRecordFile } from "./recordSource";

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
    /** CloudTrail records read (JSON objects with eventName, eventSource or eventTime). */
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
        const shape = new FileShape();
        try {
            await readRecordFile(file, {
                record(record, line) {
                    if (!shape.accepts(record, line)) return;
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
            const problem = shape.problem();
            if (problem) addError({ file, ...problem });
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

/** What the layouts replay reads look like, for messages about a file that is none of them. */
const EXPECTED_LAYOUTS =
    'expected CloudTrail records: a log file {"Records": [...]}, a JSON array of records, one record per line, or one record';

/**
 * Tells CloudTrail records from other JSON objects in one file. Other objects are skipped, not
 * matched; the file gets one problem saying what it holds instead and what replay expected.
 */
class FileShape {
    private skipped = 0;
    private firstSkippedLine = 0;
    private accepted = 0;
    /** The key under which skipped objects carry a CloudTrail record, when they all do. */
    private wrapperKey: string | undefined | null = undefined;
    private wrapperKeys: string[] = [];

    accepts(record: Record<string, unknown>, line: number): boolean {
        if (looksLikeCloudTrailRecord(record)) {
            this.accepted++;
            return true;
        }
        if (this.skipped++ === 0) this.firstSkippedLine = line;
        const key = Object.keys(record).find((k) => {
            const inner = record[k];
            return typeof inner === "object" && inner !== null && !Array.isArray(inner) && looksLikeCloudTrailRecord(inner as Record<string, unknown>);
        });
        if (this.wrapperKey === undefined) {
            this.wrapperKey = key ?? null;
            this.wrapperKeys = Object.keys(record).slice(0, 6);
        } else if (this.wrapperKey !== key) {
            this.wrapperKey = null;
        }
        return false;
    }

    problem(): { line: number; message: string } | undefined {
        if (this.skipped === 0) return undefined;
        const objects = `${this.skipped} JSON object${this.skipped === 1 ? "" : "s"}`;
        const what =
            this.accepted === 0
                ? `no CloudTrail records: none of its ${objects} has eventName, eventSource or eventTime`
                : `${objects} without eventName, eventSource or eventTime skipped (first on line ${this.firstSkippedLine})`;
        const hint =
            typeof this.wrapperKey === "string"
                ? `; each wraps a CloudTrail record as {${this.wrapperKeys.map((k) => JSON.stringify(k)).join(", ")}}: expected the record itself (e.g. jq -c '.${this.wrapperKey}')`
                : `; ${EXPECTED_LAYOUTS}`;
        return { line: this.firstSkippedLine, message: what + hint };
    }
}
