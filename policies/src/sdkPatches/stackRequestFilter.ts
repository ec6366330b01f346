// AnalyzeStack speed on large stacks. The engine sends every resource of the stack; @pulumi/policy's
// server decodes all of them from protobuf and then walks the list once per stack policy
// (server.js, makeAnalyzeStackRpcFun). Every stack policy of this pack reads only the resource types
// of a CloudTrail setup (stackGraph.ts RELEVANT_TYPES; the graph drops all others), so the pack
// drops the other resources from the request's bytes before they are decoded: a 10,000-resource
// stack then costs what its audit-relevant resources cost, and the verdict is the same.
// Anything this code cannot read is kept and decoded as before: correct, only slower. SDK internals
// relied on: the server decodes requests with AnalyzeStackRequest.deserializeBinary of the
// @pulumi/pulumi/proto/analyzer_pb that @pulumi/policy resolves, analyzer.proto's field numbers, and
// google-protobuf's BinaryReader (core/protobufFields.ts). Installed by index.ts.
import * as path from "path";
import { EXCEPTION_CARRIER_TYPE } from "../../../core/acceptedExceptions";
import { LENGTH_DELIMITED, UNREADABLE, WireReader, WireReaderFactory, withoutTopLevelFields } from "../../../core/protobufFields";
import { RELEVANT_TYPES } from "../stackGraph";

// The stack resource too: stack-wide findings are reported against its URN. And the component
// whose outputs list the accepted exceptions (core/acceptedExceptions.ts).
export const KEPT_TYPES: ReadonlySet<string> = new Set([...RELEVANT_TYPES, "pulumi:pulumi:Stack", EXCEPTION_CARRIER_TYPE]);

// Field numbers from pulumi's analyzer.proto.
const RESOURCES_FIELD = 1; // AnalyzeStackRequest.resources
const TYPE_FIELD = 1; // AnalyzerResource.type
const START_GROUP = 3; // deprecated; nothing in analyzer.proto is a group: a resource holding one is left to the SDK's decoder

/**
 * The `type` of an encoded AnalyzerResource: the last one when the field repeats, as protobuf
 * decoders take it; undefined when absent. Every field is stepped over, so that a resource the SDK
 * could not decode is not dropped unnoticed.
 */
function resourceType(resource: Uint8Array, reader: WireReaderFactory): string | undefined | typeof UNREADABLE {
    const fields = reader(resource);
    let type: string | undefined;
    while (fields.nextField()) {
        if (fields.isEndGroup() || fields.getWireType() === START_GROUP) return UNREADABLE;
        if (fields.getFieldNumber() === TYPE_FIELD && fields.getWireType() === LENGTH_DELIMITED) type = fields.readString();
        else fields.skipField();
    }
    return fields.getError() || fields.getCursor() !== resource.length ? UNREADABLE : type;
}

/**
 * An encoded AnalyzeStackRequest without the resources whose type is not kept; every other field
 * and every kept resource is copied byte for byte, in order. Returns `request` itself when nothing
 * is dropped, and also when the bytes cannot be read, so that the SDK's decoder reports the error.
 */
export function dropResourcesNotOfTypes(request: Uint8Array, kept: ReadonlySet<string>, reader: WireReaderFactory): Uint8Array {
    return withoutTopLevelFields(request, reader, (field) => {
        if (field.getFieldNumber() !== RESOURCES_FIELD || field.getWireType() !== LENGTH_DELIMITED) {
            field.skipField();
            return false;
        }
        const type = resourceType(field.readBytes(), reader);
        return type === UNREADABLE ? UNREADABLE : type !== undefined && !kept.has(type);
    });
}

interface AnalyzeStackRequestClass {
    deserializeBinary(bytes: Uint8Array): unknown;
}

/**
 * Makes the policy server decode only the audit-relevant resources of each AnalyzeStack request.
 * Patches the request class of the proto module the server itself uses, resolved from its location.
 */
export function analyzeOnlyAuditResources(): boolean {
    let requestClass: AnalyzeStackRequestClass | undefined;
    let readerClass: (new (bytes: Uint8Array) => WireReader) | undefined;
    try {
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const protoPath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] });
        requestClass = require(protoPath).AnalyzeStackRequest;
        const jspbPath = require.resolve("google-protobuf", { paths: [path.dirname(protoPath)] });
        readerClass = require(jspbPath).BinaryReader;
    } catch {
        return false;
    }
    const original = requestClass?.deserializeBinary;
    if (!requestClass || typeof original !== "function" || typeof readerClass !== "function") return false;
    const Reader = readerClass;
    const newReader: WireReaderFactory = (bytes) => new Reader(bytes);
    requestClass.deserializeBinary = function (bytes: Uint8Array) {
        return original.call(this, dropResourcesNotOfTypes(bytes, KEPT_TYPES, newReader));
    };
    return true;
}
