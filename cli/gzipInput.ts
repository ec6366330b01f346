// Gzipped or not, told by the first two bytes (RFC 1952's magic number), never by the file name:
// CloudTrail delivers `.json.gz`, tools around it write plain JSON under any name. Shared by replay
// (which streams, so that pipes work) and query (which reads files), with the same words for a file
// that says gzip but is not.
import type { Readable } from "stream";
import { createGunzip } from "zlib";
import { describeFsError } from "./fileErrors";

export function startsWithGzipMagic(head: Uint8Array): boolean {
    return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The bytes as text-to-be: gunzipped when `gzipped`; a read error of `raw` ends the result with it. */
export function decompressed(raw: Readable, gzipped: boolean): Readable {
    if (!gzipped) return raw;
    const stream = raw.pipe(createGunzip());
    raw.on("error", (err) => stream.destroy(err));
    return stream;
}

/** A read or decompression error in words: bad gzip data said so, anything else as a file error after `fsPrefix`. */
export function describeReadError(err: unknown, gzipped: boolean, fsPrefix = ""): string {
    const e = err as NodeJS.ErrnoException;
    if (gzipped && (e.code === "Z_DATA_ERROR" || e.code === "Z_BUF_ERROR")) return `not valid gzip data (${e.message})`;
    return `${fsPrefix}${describeFsError(err)}`;
}
