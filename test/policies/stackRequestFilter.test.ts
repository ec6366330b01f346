// The pack drops resources of types its stack policies never read from AnalyzeStack requests before
// the policy SDK decodes them (policies/src/sdkPatches/stackRequestFilter.ts). The filter works on
// protobuf bytes, so these tests encode requests with the SDK's own proto classes and check what
// survives.
import { execFileSync } from "child_process";
import * as path from "path";
import { BinaryReader, BinaryWriter } from "google-protobuf";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import type { WireReaderFactory } from "../../core/protobufFields";
import { dropResourcesNotOfTypes, KEPT_TYPES } from "../../policies/src/sdkPatches/stackRequestFilter";
import { repositoryRoot } from "./support";

const proto: any = analyzerProto;
const newReader: WireReaderFactory = (bytes) => new BinaryReader(bytes) as any;

const STACK = "pulumi:pulumi:Stack";
const BUCKET = "aws:s3/bucketV2:BucketV2";
const TRAIL = "aws:cloudtrail/trail:Trail";
// A type no policy reads (the pack reads roles: a trail's CloudWatch Logs delivery role).
const ROLE = "aws:iam/user:User";
const INSTANCE = "aws:ec2/instance:Instance";

function resource(type: string, name: string, dependsOn: string[] = []): any {
    const r = new proto.AnalyzerResource();
    r.setType(type);
    r.setUrn(`urn:pulumi:dev::p::${type}::${name}`);
    r.setName(name);
    r.setProperties(Struct.fromJavaScript({ name, tags: { team: "audit" }, list: [1, "two", true] }));
    r.setDependenciesList(dependsOn);
    const deps = new proto.AnalyzerPropertyDependencies();
    deps.setUrnsList(dependsOn);
    if (dependsOn.length > 0) r.getPropertydependenciesMap().set("bucket", deps);
    const options = new proto.AnalyzerResourceOptions();
    options.setProtect(name.includes("protected"));
    r.setOptions(options);
    return r;
}

function request(resources: any[]): Uint8Array {
    const req = new proto.AnalyzeStackRequest();
    req.setResourcesList(resources);
    return req.serializeBinary();
}

/** An AnalyzerResource written field by field (string fields only), in the order given. */
function encodedFields(fields: [number, string][]): Uint8Array {
    const writer = new BinaryWriter();
    for (const [field, value] of fields) writer.writeString(field, value);
    return writer.getResultBuffer();
}

function decoded(bytes: Uint8Array): any[] {
    return proto.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList().map((r: any) => r.toObject());
}

