// An encoded protobuf message without some of its top-level fields, for decoding only what is read.
// The pack's Analyze and AnalyzeStack answers list every policy that does not apply to the resource
// (~30 entries each); check reads only the diagnostics, and decoding those entries into message
// objects was ~60 ms of the CLI's CPU in a check of the shipped stacks. A dropped field's contents
// are not checked. Bytes that cannot be read (a truncated field, or a dropped field that is not
// length-delimited, as every message field is) are returned whole, for the generated decoder to judge.
import { BinaryReader } from "google-protobuf";
import { LENGTH_DELIMITED, UNREADABLE, WireReader, withoutTopLevelFields } from "../../core/protobufFields";

const newReader = (bytes: Uint8Array) => new BinaryReader(bytes) as unknown as WireReader;

/** `bytes` without the (message) fields numbered `fields`; the same array when none is there or they cannot be read. */
export function withoutFields(bytes: Uint8Array, fields: ReadonlySet<number>): Uint8Array {
    return withoutTopLevelFields(bytes, newReader, (field) => {
        const drop = fields.has(field.getFieldNumber());
        if (drop && field.getWireType() !== LENGTH_DELIMITED) return UNREADABLE;
        field.skipField();
        return drop;
    });
}
