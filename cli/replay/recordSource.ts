// Reads one CloudTrail log file as a stream of parsed records. Accepts what CloudTrail and the tools
// around it produce, gzipped or not (detected by the gzip magic bytes, not the file name):
//   - `{"Records": [ … ]}` log files as delivered to S3, single-line or pretty-printed;
//   - JSON arrays of records;
//   - JSON lines, one record (or one `{"Records": […]}` object) per line;
//   - one record, or several back to back, pretty-printed.
// The input is read once, front to back, so standard input (`-`), pipes and FIFOs work like files.
// Memory stays bounded: files are streamed in chunks and only one record's text is held at a time.
import * as fs from "fs";
import { PassThrough, type Readable } from "stream";
import { decompressed, describeReadError, startsWithGzipMagic } from "../gzipInput";
import { RecordScanner } from "./recordScanner";

export interface RecordHandler {
    /** A parsed record (a JSON object) and the line it starts on. */
    record(record: Record<string, unknown>, line: number): void;
    /** A malformed record or unreadable part of the file, skipped. */
    problem(line: number, message: string): void;
}

/** The name that stands for standard input on the command line. */
export const STANDARD_INPUT = "-";

/** A JSON line longer than this is reported and skipped. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Reads a file to the end, reporting problems to the handler. Rejects only if the file cannot be opened. */
export async function readRecordFile(file: string, handler: RecordHandler): Promise<void> {
    const raw: Readable = file === STANDARD_INPUT ? process.stdin : fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    // The first bytes decide gzip or not; they are read from the stream itself, never by seeking,
    // which a pipe cannot do. An error here (the file cannot be opened) rejects.
    const head = await firstBytes(chunks, 2);
    const gzipped = startsWithGzipMagic(head);
    const bytes = new PassThrough();
    const stream = decompressed(bytes, gzipped);
    void pump(head, chunks, bytes);
    stream.setEncoding("utf8");
    const reader = new FileReader(handler);
    try {
        for await (const chunk of stream as AsyncIterable<string>) reader.push(chunk);
        reader.end();
    } catch (err) {
        reader.interrupted(describeReadError(err, gzipped, "read failed: "));
    }
}

/** Reads chunks until at least `count` bytes have arrived or the input ends. */
async function firstBytes(chunks: AsyncIterator<Buffer>, count: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < count) {
        const next = await chunks.next();
        if (next.done) break;
        const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
        parts.push(chunk);
        length += chunk.length;
    }
    return Buffer.concat(parts);
}

/** Writes the head and the rest of the input into `into`, honouring back-pressure; a read error destroys it. */
async function pump(head: Buffer, chunks: AsyncIterator<Buffer>, into: PassThrough): Promise<void> {
    const write = (chunk: Buffer): Promise<void> | undefined =>
        into.write(chunk) ? undefined : new Promise((resolve) => into.once("drain", resolve));
    try {
        if (head.length > 0) await write(head);
        for (;;) {
            const next = await chunks.next();
            if (next.done) break;
            await write(typeof next.value === "string" ? Buffer.from(next.value) : next.value);
        }
        into.end();
    } catch (err) {
        into.destroy(err as Error);
    }
}

/** Decides the layout from the first non-blank text, then feeds the right splitter. */
class FileReader {
    private mode: "undecided" | "lines" | "container" = "undecided";
    private head = "";
    private readonly lines: LineSplitter;
    private readonly scanner: RecordScanner;

    constructor(private readonly handler: RecordHandler) {
        const parse = (text: string, line: number): void => this.parse(text, line);
        this.lines = new LineSplitter(parse, (line, message) => handler.problem(line, message));
        this.scanner = new RecordScanner({
            record: parse,
            problem: (line, message) => handler.problem(line, message),
        });
    }

    push(chunk: string): void {
        if (this.mode === "undecided") {
            this.head += chunk;
            const decided = decideMode(this.head);
            if (decided === undefined) return;
            this.mode = decided;
            chunk = this.head;
            this.head = "";
        }
        if (this.mode === "lines") this.lines.push(chunk);
        else this.scanner.push(chunk);
    }

    end(): void {
        if (this.mode === "undecided") {
            // Short input: whatever it is, let the line reader judge it.
            this.mode = decideMode(this.head, true) ?? "lines";
            this.push("");
        }
        if (this.mode === "lines") this.lines.end();
        else this.scanner.end();
    }

    interrupted(message: string): void {
        const line = this.mode === "lines" ? this.lines.currentLine : this.scanner.currentLine;
        this.handler.problem(line, message);
    }

