// Analyze and AnalyzeStack requests encoded ahead of the call (e.g. while the pack is busy), as
// messages of the generated classes that send the bytes analyzerRequestBytes.ts writes.
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type { RenderedResource } from "../mockEngine/renderedStackFormat";
import { analyzeRequestBytes, analyzeStackRequestBytes } from "./analyzerRequestBytes";

const proto: any = analyzerProto;

/**
 * An empty message of the request's class (the generated client checks the class) that sends
 * `bytes` as its encoding; grpc-js sends them as they are.
 */
function sendingBytes<T extends { serializeBinary(): Uint8Array }>(message: T, bytes: Uint8Array): T {
    message.serializeBinary = () => bytes;
    return message;
}

/**
 * An AnalyzeStack request encoded to protobuf once, for sending the same stack to several packs or
 * many times without re-encoding it each time (the engine, too, hands a pack bytes it encoded once).
 */
export class EncodedStackRequest {
    constructor(readonly message: unknown) {}
}

export function encodeStackRequest(resources: readonly RenderedResource[]): EncodedStackRequest {
    return new EncodedStackRequest(sendingBytes(new proto.AnalyzeStackRequest(), analyzeStackRequestBytes(resources)));
}

/** An Analyze request for one resource, encoded ahead of the call (e.g. while the pack is busy). */
export class EncodedAnalyzeRequest {
    constructor(
        readonly message: { serializeBinary(): Uint8Array },
        /** The bytes sent: equal bytes, equal request. */
        readonly bytes: Uint8Array,
    ) {}
}

export function encodeAnalyzeRequest(resource: RenderedResource): EncodedAnalyzeRequest {
    const bytes = analyzeRequestBytes(resource);
    return new EncodedAnalyzeRequest(sendingBytes(new proto.AnalyzeRequest(), bytes), bytes);
}
