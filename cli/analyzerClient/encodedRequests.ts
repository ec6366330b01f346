// Analyze and AnalyzeStack requests encoded ahead of the call (e.g. while the pack is busy): the
// protobuf bytes analyzerRequestBytes.ts writes, sent as they are.
import type { RenderedResource } from "../mockEngine/renderedStackFormat";
import { analyzeRequestBytes, analyzeStackRequestBytes } from "./analyzerRequestBytes";

/**
 * An AnalyzeStack request encoded to protobuf once, for sending the same stack to several packs or
 * many times without re-encoding it each time (the engine, too, hands a pack bytes it encoded once).
 */
export class EncodedStackRequest {
    constructor(readonly bytes: Uint8Array) {}
}

export function encodeStackRequest(resources: readonly RenderedResource[]): EncodedStackRequest {
    return new EncodedStackRequest(analyzeStackRequestBytes(resources));
}

/** An Analyze request for one resource, encoded ahead of the call (e.g. while the pack is busy). */
export class EncodedAnalyzeRequest {
    constructor(
        /** The bytes sent: equal bytes, equal request. */
        readonly bytes: Uint8Array,
    ) {}
}

export function encodeAnalyzeRequest(resource: RenderedResource): EncodedAnalyzeRequest {
    return new EncodedAnalyzeRequest(analyzeRequestBytes(resource));
}