    private parse(text: string, line: number): void {
        let value: unknown;
        try {
            value = JSON.parse(text);
        } catch (err) {
            this.handler.problem(line, `not valid JSON: ${(err as Error).message}`);
            return;
        }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            this.handler.problem(line, `expected a CloudTrail record (a JSON object), found ${Array.isArray(value) ? "an array" : JSON.stringify(value).slice(0, 40)}`);
            return;
        }
        const records = (value as Record<string, unknown>)["Records"];
        if (records !== undefined && !Array.isArray(records) && !looksLikeCloudTrailRecord(value as Record<string, unknown>)) {
            this.handler.problem(line, `"Records" is ${describeJsonValue(records)}, expected an array of CloudTrail records`);
            return;
        }
        if (this.mode === "lines" && Array.isArray(records)) {
            // A whole CloudTrail log file on one line of a JSON-lines file.
            for (const r of records) {
                if (typeof r === "object" && r !== null && !Array.isArray(r)) this.handler.record(r as Record<string, unknown>, line);
                else this.handler.problem(line, "an element of Records is not a JSON object");
            }
            return;
        }
        this.handler.record(value as Record<string, unknown>, line);
    }
}

/**
 * "container" when the text opens a JSON array, a `{"Records"` object, or an object pretty-printed
 * over several lines (its first line is not JSON on its own); "lines" for anything else; undefined
 * while too little text has arrived to tell.
 */
function decideMode(head: string, final = false): "lines" | "container" | undefined {
    const m = /^\s*(\S)/.exec(head);
    if (!m) return final ? "lines" : undefined;
    if (m[1] === "[") return "container";
    if (m[1] !== "{") return "lines";
    const after = head.slice(m.index + m[0].length);
    const key = /^\s*(\S)/.exec(after);
    if (!key) return final ? "lines" : undefined;
    if (key[1] !== '"') return "lines";
    const rest = after.slice(key.index + key[0].length);
    if (rest.length < 8 && !final) return undefined;
    if (rest.startsWith('Records"')) return "container";
    return firstLineIsOpen(head.slice(m.index), final);
}

/** Longest first line waited for before deciding; a longer one is taken as a JSON line. */
const MAX_HEAD_LINE = 1024 * 1024;

/**
 * Whether the object that starts the text goes on past its first line: "container" for a
 * pretty-printed record, "lines" when the first line holds a whole JSON value (JSON lines) or is
 * broken in a way that does not open a structure (a cut-off line, reported as such).
 */
function firstLineIsOpen(text: string, final: boolean): "lines" | "container" | undefined {
    const newline = text.indexOf("\n");
    if (newline === -1) return final || text.length > MAX_HEAD_LINE ? "lines" : undefined;
    const firstLine = text.slice(0, newline).trim();
    try {
        JSON.parse(firstLine);
        return "lines";
    } catch {
        // `{`, `{ "eventVersion": "1.08",` or `"userIdentity": {` end a pretty-printed line.
        return /[{[,]$/.test(firstLine) ? "container" : "lines";
    }
}

/** A CloudTrail record has at least one of these; a JSON object with none of them is something else. */
export function looksLikeCloudTrailRecord(value: Record<string, unknown>): boolean {
    return value["eventName"] !== undefined || value["eventSource"] !== undefined || value["eventTime"] !== undefined;
}

function describeJsonValue(value: unknown): string {
    if (value === null) return "null";
    if (typeof value === "object") return "an object";
    return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}

/** Splits text into lines across chunk boundaries; skips blank lines. */
class LineSplitter {
    private pending = "";
    private skipping = false;
    private line = 0;

    constructor(
        private readonly onLine: (text: string, line: number) => void,
        private readonly onProblem: (line: number, message: string) => void,
    ) {}

    get currentLine(): number {
        return this.line + 1;
    }

    push(chunk: string): void {
        let start = 0;
        for (;;) {
            const nl = chunk.indexOf("\n", start);
            if (nl === -1) break;
            this.line++;
            if (this.skipping) {
                this.skipping = false;
            } else {
                const text = this.pending.length === 0 ? chunk.slice(start, nl) : this.pending + chunk.slice(start, nl);
                this.pending = "";
                this.emit(text);
            }
            start = nl + 1;
        }
        if (start < chunk.length && !this.skipping) {
            this.pending += chunk.slice(start);
            if (this.pending.length > MAX_LINE_CHARS) {
                this.onProblem(this.line + 1, `line longer than ${MAX_LINE_CHARS} characters skipped`);
                this.pending = "";
                this.skipping = true;
            }
        }
    }

    end(): void {
        if (this.pending.length > 0 && !this.skipping) {
            this.line++;
            this.emit(this.pending);
        }
        this.pending = "";
    }

    private emit(text: string): void {
        // Windows line ends and blank lines are common in hand-made files.
        const trimmed = text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text;
        if (trimmed.length === 0 || (trimmed.charCodeAt(0) <= 0x20 && trimmed.trim() === "")) return;
        this.onLine(trimmed, this.line);
    }
}
