// An encoded protobuf message without some of its top-level fields, for decoding only what is read.
// The pack's Analyze and AnalyzeStack answers list every policy that does not apply to the resource
// (~30 entries each); check reads only the diagnostics, and decoding those entries into message
// objects was ~60 ms of the CLI's CPU in a check of the shipped stacks. Bytes this cannot step over
// (a group, a truncated field) are returned whole, for the generated decoder to judge.

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** `bytes` without the fields numbered `fields`; the same array when none is there or it cannot tell. */
export function withoutFields(bytes: Uint8Array, fields: ReadonlySet<number>): Uint8Array {
    const kept: [number, number][] = [];
    let dropped = false;
    let at = 0;
    while (at < bytes.length) {
        const start = at;
        const tag = readVarint(bytes, at);
        if (tag === undefined) return bytes;
        at = tag.next;
        const wireType = tag.value % 8;
        const field = Math.floor(tag.value / 8);
        if (wireType === VARINT) {
            const value = readVarint(bytes, at);
            if (value === undefined) return bytes;
            at = value.next;
        } else if (wireType === FIXED64) {
            at += 8;
        } else if (wireType === FIXED32) {
            at += 4;
        } else if (wireType === LENGTH_DELIMITED) {
            const length = readVarint(bytes, at);
            if (length === undefined) return bytes;
            at = length.next + length.value;
        } else {
            return bytes;
        }
        if (at > bytes.length) return bytes;
        if (fields.has(field)) {
            dropped = true;
            continue;
        }
        const last = kept[kept.length - 1];
        if (last && last[1] === start) last[1] = at;
        else kept.push([start, at]);
    }
    if (!dropped) return bytes;
    const out = new Uint8Array(kept.reduce((sum, [s, e]) => sum + e - s, 0));
    let offset = 0;
    for (const [s, e] of kept) {
        out.set(bytes.subarray(s, e), offset);
        offset += e - s;
    }
    return out;
}

/** The varint at `at` (exact up to 53 bits, which tags and lengths never pass), or undefined when it runs past the end or past 10 bytes. */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
    let value = 0;
    let scale = 1;
    for (let i = at; i < bytes.length && i < at + 10; i++) {
        const byte = bytes[i];
        value += (byte & 0x7f) * scale;
        if ((byte & 0x80) === 0) return { value, next: i + 1 };
        scale *= 128;
    }
    return undefined;
}
