// The small gRPC client `check` speaks to policy packs with (cli/analyzerClient/grpcUnaryChannel.ts),
// against @grpc/grpc-js's own server (what a pack serves with) for what a well-behaved server sends,
// and against a bare HTTP/2 server for what a broken one might. Expected codes are gRPC's
// (doc/statuscodes.md, doc/http-grpc-status-mapping.md), not read from the client.
import { spawn } from "child_process";
import * as http2 from "http2";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GrpcCallError, GrpcUnaryChannel } from "../../cli/analyzerClient/grpcUnaryChannel";
import { ANALYZER_METHODS } from "../../cli/analyzerClient/policyPackProcess";

const MAX = 1024 * 1024;
const identity = { serialize: (b: Buffer) => b, deserialize: (b: Buffer) => b };

/** A grpc-js server with raw-bytes methods: Echo, Size (the request's length), Fail (status and message from the request), Big. */
async function grpcServer(): Promise<{ server: grpc.Server; port: number }> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 64 * MAX });
    const method = (name: string) => ({ path: `/test.Echo/${name}`, requestStream: false, responseStream: false, requestSerialize: identity.serialize, requestDeserialize: identity.deserialize, responseSerialize: identity.serialize, responseDeserialize: identity.deserialize });
    server.addService(
        { Echo: method("Echo"), Size: method("Size"), Fail: method("Fail"), Big: method("Big") } as unknown as grpc.ServiceDefinition,
        {
            Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => done(null, call.request),
            Size: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => done(null, Buffer.from(String(call.request.length))),
            Fail: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
                const { code, details } = JSON.parse(call.request.toString("utf8"));
                done({ code, details } as grpc.ServiceError, null);
            },
            Big: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => done(null, Buffer.alloc(MAX + 1, 7)),
        },
    );
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return { server, port };
}