describe("AnalyzeStack request filter", () => {
    it("keeps exactly the audit-relevant resources, in order and byte for byte", () => {
        const all = [
            resource(ROLE, "app-role"),
            resource(STACK, "dev"),
            resource(INSTANCE, "web"),
            resource(BUCKET, "audit-protected"),
            resource(ROLE, "other"),
            resource(TRAIL, "trail", ["urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::audit-protected"]),
            resource(INSTANCE, "db"),
        ];
        const filtered = dropResourcesNotOfTypes(request(all), KEPT_TYPES, newReader);
        const expected = all.filter((r) => KEPT_TYPES.has(r.getType())).map((r) => r.toObject());
        expect(expected.map((r) => r.type)).toEqual([STACK, BUCKET, TRAIL]);
        expect(decoded(filtered)).toEqual(expected);
    });

    it("returns the request itself when nothing is dropped", () => {
        const bytes = request([resource(STACK, "dev"), resource(TRAIL, "trail")]);
        expect(dropResourcesNotOfTypes(bytes, KEPT_TYPES, newReader)).toBe(bytes);
    });

    it("finds the type wherever an encoder put it, and keeps a resource without a type", () => {
        // Encoders may write fields in any order: urn (3) and name (4) before type (1).
        const outer = new BinaryWriter();
        outer.writeBytes(1, encodedFields([[3, "urn:a"], [4, "a"], [1, ROLE]]));
        outer.writeBytes(1, encodedFields([[3, "urn:b"], [4, "b"], [1, BUCKET]]));
        outer.writeBytes(1, encodedFields([[3, "urn:c"], [4, "c"]]));
        const filtered = dropResourcesNotOfTypes(outer.getResultBuffer(), KEPT_TYPES, newReader);
        expect(decoded(filtered).map((r) => [r.urn, r.type])).toEqual([
            ["urn:b", BUCKET],
            ["urn:c", ""],
        ]);
    });

    it("judges a resource by its last type field, as protobuf decoders do", () => {
        const outer = new BinaryWriter();
        outer.writeBytes(1, encodedFields([[1, ROLE], [3, "urn:t"], [1, TRAIL]]));
        outer.writeBytes(1, encodedFields([[1, TRAIL], [3, "urn:r"], [1, ROLE]]));
        const filtered = dropResourcesNotOfTypes(outer.getResultBuffer(), KEPT_TYPES, newReader);
        expect(decoded(filtered).map((r) => [r.urn, r.type])).toEqual([["urn:t", TRAIL]]);
    });

    it("never drops a resource it cannot read, so the SDK's decoder still rejects the request", () => {
        // A Role whose urn field claims 80 bytes and has 1: the SDK's decoder must still see it and fail.
        const truncatedRole = Uint8Array.from([...encodedFields([[1, ROLE]]), 0x1a, 0x50, 0x41]);
        // A Role with a (deprecated) group field, which the SDK's decoder rejects.
        const groupedRole = Uint8Array.from([0x2b, 0x08, 0x01, 0x2c, ...encodedFields([[1, ROLE]])]);
        for (const bad of [truncatedRole, groupedRole]) {
            const outer = new BinaryWriter();
            outer.writeBytes(1, bad);
            outer.writeBytes(1, encodedFields([[1, TRAIL], [3, "urn:t"]]));
            const bytes = outer.getResultBuffer();
            expect(() => decoded(bytes)).toThrow();
            expect(() => decoded(dropResourcesNotOfTypes(bytes, KEPT_TYPES, newReader))).toThrow();
        }
    });

    it("passes fields it does not know through unchanged", () => {
        const outer = new BinaryWriter();
        outer.writeBytes(1, resource(ROLE, "r").serializeBinary());
        outer.writeString(9, "a field from a newer engine");
        outer.writeBytes(1, resource(BUCKET, "b").serializeBinary());
        const filtered = dropResourcesNotOfTypes(outer.getResultBuffer(), KEPT_TYPES, newReader);
        const fields: [number, string][] = [];
        const reader = new BinaryReader(filtered);
        while (reader.nextField()) {
            const field = reader.getFieldNumber();
            fields.push([field, field === 9 ? reader.readString() : proto.AnalyzerResource.deserializeBinary(reader.readBytes()).getType()]);
        }
        expect(fields).toEqual([
            [9, "a field from a newer engine"],
            [1, BUCKET],
        ]);
    });

    it("leaves bytes it cannot read to the SDK's decoder", () => {
        const bytes = request([resource(ROLE, "r"), resource(BUCKET, "b")]);
        const truncated = bytes.subarray(0, bytes.length - 5);
        expect(dropResourcesNotOfTypes(truncated, KEPT_TYPES, newReader)).toBe(truncated);
        const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x07]);
        expect(dropResourcesNotOfTypes(garbage, KEPT_TYPES, newReader)).toBe(garbage);
    });

    it("is installed on the proto module the policy SDK decodes with", () => {
        // A fresh process, as in the pack: install, then decode a request the way the gRPC server does.
        const script = `
            const ok = require(${JSON.stringify(path.join(repositoryRoot, "policies", "bin", "policies", "src", "sdkPatches", "stackRequestFilter.js"))}).analyzeOnlyAuditResources();
            const policyDir = require("path").dirname(require.resolve("@pulumi/policy"));
            const pb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }));
            const req = pb.AnalyzeStackRequest.deserializeBinary(Buffer.from(process.argv[1], "base64"));
            console.log(JSON.stringify({ ok, types: req.getResourcesList().map((r) => r.getType()) }));`;
        const bytes = request([resource(ROLE, "r"), resource(STACK, "dev"), resource(INSTANCE, "i"), resource(TRAIL, "t")]);
        const out = execFileSync(process.execPath, ["-e", script, Buffer.from(bytes).toString("base64")], {
            cwd: path.join(repositoryRoot, "policies"),
            encoding: "utf8",
        });
        expect(JSON.parse(out)).toEqual({ ok: true, types: [STACK, TRAIL] });
    });
});
