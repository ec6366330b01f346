// Reads one CloudTrail log file as a stream of parsed records. Accepts what CloudTrail and the tools
// around it produce, gzipped or not (detected by the gzip magic bytes, not the file name):
//   - `{"Records": [ … ]}` log files as delivered to S3, single-line or pretty-printed;
//   - JSON arrays of records;
//   - JSON lines, one record (or one `{"Records": […]}` object) per line.
// Memory stays bounded: files are streamed in chunks and only one record's text is held at a time.
import * as fs from "fs";
import { createGunzip } from "zlib";
import { describeFsError } from "./inputFiles";
import { RecordScanner } from "./recordScanner";

export interface RecordHandler {
    /** A parsed record (a JSON object) and the line it starts on. */
    record(record: Record<string, unknown>, line: number): void;
    /** A malformed record or unreadable part of the file, skipped. */
    problem(line: number, message: string): void;
}

/** A JSON line longer than this is reported and skipped. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Reads a file to the end, reporting problems to the handler. Rejects only if the file cannot be opened. */
export async function readRecordFile(file: string, handler: RecordHandler): Promise<void> {
    const gzipped = await startsWithGzipMagic(file);
    const raw = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    const stream = gzipped ? raw.pipe(createGunzip()) : raw;
    if (gzipped) raw.on("error", (err) => stream.destroy(err));
    stream.setEncoding("utf8");
    const reader = new FileReader(handler);
    try {
        for await (const chunk of stream as AsyncIterable<string>) reader.push(chunk);
        reader.end();
    } catch (err) {
        reader.interrupted(describeStreamError(err, gzipped));
    }
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
    const handle = await fs.promises.open(file, "r");
    try {
        const buffer = Buffer.alloc(2);
        const { bytesRead } = await handle.read(buffer, 0, 2, 0);
        return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
    } finally {
        await handle.close();
    }
}

function describeStreamError(err: unknown, gzipped: boolean): string {
    const e = err as NodeJS.ErrnoException;
    if (gzipped && (e.code === "Z_DATA_ERROR" || e.code === "Z_BUF_ERROR")) return `not valid gzip data (${e.message})`;
    return `read failed: ${describeFsError(err)}`;
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
 * "container" when the text opens a JSON array or a `{"Records"` object, "lines" for anything else;
 * undefined while too little text has arrived to tell.
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
    return rest.startsWith('Records"') ? "container" : "lines";
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