/** A bare HTTP/2 server that answers every stream with `respond`. */
async function rawServer(respond: (stream: http2.ServerHttp2Stream) => void): Promise<{ server: http2.Http2Server; port: number }> {
    const server = http2.createServer();
    server.on("stream", (stream) => {
        // The cases that reset or drop end the server's side of the stream with an error too.
        stream.on("error", () => undefined);
        stream.on("data", () => undefined);
        stream.on("end", () => respond(stream));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, port: (server.address() as { port: number }).port };
}

function failure(promise: Promise<unknown>): Promise<GrpcCallError> {
    return promise.then(
        () => {
            throw new Error("expected the call to fail");
        },
        (err: unknown) => {
            expect(err).toBeInstanceOf(GrpcCallError);
            return err as GrpcCallError;
        },
    );
}

describe("a unary call to a gRPC server (@grpc/grpc-js)", () => {
    let served: { server: grpc.Server; port: number };
    let channel: GrpcUnaryChannel;
    beforeAll(async () => {
        served = await grpcServer();
        channel = new GrpcUnaryChannel(`127.0.0.1:${served.port}`, MAX);
    });
    afterAll(() => {
        channel.close();
        served.server.forceShutdown();
    });

    it("returns the response's bytes: empty, small, and spread over several HTTP/2 frames", async () => {
        const several = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
        for (const request of [Buffer.alloc(0), Buffer.from("analyze me"), several]) {
            expect(Buffer.compare(await channel.call("/test.Echo/Echo", request), request)).toBe(0);
        }
    });

    it("sends a request larger than HTTP/2's flow-control windows whole (5 MiB)", async () => {
        expect((await channel.call("/test.Echo/Size", Buffer.alloc(5 * MAX, 3))).toString()).toBe(String(5 * MAX));
    });

    it("keeps 200 concurrent calls' answers apart", async () => {
        const requests = Array.from({ length: 200 }, (_, i) => Buffer.from(`request ${i}`));
        const answers = await Promise.all(requests.map((r) => channel.call("/test.Echo/Echo", r)));
        expect(answers.map((a) => a.toString())).toEqual(requests.map((r) => r.toString()));
    });

    it("reports the server's status code and its message, percent-decoded (non-ASCII and '%' included)", async () => {
        const details = "policy crashed: 100% sure, naïve → ✗";
        const failed = await failure(channel.call("/test.Echo/Fail", Buffer.from(JSON.stringify({ code: 5, details }))));
        expect(failed.code).toBe(5); // NOT_FOUND
        expect(failed.details).toBe(details);
    });

    it("reports a method the server does not have as UNIMPLEMENTED", async () => {
        expect((await failure(channel.call("/test.Echo/Nothing", Buffer.alloc(0)))).code).toBe(12);
    });

    it("refuses a response larger than its limit with RESOURCE_EXHAUSTED", async () => {
        expect((await failure(channel.call("/test.Echo/Big", Buffer.alloc(0)))).code).toBe(8);
        // The connection still serves the next call.
        expect((await channel.call("/test.Echo/Echo", Buffer.from("after"))).toString()).toBe("after");
    });
});

describe("a unary call to a server that breaks the protocol or goes away", () => {
    const cases: { what: string; respond: (stream: http2.ServerHttp2Stream) => void; code: number }[] = [
        { what: "HTTP 503 without a gRPC status", respond: (s) => s.respond({ ":status": 503 }, { endStream: true }), code: 14 },
        { what: "HTTP 404 without a gRPC status", respond: (s) => s.respond({ ":status": 404 }, { endStream: true }), code: 12 },
        { what: "HTTP 401 without a gRPC status", respond: (s) => s.respond({ ":status": 401 }, { endStream: true }), code: 16 },
        { what: "HTTP 418 without a gRPC status", respond: (s) => s.respond({ ":status": 418 }, { endStream: true }), code: 2 },
        {
            what: "a 200 response that ends without a gRPC status",
            respond: (s) => {
                s.respond({ ":status": 200, "content-type": "application/grpc" });
                s.end(Buffer.from([0, 0, 0, 0, 0]));
            },
            code: 2,
        },
        {
            what: "a compressed message though none was offered",
            respond: (s) => {
                s.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
                s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "0" }));
                s.end(Buffer.from([1, 0, 0, 0, 1, 9]));
            },
            code: 13,
        },
        {
            what: "two messages for a unary call",
            respond: (s) => {
                s.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
                s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "0" }));
                s.end(Buffer.from([0, 0, 0, 0, 1, 9, 0, 0, 0, 0, 1, 9]));
            },
            code: 13,
        },
        {
            what: "a gRPC status that is not a number (empty)",
            respond: (s) => {
                s.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
                s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "" }));
                s.end(Buffer.from([0, 0, 0, 0, 0]));
            },
            code: 2,
        },
        { what: "a reset stream", respond: (s) => s.close(http2.constants.NGHTTP2_INTERNAL_ERROR), code: 14 },
        { what: "a dropped connection", respond: (s) => s.session?.destroy(), code: 14 },
    ];
    for (const { what, respond, code } of cases) {
        it(`reports ${what} as code ${code}`, async () => {
            const { server, port } = await rawServer(respond);
            const channel = new GrpcUnaryChannel(`127.0.0.1:${port}`, MAX);
            try {
                expect((await failure(channel.call("/test.Echo/Echo", Buffer.from("x")))).code).toBe(code);
            } finally {
                channel.close();
                server.close();
            }
        });
    }

    it("reports a refused connection as UNAVAILABLE, and so does a call after close()", async () => {
        const { server, port } = await rawServer(() => undefined);
        await new Promise((resolve) => server.close(resolve));
        const channel = new GrpcUnaryChannel(`127.0.0.1:${port}`, MAX);
        expect((await failure(channel.call("/test.Echo/Echo", Buffer.from("x")))).code).toBe(14);
        channel.close();
        expect((await failure(channel.call("/test.Echo/Echo", Buffer.from("x")))).code).toBe(14);
    });

    it("does not keep the process alive once its calls are answered", async () => {
        const { server, port } = await grpcServer();
        try {
            // A child that calls once and never closes the channel must still exit by itself.
            const channelModule = path.join(__dirname, "..", "..", "dist", "cli", "analyzerClient", "grpcUnaryChannel.js");
            const script = `const { GrpcUnaryChannel } = require(${JSON.stringify(channelModule)});
                new GrpcUnaryChannel("127.0.0.1:${port}", 1024).call("/test.Echo/Echo", Buffer.from("hi")).then((b) => console.log(b.toString()));`;
            const child = await new Promise<{ stdout: string; status: number | null }>((resolve) => {
                const run = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
                let stdout = "";
                run.stdout.on("data", (d: Buffer) => (stdout += d));
                const timer = setTimeout(() => run.kill("SIGKILL"), 20_000);
                run.on("exit", (status: number | null) => {
                    clearTimeout(timer);
                    resolve({ stdout, status });
                });
            });
            expect(child).toEqual({ stdout: "hi\n", status: 0 });
        } finally {
            server.forceShutdown();
        }
    });
});

describe("the Analyzer methods check calls", () => {
    it("have the paths and response classes of the generated service definition", () => {
        const service = (analyzerGrpc as any).AnalyzerService;
        for (const [name, method] of Object.entries(ANALYZER_METHODS)) {
            const generated = Object.values(service).find((m: any) => m.path === method.path) as any;
            expect(generated, `${name}: ${method.path}`).toBeDefined();
            expect(method.response, name).toBe(generated.responseType);
        }
    });
});
