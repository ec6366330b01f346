// Unary gRPC calls over Node's own HTTP/2, for the engine's side of the Analyzer service. The wire
// format is gRPC's (grpc/grpc, doc/PROTOCOL-HTTP2.md): a POST to /<service>/<method> with
// `content-type: application/grpc` and `te: trailers`, the request as one length-prefixed message
// (a compression flag byte, a 4-byte big-endian length, the protobuf bytes), and the status in
// `grpc-status`/`grpc-message` trailers (or in the headers of a Trailers-Only response). The pack's
// server is the real one (@pulumi/policy's, on @grpc/grpc-js); only this side is small. Why not
// @grpc/grpc-js here as well: it takes ~70 ms to load and ~0.35 ms more CPU per call, and `check`
// makes ~380 calls per run on two cores it shares with the pack and the render worker.
import * as http2 from "http2";

/** The gRPC status codes this client produces or callers test for (PROTOCOL-HTTP2.md, statuscodes.md). */
export const GrpcStatus = {
    OK: 0,
    UNKNOWN: 2,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    UNIMPLEMENTED: 12,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    UNAUTHENTICATED: 16,
} as const;

/** A call that ended with a status other than OK. */
export class GrpcCallError extends Error {
    constructor(
        readonly code: number,
        readonly details: string,
    ) {
        super(`${code} ${codeName(code)}: ${details}`);
        this.name = "GrpcCallError";
    }
}

/** One HTTP/2 connection to a gRPC server, opened on the first call and reopened after it drops. */
export class GrpcUnaryChannel {
    private session?: http2.ClientHttp2Session;
    private inFlight = 0;
    private closed = false;

    constructor(
        /** host:port */
        private readonly authority: string,
        /** The largest response message accepted; larger ones fail with RESOURCE_EXHAUSTED. */
        private readonly maxMessageBytes: number,
    ) {}

    /** Sends `request` (protobuf bytes) to `path` (`/package.Service/Method`) and resolves with the response's bytes. */
    call(path: string, request: Uint8Array): Promise<Buffer> {
        if (this.closed) return Promise.reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, "the channel is closed"));
        const session = this.connected();
        if (this.inFlight++ === 0) session.ref();
        return new Promise<Buffer>((resolve, reject) => {
            const stream = session.request({
                ":method": "POST",
                ":path": path,
                "content-type": "application/grpc",
                te: "trailers",
                "user-agent": "trailguard",
            });
            let headers: http2.IncomingHttpHeaders | undefined;
            let trailers: http2.IncomingHttpHeaders | undefined;
            let transportError: Error | undefined;
            let failure: GrpcCallError | undefined;
            const chunks: Buffer[] = [];
            let received = 0;
            stream.on("response", (h) => (headers = h));
            stream.on("trailers", (t) => (trailers = t));
            stream.on("data", (chunk: Buffer) => {
                received += chunk.length;
                if (received > this.maxMessageBytes + 5 && !failure) {
                    failure = new GrpcCallError(GrpcStatus.RESOURCE_EXHAUSTED, `response larger than ${this.maxMessageBytes} bytes`);
                    stream.close(http2.constants.NGHTTP2_CANCEL);
                    return;
                }
                chunks.push(chunk);
            });
            stream.on("error", (err) => (transportError = err));
            stream.on("close", () => {
                if (--this.inFlight === 0 && !session.destroyed) session.unref();
                try {
                    if (failure) throw failure;
                    resolve(responseMessage(headers, trailers, Buffer.concat(chunks), transportError, stream.rstCode));
                } catch (err) {
                    reject(err);
                }
            });
            const frame = Buffer.allocUnsafe(5 + request.byteLength);
            frame[0] = 0; // not compressed
            frame.writeUInt32BE(request.byteLength, 1);
            frame.set(request, 5);
            stream.end(frame);
        });
    }

    /** Closes the connection; calls in flight still finish. */
    close(): void {
        this.closed = true;
        this.session?.close();
    }

    private connected(): http2.ClientHttp2Session {
        if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
        const session = http2.connect(`http://${this.authority}`, { maxSessionMemory: Math.ceil((2 * this.maxMessageBytes) / 1024 / 1024) });
        // A refused or dropped connection fails its calls (each stream sees it); nothing more to do here.
        session.on("error", () => undefined);
        session.on("close", () => {
            if (this.session === session) this.session = undefined;
        });
        session.unref();
        this.session = session;
        return session;
    }
}

/** The response message of a finished stream, or the GrpcCallError its status says. */
function responseMessage(
    headers: http2.IncomingHttpHeaders | undefined,
    trailers: http2.IncomingHttpHeaders | undefined,
    body: Buffer,
    transportError: Error | undefined,
    rstCode: number | undefined,
): Buffer {
    // Trailers-Only responses (most errors) carry the status in the headers.
    const status = trailers?.["grpc-status"] ?? headers?.["grpc-status"];
    if (status === undefined) {
        // Node gives :status as a number, though its type says string.
        const httpStatus = headers ? Number(headers[":status"]) : undefined;
        if (httpStatus !== undefined && httpStatus !== 200) {
            throw new GrpcCallError(codeOfHttpStatus(httpStatus), `HTTP status ${httpStatus} without a gRPC status`);
        }
        // The call never completed: the connection dropped or the stream was reset.
        if (transportError) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, transportError.message);
        if (rstCode) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, `stream reset with HTTP/2 error code ${rstCode}`);
        if (!headers) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, "the stream closed before any response");
        throw new GrpcCallError(GrpcStatus.UNKNOWN, "the response ended without a gRPC status");
    }
    // Digits only: Number("") would read an empty status as OK.
    const code = typeof status === "string" && /^\d+$/.test(status) ? Number(status) : GrpcStatus.UNKNOWN;
    if (code !== GrpcStatus.OK) {
        const message = trailers?.["grpc-message"] ?? headers?.["grpc-message"];
        throw new GrpcCallError(code, percentDecoded(typeof message === "string" ? message : ""));
    }
    if (body.length < 5) throw new GrpcCallError(GrpcStatus.INTERNAL, `status OK with ${body.length} bytes of response, not one message`);
    if (body[0] !== 0) throw new GrpcCallError(GrpcStatus.INTERNAL, "compressed response, though this client accepts no compression");
    const length = body.readUInt32BE(1);
    if (body.length !== 5 + length) {
        throw new GrpcCallError(GrpcStatus.INTERNAL, `response of ${body.length - 5} bytes after its prefix, which announced ${length}: not one message`);
    }
    return body.subarray(5);
}

/** grpc-message is percent-encoded UTF-8; a malformed one is shown as it came. */
function percentDecoded(message: string): string {
    try {
        return decodeURIComponent(message);
    } catch {
        return message;
    }
}

/** PROTOCOL-HTTP2.md's mapping for responses that carry an HTTP status but no gRPC status. */
function codeOfHttpStatus(httpStatus: number): number {
    switch (httpStatus) {
        case 400:
            return GrpcStatus.INTERNAL;
        case 401:
            return GrpcStatus.UNAUTHENTICATED;
        case 403:
            return GrpcStatus.PERMISSION_DENIED;
        case 404:
            return GrpcStatus.UNIMPLEMENTED;
        case 429:
        case 502:
        case 503:
        case 504:
            return GrpcStatus.UNAVAILABLE;
        default:
            return GrpcStatus.UNKNOWN;
    }
}

function codeName(code: number): string {
    return Object.entries(GrpcStatus).find(([, value]) => value === code)?.[0] ?? "status";
}
