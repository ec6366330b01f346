// Analyze speed: every answer of @pulumi/policy's server lists each policy that does not apply to
// the resource, with its reason (server.js pushNotApplicable), ~30 entries per answer in this pack;
// encoding those strings was the largest single cost of answering (~50 ms of the pack's CPU in a
// check of the shipped stacks). The entries repeat from answer to answer, so each distinct one is
// encoded once, by the generated code itself, and its bytes are reused: the answer's bytes are the
// same, only written faster. Distinct entries are few (a policy name and a fixed reason); past
// MAX_CACHED (a policy whose reason names the resource) the rest are encoded as before. SDK
// internals relied on: AnalyzeResponse.serializeBinaryToWriter looks up
// PolicyNotApplicable.serializeBinaryToWriter on the class at each call, in the
// @pulumi/pulumi/proto/analyzer_pb that @pulumi/policy resolves, and google-protobuf's BinaryWriter
// copies a message's bytes with writeSerializedMessage. Installed by index.ts.
import * as path from "path";

/** Distinct (policy, reason) entries kept at most. */
export const MAX_CACHED = 1000;

interface NotApplicableMessage {
    getPolicyName(): string;
    getReason(): string;
}

interface Writer {
    writeSerializedMessage(bytes: Uint8Array, start: number, end: number): void;
    getResultBuffer(): Uint8Array;
}

type SerializeToWriter = (message: NotApplicableMessage, writer: Writer) => void;

/** Returns whether the patch is in place. */
export function reuseNotApplicableBytes(): boolean {
    let notApplicableClass: { serializeBinaryToWriter?: SerializeToWriter } | undefined;
    let Writer: (new () => Writer) | undefined;
    try {
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const protoPath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] });
        notApplicableClass = require(protoPath).PolicyNotApplicable;
        Writer = require(require.resolve("google-protobuf", { paths: [path.dirname(protoPath)] })).BinaryWriter;
    } catch {
        return false;
    }
    const original = notApplicableClass?.serializeBinaryToWriter;
    if (!notApplicableClass || typeof original !== "function" || typeof Writer !== "function") return false;
    if (typeof Writer.prototype.writeSerializedMessage !== "function") return false;
    const NewWriter = Writer;
    // policy name -> reason -> the entry's encoded fields
    const encoded = new Map<string, Map<string, Uint8Array>>();
    let cached = 0;
    notApplicableClass.serializeBinaryToWriter = function (message, writer) {
        const policy = message.getPolicyName();
        const reason = message.getReason();
        let bytes = encoded.get(policy)?.get(reason);
        if (bytes === undefined) {
            if (cached >= MAX_CACHED) return original.call(this, message, writer);
            const own = new NewWriter();
            original.call(this, message, own);
            bytes = own.getResultBuffer();
            let reasons = encoded.get(policy);
            if (reasons === undefined) encoded.set(policy, (reasons = new Map()));
            reasons.set(reason, bytes);
            cached++;
        }
        writer.writeSerializedMessage(bytes, 0, bytes.length);
    };
    return true;
}
