// The speed patches that rely on SDK internals (policies/src/sdkPatches/) were written against the
// exact versions in PATCHED_SDK_VERSIONS. These tests fail when the pinned or installed SDK moves
// away from them, and check that an install on any other version leaves the SDK alone. The installs
// run in a fresh Node process each, as in the pack and the render workers.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { describe, expect, it } from "vitest";
import { checkSdkVersions, DEFER_AWS_SERVICES_ENV, PATCHED_SDK_VERSIONS, SdkPackage } from "../../policies/src/sdkPatches";
import { repositoryRoot } from "./support";

const PACKAGES = Object.keys(PATCHED_SDK_VERSIONS) as SdkPackage[];
const REVALIDATE =
    "policies/src/sdkPatches/ was written against another version: re-validate the patches (policies/src/sdkPatches/README.md: " +
    "read the internals they rely on, run the tests and `npm run bench`), then update PATCHED_SDK_VERSIONS";

function dependencies(manifest: string): Record<string, string> {
    const json = JSON.parse(fs.readFileSync(path.join(repositoryRoot, manifest), "utf8"));
    return { ...json.devDependencies, ...json.dependencies };
}

/** What one install did, seen from the process it ran in. Probes run side by side: each is a fresh Node. */
async function probe(script: string, env: Record<string, string> = {}): Promise<any> {
    const { [DEFER_AWS_SERVICES_ENV]: _, ...inherited } = process.env;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: repositoryRoot, encoding: "utf8", env: { ...inherited, ...env } });
    return JSON.parse(stdout);
}

/** A version source that reports `pkg` at another version than the patches were written for. */
function otherVersionOf(pkg: SdkPackage | undefined): string {
    return pkg === undefined
        ? "undefined"
        : `(pkg) => (pkg === ${JSON.stringify(pkg)} ? "0.0.0-other" : patches.PATCHED_SDK_VERSIONS[pkg])`;
}

const ANALYZE_PROBE = `
    const { types } = require("util");
    const path = require("path");
    const isStandIn = (file) => { const m = require.cache[file]; return m !== undefined && types.isProxy(m.exports); };
    const automation = require.resolve("@pulumi/pulumi/automation");
    require("@pulumi/policy");
    out.automationDeferred = isStandIn(automation);

    const hinted = () => undefined;
    patches.skipUnlessType(hinted, "aws:cloudtrail/trail:Trail");
    out.typeHint = hinted.__pulumiType ?? null;

    const policyDir = path.dirname(require.resolve("@pulumi/policy"));
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [policyDir] }));
    const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
    const deserialize = require("@pulumi/policy/deserialize");
    const struct = Struct.fromJavaScript({ name: "audit" });
    out.sharedDeserialization = deserialize.deserializeProperties(struct, false) === deserialize.deserializeProperties(struct, false);

    const first = {}, last = {};
    const resources = () => [first, last].map((target, i) => ({ type: "aws:ec2/instance:Instance", urn: "urn:" + i, name: "i" + i, props: { __getSpecialProxyTarget: target }, opts: {} }));
    out.sharedGraph = patches.stackGraphOf(resources()) === patches.stackGraphOf(resources());

    const pb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }));
    const request = new pb.AnalyzeStackRequest();
    for (const type of ["aws:iam/user:User", "pulumi:pulumi:Stack"]) {
        const resource = new pb.AnalyzerResource();
        resource.setType(type);
        resource.setUrn("urn:" + type);
        request.addResources(resource);
    }
    out.decodedTypes = pb.AnalyzeStackRequest.deserializeBinary(request.serializeBinary()).getResourcesList().map((r) => r.getType());

    // An answer's not-applicable entry seen before is copied, not encoded again.
    const { BinaryWriter } = require(require.resolve("google-protobuf", { paths: [pulumiDir] }));
    const answer = () => {
        const response = new pb.AnalyzeResponse();
        const entry = new pb.PolicyNotApplicable();
        entry.setPolicyName("trail-validation");
        entry.setReason("Policy only applies to resources of type 'aws:cloudtrail/trail:Trail'");
        response.setNotApplicableList([entry]);
        return response;
    };
    answer().serializeBinary();
    let stringsWritten = 0;
    const writeString = BinaryWriter.prototype.writeString;
    BinaryWriter.prototype.writeString = function (...args) { stringsWritten++; return writeString.apply(this, args); };
    answer().serializeBinary();
    BinaryWriter.prototype.writeString = writeString;
    out.notApplicableReused = stringsWritten === 0;
    process.stdout.write(JSON.stringify(out));`;

