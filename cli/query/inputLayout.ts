// Tells, for each input file, how DuckDB must read it, from its first bytes (not its name): gzipped or
// not, and which of the layouts replay also accepts it has —
//   - "records": `{"Records": [ … ]}` as CloudTrail delivers to S3;
//   - "array":   a JSON array of records (as Stratus Red Team publishes them);
//   - "lines":   JSON lines, one record per line.
// A file that is not CloudTrail (no eventTime/eventName in its first record), not JSON, or not
// readable is rejected with a reason, so the query runs over the rest and the user is told why.
import * as fs from "fs";
import { Readable } from "stream";
import { decompressed, describeReadError, startsWithGzipMagic } from "../gzipInput";

export type InputLayout = "records" | "array" | "lines";

export interface ClassifiedFile {
    file: string;
    gzip: boolean;
    layout: InputLayout;
    /** Size of the JSON text: the file's size, or for gzip the size its trailer records (mod 4 GiB). */
    textBytes: number;
}

export type Classification = { ok: true; input: ClassifiedFile } | { ok: false; file: string; message: string };

/** How much decompressed text is read to decide; a first JSON line longer than this is not checked further. */
const HEAD_CHARS = 256 * 1024;

export async function classifyInputFile(file: string): Promise<Classification> {
    let handle: fs.promises.FileHandle;
    try {
        handle = await fs.promises.open(file, "r");
    } catch (err) {
        return { ok: false, file, message: describeReadError(err, false) };
    }
    // One handle for everything the decision reads: the magic bytes, the head, the size.
    let gzip = false;
    try {
        const magic = Buffer.alloc(2);
        const { bytesRead } = await handle.read(magic, 0, 2, 0);
        gzip = startsWithGzipMagic(magic.subarray(0, bytesRead));
        const head = await readHead(handle, gzip);
        const layout = decideLayout(head);
        if (layout === undefined) {
            const start = head.trimStart().slice(0, 20);
            return { ok: false, file, message: start.length === 0 ? "empty file, expected CloudTrail records" : `not JSON: starts with ${JSON.stringify(start)}, expected CloudTrail records` };
        }
        const problem = notCloudTrail(layout, head);
        if (problem) return { ok: false, file, message: problem };
        return { ok: true, input: { file, gzip, layout, textBytes: await jsonTextSize(handle, gzip) } };
    } catch (err) {
        return { ok: false, file, message: describeReadError(err, gzip) };
    } finally {
        await handle.close();
    }
}

/** The first HEAD_CHARS of text, decompressed when gzipped; the handle stays open. */
async function readHead(handle: fs.promises.FileHandle, gzip: boolean): Promise<string> {
    // Read through the handle itself: a stream over it would close it when destroyed early.
    const raw = Readable.from(chunksOf(handle));
    const stream = decompressed(raw, gzip);
    let head = "";
    try {
        stream.setEncoding("utf8");
        for await (const chunk of stream as AsyncIterable<string>) {
            head += chunk;
            if (head.length >= HEAD_CHARS) break;
        }
    } finally {
        raw.destroy();
        stream.destroy();
    }
    return head;
}

async function* chunksOf(handle: fs.promises.FileHandle): AsyncGenerator<Buffer> {
    for (let position = 0; ; ) {
        const buffer = Buffer.alloc(64 * 1024);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
    }
}

/** The file's size, or gzip's ISIZE trailer (RFC 1952: the uncompressed length mod 2^32, little-endian). */
async function jsonTextSize(handle: fs.promises.FileHandle, gzip: boolean): Promise<number> {
    const { size } = await handle.stat();
    if (!gzip || size < 4) return size;
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 4);
    return trailer.readUInt32LE(0);
}

function decideLayout(head: string): InputLayout | undefined {
    const text = head.replace(/^\uFEFF/, "").trimStart();
    if (text.startsWith("[")) return "array";
    if (!text.startsWith("{")) return undefined;
    return /^\{\s*"Records"\s*:/.test(text) ? "records" : "lines";
}

/** A reason the file is not CloudTrail, judged on its first record; undefined when it looks like CloudTrail. */
function notCloudTrail(layout: InputLayout, head: string): string | undefined {
    const expected = 'expected CloudTrail records (objects with "eventTime" and "eventName")';
    if (layout === "lines") {
        const firstLine = head.trimStart().split("\n", 1)[0]!;
        if (firstLine.length === head.trimStart().length && head.length >= HEAD_CHARS) return undefined; // a very long first line: let DuckDB judge it
        let value: unknown;
        try {
            value = JSON.parse(firstLine);
        } catch (err) {
            return `line 1 is not valid JSON (${(err as Error).message}); ${expected}, one per line, or {"Records": [...]}`;
        }
        const keys = Object.keys(value as object);
        return looksLikeRecord(value) ? undefined : `line 1 has keys ${keys.slice(0, 5).join(", ") || "(none)"}; ${expected}`;
    }
    // Records and arrays: the first record's keys are near the start. An empty file of records is fine.
    if (/^\s*(\{\s*"Records"\s*:\s*)?\[\s*\]\s*\}?\s*$/.test(head)) return undefined;
    return /"eventTime"\s*:/.test(head) && /"eventName"\s*:/.test(head) ? undefined : `no "eventTime" and "eventName" in the first record; ${expected}`;
}

function looksLikeRecord(value: unknown): boolean {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const r = value as Record<string, unknown>;
    return typeof r["eventTime"] === "string" && typeof r["eventName"] === "string";
}
