// check decodes the pack's Analyze answers without their not-applicable lists
// (cli/analyzerClient/withoutFields.ts): the diagnostics must come out as the generated decoder
// reads them from the whole answer, and bytes that cannot be read must reach that decoder whole.
import * as proto from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryWriter } from "google-protobuf";
import { describe, expect, it } from "vitest";
import { ANALYZE_RESPONSE_UNREAD, ANALYZER_METHODS } from "../../cli/analyzerClient/policyPackProcess";
import { withoutFields } from "../../cli/analyzerClient/withoutFields";

function diagnostic(policy: string, message: string): proto.AnalyzeDiagnostic {
    const d = new proto.AnalyzeDiagnostic();
    d.setPolicyname(policy);
    d.setPolicypackname("trailguard");
    d.setMessage(message);
    d.setUrn("urn:pulumi:dev::trailguard::aws:s3/bucket:Bucket::logs");
    d.setEnforcementlevel(proto.EnforcementLevel.MANDATORY);
    return d;
}

function notApplicable(policy: string): proto.PolicyNotApplicable {
    const n = new proto.PolicyNotApplicable();
    n.setPolicyName(policy);
    n.setReason("Policy only applies to resources of type 'aws:cloudtrail/trail:Trail'");
    return n;
}

/** One top-level field of an AnalyzeResponse, encoded as the generated code encodes it. */
function field(number: 2 | 3, message: proto.AnalyzeDiagnostic | proto.PolicyNotApplicable): Uint8Array {
    const writer = new BinaryWriter();
    if (number === 2) writer.writeMessage(2, message, proto.AnalyzeDiagnostic.serializeBinaryToWriter);
    else writer.writeMessage(3, message, proto.PolicyNotApplicable.serializeBinaryToWriter);
    return writer.getResultBuffer();
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe("an Analyze answer decoded without its not-applicable list", () => {
    it("keeps every diagnostic as the generated decoder reads it from the whole answer", () => {
        const response = new proto.AnalyzeResponse();
        response.setDiagnosticsList([diagnostic("bucket-tls", "no TLS deny"), diagnostic("trail-validation", "ümlaut 🔒")]);
        response.setNotApplicableList(["a", "b", "c"].map(notApplicable));
        const whole = proto.AnalyzeResponse.deserializeBinary(response.serializeBinary());
        const trimmed = proto.AnalyzeResponse.deserializeBinary(withoutFields(response.serializeBinary(), ANALYZE_RESPONSE_UNREAD));
        expect(whole.getNotApplicableList()).toHaveLength(3);
        expect(trimmed.getNotApplicableList()).toEqual([]);
        expect(trimmed.getDiagnosticsList().map((d) => d.toObject())).toEqual(whole.getDiagnosticsList().map((d) => d.toObject()));
        // And check decodes both kinds of answer that way.
        expect([ANALYZER_METHODS.analyze.unread, ANALYZER_METHODS.analyzeStack.unread]).toEqual([ANALYZE_RESPONSE_UNREAD, ANALYZE_RESPONSE_UNREAD]);
    });

    it("drops the list wherever its entries sit, and keeps the other fields' bytes in order", () => {
        const [d1, d2] = [field(2, diagnostic("one", "1")), field(2, diagnostic("two", "2"))];
        const interleaved = concat(field(3, notApplicable("x")), d1, field(3, notApplicable("y")), field(3, notApplicable("z")), d2);
        expect([...withoutFields(interleaved, ANALYZE_RESPONSE_UNREAD)]).toEqual([...concat(d1, d2)]);
    });

    it("keeps fields of every other wire type: a 10-byte varint, fixed64, fixed32, a group", () => {
        const writer = new BinaryWriter();
        writer.writeInt64(7, -1); // ten bytes
        writer.writeDouble(8, 1.5);
        writer.writeFixed32(9, 42);
        const others = concat(writer.getResultBuffer(), Uint8Array.of((5 << 3) | 3, (6 << 3) | 0, 1, (5 << 3) | 4));
        expect(others.length).toBe(1 + 10 + 1 + 8 + 1 + 4 + 4);
        expect([...withoutFields(concat(others, field(3, notApplicable("x"))), ANALYZE_RESPONSE_UNREAD)]).toEqual([...others]);
    });

    it("returns the very same bytes when there is nothing to drop", () => {
        const bytes = concat(field(2, diagnostic("one", "1")));
        expect(withoutFields(bytes, ANALYZE_RESPONSE_UNREAD)).toBe(bytes);
        const empty = new Uint8Array(0);
        expect(withoutFields(empty, ANALYZE_RESPONSE_UNREAD)).toBe(empty);
    });

    it("leaves bytes that cannot be read to the generated decoder, whole", () => {
        const valid = concat(field(3, notApplicable("x")), field(2, diagnostic("one", "1")));
        const truncated = valid.subarray(0, valid.length - 3);
        expect(withoutFields(truncated, ANALYZE_RESPONSE_UNREAD)).toBe(truncated);
        const strayEndGroup = concat(field(3, notApplicable("x")), Uint8Array.of((5 << 3) | 4));
        expect(withoutFields(strayEndGroup, ANALYZE_RESPONSE_UNREAD)).toBe(strayEndGroup);
        const endlessVarint = concat(field(3, notApplicable("x")), Uint8Array.of(0x80, 0x80, 0x80));
        expect(withoutFields(endlessVarint, ANALYZE_RESPONSE_UNREAD)).toBe(endlessVarint);
        // The list's field number with another wire type: not a list the generated decoder would take.
        for (const wrongWireType of [Uint8Array.of((3 << 3) | 0, 1), Uint8Array.of((3 << 3) | 5, 0, 0, 0, 0), Uint8Array.of((3 << 3) | 3, (3 << 3) | 4)]) {
            const answer = concat(field(2, diagnostic("one", "1")), wrongWireType);
            expect(withoutFields(answer, ANALYZE_RESPONSE_UNREAD)).toBe(answer);
            expect(() => proto.AnalyzeResponse.deserializeBinary(answer)).toThrow();
        }
    });
});