/** installPackPatches (unless `install` is false), then what the policy SDK does. */
function packProbe(install: boolean, otherVersion?: SdkPackage): Promise<any> {
    const index = path.join(repositoryRoot, "policies", "bin", "policies", "src", "sdkPatches", "index.js");
    return probe(`
        const patches = require(${JSON.stringify(index)});
        const installedVersion = ${otherVersionOf(otherVersion)};
        const out = ${install} ? { report: patches.installPackPatches(installedVersion ? { installedVersion } : {}) } : {};
        ${ANALYZE_PROBE}`);
}

/** installRenderWorkerPatches, then which modules loading @pulumi/aws put in the require cache for real. */
function workerProbe(options: { deferAwsServices?: boolean; otherVersion?: SdkPackage; env?: Record<string, string> }): Promise<any> {
    const index = path.join(repositoryRoot, "dist", "policies", "src", "sdkPatches", "index.js");
    return probe(
        `
        const { types } = require("util");
        const patches = require(${JSON.stringify(index)});
        const installedVersion = ${otherVersionOf(options.otherVersion)};
        const deferAwsServices = ${JSON.stringify(options.deferAwsServices ?? null)} ?? undefined;
        const report = patches.installRenderWorkerPatches({ deferAwsServices, ...(installedVersion ? { installedVersion } : {}) });
        const isStandIn = (file) => { const m = require.cache[file]; return m !== undefined && types.isProxy(m.exports); };
        const automation = require.resolve("@pulumi/pulumi/automation");
        const s3 = require.resolve("@pulumi/aws/s3");
        const grpc = require.resolve("@grpc/grpc-js", { paths: [require("path").dirname(require.resolve("@pulumi/pulumi/package.json"))] });
        require("@pulumi/aws");
        process.stdout.write(JSON.stringify({ report, deferred: { automation: isStandIn(automation), s3: isStandIn(s3), grpc: isStandIn(grpc) } }));`,
        options.env,
    );
}

const PACK_PATCHES = ["deferredSdkModules", "sharedDeserialization", "stackGraphCache", "stackRequestFilter", "notApplicableBytes", "typeHint"];

describe("SDK versions the patches were written for", () => {
    it.each(PACKAGES)("%s: package.json pins the version in PATCHED_SDK_VERSIONS", (pkg) => {
        const pinned = dependencies("package.json")[pkg];
        expect(pinned, `package.json pins ${pkg} ${pinned}, but ${REVALIDATE}`).toBe(PATCHED_SDK_VERSIONS[pkg]);
        const packPin = dependencies(path.join("policies", "package.json"))[pkg];
        if (packPin !== undefined) expect(packPin, `policies/package.json pins ${pkg} ${packPin}, but ${REVALIDATE}`).toBe(PATCHED_SDK_VERSIONS[pkg]);
    });

    it("policies/package.json pins the SDK packages the pack's patches touch", () => {
        const packPins = dependencies(path.join("policies", "package.json"));
        expect(packPins["@pulumi/pulumi"]).toBe(PATCHED_SDK_VERSIONS["@pulumi/pulumi"]);
        expect(packPins["@pulumi/policy"]).toBe(PATCHED_SDK_VERSIONS["@pulumi/policy"]);
    });

    it("the installed SDK, as the patches reach it, is those versions", () => {
        const mismatches = checkSdkVersions(PACKAGES);
        expect(mismatches, `installed ${JSON.stringify(mismatches)}: run \`npm ci\`, or if the pins changed, ${REVALIDATE}`).toEqual([]);
    });

    it("a version that differs, or a package that cannot be read, is reported", () => {
        const other = (pkg: SdkPackage) => (pkg === "google-protobuf" ? "3.22.0" : pkg === "@pulumi/aws" ? undefined : PATCHED_SDK_VERSIONS[pkg]);
        expect(checkSdkVersions(PACKAGES, other)).toEqual([
            { package: "google-protobuf", patchedFor: PATCHED_SDK_VERSIONS["google-protobuf"], installed: "3.22.0" },
            { package: "@pulumi/aws", patchedFor: PATCHED_SDK_VERSIONS["@pulumi/aws"], installed: undefined },
        ]);
    });
});

