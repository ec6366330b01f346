// Dropping top-level fields from an encoded protobuf message, without decoding the rest: the pack
// drops AnalyzeStack resources no stack policy reads before the SDK decodes them
// (policies/src/sdkPatches/stackRequestFilter.ts), and check drops the not-applicable lists of the
// pack's answers, which it never reads (cli/analyzerClient/policyPackProcess.ts). Fields are read
// with google-protobuf's BinaryReader, the reader the generated code decodes with; the caller
// passes it in, so that this module loads nothing.

/** The wire type of strings, bytes and messages. */
export const LENGTH_DELIMITED = 2;

/** The part of google-protobuf's BinaryReader used here. */
export interface WireReader {
    nextField(): boolean;
    isEndGroup(): boolean;
    getFieldNumber(): number;
    getWireType(): number;
    getFieldCursor(): number;
    getCursor(): number;
    skipField(): void;
    readBytes(): Uint8Array;
    readString(): string;
    getError(): boolean;
}

export type WireReaderFactory = (bytes: Uint8Array) => WireReader;

/** What `drop` answers for a field it cannot judge: the message then goes on whole. */
export const UNREADABLE = Symbol("unreadable");

/**
 * `bytes` without the top-level fields `drop` picks; every other field is copied byte for byte, in
 * order. `drop` is called with the reader on each field's tag and must read or skip the field.
 * Returns `bytes` itself when nothing is dropped, and also when the bytes cannot be read or `drop`
 * answers UNREADABLE, so that the generated decoder reports what is wrong with them.
 */
export function withoutTopLevelFields(bytes: Uint8Array, reader: WireReaderFactory, drop: (field: WireReader) => boolean | typeof UNREADABLE): Uint8Array {
    const kept: [number, number][] = [];
    let dropped = false;
    try {
        const fields = reader(bytes);
        while (fields.nextField()) {
            if (fields.isEndGroup()) return bytes;
            const start = fields.getFieldCursor();
            const verdict = drop(fields);
            if (verdict === UNREADABLE) return bytes;
            if (verdict) {
                dropped = true;
                continue;
            }
            const end = fields.getCursor();
            const last = kept[kept.length - 1];
            if (last && last[1] === start) last[1] = end;
            else kept.push([start, end]);
        }
        // A reader stops at the first malformed field without throwing: then keep everything.
        if (fields.getError() || fields.getCursor() !== bytes.length) return bytes;
    } catch {
        return bytes;
    }
    if (!dropped) return bytes;
    const out = new Uint8Array(kept.reduce((n, [s, e]) => n + e - s, 0));
    let offset = 0;
    for (const [s, e] of kept) {
        out.set(bytes.subarray(s, e), offset);
        offset += e - s;
    }
    return out;
}
