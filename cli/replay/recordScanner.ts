// Splits a stream of JSON text into CloudTrail records without holding a whole file in memory:
// `{"Records": [ … ]}` as CloudTrail delivers to S3 (also several such objects back to back, as `zcat`
// of many files gives), a top-level JSON array of records (as Stratus Red Team publishes them), or
// plain top-level objects. It tracks only bracket depth and strings; each record's text then goes to
// JSON.parse on its own, so one malformed record is reported and skipped, not fatal.

export interface RecordTextSink {
    /** One record's text and the line (1-based) it starts on. */
    record(text: string, line: number): void;
    /** A problem at a line; `fatal` when the scanner cannot go on with this file. */
    problem(line: number, message: string, fatal: boolean): void;
}

/** A record longer than this is reported and skipped, so memory stays bounded. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

interface Capture {
    /** Text from earlier chunks. */
    parts: string[];
    length: number;
    /** Where the record starts in the current chunk (0 once it spans chunks). */
    start: number;
    line: number;
    /** Too long: still tracked to find its end, but its text is dropped. */
    dropped: boolean;
}

export class RecordScanner {
    private line = 1;
    private inString = false;
    private escaped = false;
    /** Open brackets, as char codes. */
    private readonly stack: number[] = [];
    /** Stack depth inside the array whose elements are records, or -1 outside one. */
    private recordArrayDepth = -1;
    /** The key string being read directly inside a top-level object, to spot "Records". */
    private keyText: string | undefined;
    private lastKey: string | undefined;
    private capture: Capture | undefined;
    private stopped = false;

    constructor(private readonly sink: RecordTextSink) {}

    get currentLine(): number {
        return this.line;
    }

    push(chunk: string): void {
        if (this.stopped) return;
        const n = chunk.length;
        for (let i = 0; i < n; i++) {
            if (this.inString) {
                i = this.skipString(chunk, i);
                continue;
            }
            const c = chunk.charCodeAt(i);
            switch (c) {
                case NEWLINE:
                    this.line++;
                    break;
                case QUOTE:
                    this.elementStarts(i);
                    this.inString = true;
                    this.keyText = this.stack.length === 1 && this.stack[0] === OPEN_BRACE ? "" : undefined;
                    break;
                case OPEN_BRACE:
                case OPEN_BRACKET:
                    this.elementStarts(i);
                    if (this.stack.length === 0) {
                        if (c === OPEN_BRACKET) this.recordArrayDepth = 1;
                        else this.startCapture(i); // a bare top-level object is a record…
                        this.lastKey = undefined;
                    } else if (c === OPEN_BRACKET && this.stack.length === 1 && this.stack[0] === OPEN_BRACE && this.lastKey === "Records") {
                        // …unless it is a CloudTrail log file: then the elements of Records are.
                        this.capture = undefined;
                        this.recordArrayDepth = 2;
                    }
                    this.stack.push(c);
                    break;
                case CLOSE_BRACE:
                case CLOSE_BRACKET: {
                    if (this.recordArrayDepth >= 0 && this.stack.length === this.recordArrayDepth && c === CLOSE_BRACKET) {
                        this.finishCapture(chunk, i);
                        this.recordArrayDepth = -1;
                    }
                    const open = this.stack.pop();
                    if (open === undefined || (c === CLOSE_BRACE) !== (open === OPEN_BRACE)) {
                        this.stop(`unexpected "${String.fromCharCode(c)}"`);
                        return;
                    }
                    if (this.stack.length === 0 && c === CLOSE_BRACE) this.finishCapture(chunk, i + 1);
                    break;
                }
                case COMMA:
                    if (this.recordArrayDepth >= 0 && this.stack.length === this.recordArrayDepth) this.finishCapture(chunk, i);
                    break;
                default:
                    if (c > 0x20) {
                        if (this.stack.length === 0) {
                            this.stop(`expected a JSON object or array, found "${chunk[i]}"`);
                            return;
                        }
                        this.elementStarts(i);
                    }
            }
        }
        const capture = this.capture;
        if (capture) {
            if (!capture.dropped) {
                const rest = chunk.slice(capture.start);
                capture.length += rest.length;
                if (capture.length > MAX_RECORD_CHARS) this.drop(capture);
                else capture.parts.push(rest);
            }
            capture.start = 0;
        }
    }

    /** Call once the input has ended. */
    end(): void {
        if (this.stopped) return;
        if (this.inString || this.stack.length > 0) {
            const where = this.capture ? ` inside the record starting on line ${this.capture.line}` : "";
            this.stop(`unexpected end of file${where}`);
        }
    }

    /** Advances through a string; returns the index of its closing quote, or the chunk end. */
    private skipString(chunk: string, from: number): number {
        let i = from;
        if (this.escaped) {
            this.escaped = false;
            this.appendKey(chunk, i, i + 1);
            i++;
        }
        for (;;) {
            const q = chunk.indexOf('"', i);
            const b = chunk.indexOf("\\", i);
            if (q === -1 && b === -1) {
                this.appendKey(chunk, i, chunk.length);
                return chunk.length;
            }
            if (b !== -1 && (q === -1 || b < q)) {
                if (b + 1 >= chunk.length) {
                    this.appendKey(chunk, i, chunk.length);
                    this.escaped = true;
                    return chunk.length;
                }
                this.appendKey(chunk, i, b + 2);
                i = b + 2;
                continue;
            }
            this.appendKey(chunk, i, q);
            this.inString = false;
            if (this.keyText !== undefined) {
                this.lastKey = this.keyText;
                this.keyText = undefined;
            }
            return q;
        }
    }

    private appendKey(chunk: string, from: number, to: number): void {
        // Keys worth comparing are short; stop collecting a long string.
        if (this.keyText !== undefined && this.keyText.length < 32) this.keyText += chunk.slice(from, to);
    }

    /** An element of the record array begins at i (a no-op anywhere else). */
    private elementStarts(i: number): void {
        if (this.recordArrayDepth >= 0 && this.stack.length === this.recordArrayDepth && !this.capture) this.startCapture(i);
    }

    private startCapture(i: number): void {
        this.capture = { parts: [], length: 0, start: i, line: this.line, dropped: false };
    }

    private finishCapture(chunk: string, end: number): void {
        const capture = this.capture;
        if (!capture) return;
        this.capture = undefined;
        if (capture.dropped) return;
        const tail = chunk.slice(capture.start, end);
        if (capture.length + tail.length > MAX_RECORD_CHARS) {
            this.drop(capture);
            return;
        }
        this.sink.record(capture.parts.length === 0 ? tail : capture.parts.join("") + tail, capture.line);
    }

    private drop(capture: Capture): void {
        capture.dropped = true;
        capture.parts = [];
        this.sink.problem(capture.line, `record longer than ${MAX_RECORD_CHARS} characters skipped`, false);
    }

    private stop(message: string): void {
        this.stopped = true;
        this.sink.problem(this.line, message, true);
    }
}