describe.concurrent("installPackPatches", () => {
    it("importing the patches loads no SDK code", async () => {
        const index = path.join(repositoryRoot, "policies", "bin", "policies", "src", "sdkPatches", "index.js");
        const loaded = await probe(`
            require(${JSON.stringify(index)});
            process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes("node_modules"))));`);
        expect(loaded).toEqual([]);
    });

    it("on the pinned SDK installs every patch: deferral, sharing, one graph per request, the request filter, reused not-applicable entries, type hints", async () => {
        expect(await packProbe(true)).toEqual({
            report: { installed: PACK_PATCHES, mismatches: [] },
            automationDeferred: true,
            typeHint: "aws:cloudtrail/trail:Trail",
            sharedDeserialization: true,
            sharedGraph: true,
            decodedTypes: ["pulumi:pulumi:Stack"],
            notApplicableReused: true,
        });
    });

    /** What the policy SDK does in a process that never installs the patches. */
    let unpatched: Promise<unknown> | undefined;
    it.each(["@pulumi/pulumi", "@pulumi/policy", "google-protobuf"] as SdkPackage[])(
        "when %s is another version, installs nothing and leaves the SDK as it is without the patches",
        async (pkg) => {
            unpatched ??= packProbe(false);
            const { report, ...sdk } = await packProbe(true, pkg);
            expect(report).toEqual({ installed: [], mismatches: [{ package: pkg, patchedFor: PATCHED_SDK_VERSIONS[pkg], installed: "0.0.0-other" }] });
            expect(await unpatched).toEqual({
                automationDeferred: false,
                typeHint: null,
                sharedDeserialization: false,
                sharedGraph: false,
                decodedTypes: ["aws:iam/user:User", "pulumi:pulumi:Stack"],
                notApplicableReused: false,
            });
            expect(sdk).toEqual(await unpatched);
        },
    );

    it("does not depend on @pulumi/aws, which the published pack does not have", async () => {
        expect((await packProbe(true, "@pulumi/aws")).report).toEqual({ installed: PACK_PATCHES, mismatches: [] });
    });
});

describe.concurrent("installRenderWorkerPatches", () => {
    it("on the pinned SDK defers the unused SDK modules, and the AWS services when asked", async () => {
        expect(await workerProbe({ deferAwsServices: false })).toEqual({
            report: { installed: ["deferredSdkModules", "deferredRpcModules", "promiseStackTraces", "resourceStackTraces"], mismatches: [] },
            deferred: { automation: true, s3: false, grpc: true },
        });
        expect(await workerProbe({ deferAwsServices: true })).toEqual({
            report: { installed: ["deferredSdkModules", "deferredRpcModules", "deferredAwsServices", "promiseStackTraces", "resourceStackTraces"], mismatches: [] },
            deferred: { automation: true, s3: true, grpc: true },
        });
    });

    it("asks for the AWS services through the render pool's environment variable by default", async () => {
        expect((await workerProbe({})).report.installed).toEqual(["deferredSdkModules", "deferredRpcModules", "promiseStackTraces", "resourceStackTraces"]);
        expect((await workerProbe({ env: { [DEFER_AWS_SERVICES_ENV]: "1" } })).report.installed).toEqual(["deferredSdkModules", "deferredRpcModules", "deferredAwsServices", "promiseStackTraces", "resourceStackTraces"]);
    });

    it("when @pulumi/pulumi, or @pulumi/aws with the AWS deferral, is another version, installs nothing", async () => {
        for (const otherVersion of ["@pulumi/pulumi", "@pulumi/aws"] as SdkPackage[]) {
            const result = await workerProbe({ deferAwsServices: true, otherVersion });
            expect(result.report.installed, otherVersion).toEqual([]);
            expect(result.report.mismatches.map((m: { package: string }) => m.package)).toEqual([otherVersion]);
            expect(result.deferred, otherVersion).toEqual({ automation: false, s3: false, grpc: false });
        }
    });

    it("checks @pulumi/aws only when it defers the AWS services", async () => {
        expect((await workerProbe({ deferAwsServices: false, otherVersion: "@pulumi/aws" })).report).toEqual({
            installed: ["deferredSdkModules", "deferredRpcModules", "promiseStackTraces", "resourceStackTraces"],
            mismatches: [],
        });
    });
});
