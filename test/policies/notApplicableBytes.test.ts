// The pack copies the bytes of a not-applicable entry it has encoded before instead of encoding it
// again (policies/src/sdkPatches/notApplicableBytes.ts). The answers the engine reads must be the
// bytes the generated code writes: here the same answers are serialized in one fresh process
// before and after the patch, by the SDK's own response builder.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../support/shippedStacks";

const patch = path.join(repositoryRoot, "policies", "bin", "policies", "src", "sdkPatches", "notApplicableBytes.js");

interface Serialized {
    installed: boolean;
    maxCached: number;
    before: string[];
    firstAfter: string[];
    secondAfter: string[];
    /** Strings written for entries alone, after all were seen once. */
    entryStrings: { seenFirst: number; perResource: number };
}

/**
 * Answers as @pulumi/policy's protoutil.makeAnalyzeResponse builds them: diagnostics with and
 * without not-applicable entries, entries repeated within and across answers, an entry without a
 * reason, non-ASCII text, an empty answer, and one answer with more distinct entries than the cache
 * keeps.
 */
function serializeAnswers(): Serialized {
    const script = `
        const path = require("path");
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const pb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }));
        const { makeAnalyzeResponse } = require("@pulumi/policy/protoutil");
        const { MAX_CACHED, reuseNotApplicableBytes } = require(${JSON.stringify(patch)});
        const entry = (name, reason) => {
            const na = new pb.PolicyNotApplicable();
            na.setPolicyName(name);
            if (reason) na.setReason(reason);
            return na;
        };
        const diagnostic = (name, message) => ({ policyName: name, policyPackName: "trailguard", policyPackVersion: "0.1.0",
            description: "d", message, enforcementLevel: "mandatory", urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::logs", severity: "high" });
        const typeOnly = (type) => "Policy only applies to resources of type '" + type + "'";
        const answers = () => [
            [[], undefined],
            [[diagnostic("bucket-tls", "no TLS deny")], undefined],
            [[], [entry("trail-validation", typeOnly("aws:cloudtrail/trail:Trail")), entry("kms-rotation", typeOnly("aws:kms/key:Key"))]],
            [[diagnostic("bucket-tls", "ümlaut — and 🔒")], [entry("trail-validation", typeOnly("aws:cloudtrail/trail:Trail")), entry("no-reason"), entry("kms-rotation", typeOnly("aws:kms/key:Key"))]],
            [[], [entry("trail-validation", typeOnly("aws:cloudtrail/trail:Trail")), entry("trail-validation", typeOnly("aws:cloudtrail/trail:Trail"))]],
            [[], [entry("politique-é", "ne s’applique pas"), entry("", "")]],
            [[], Array.from({ length: MAX_CACHED + 5 }, (_, i) => entry("per-resource", "not resource " + i))],
        ].map(([ds, na]) => Buffer.from(makeAnalyzeResponse(ds, na).serializeBinary()).toString("base64"));
        const before = answers();
        const installed = reuseNotApplicableBytes();
        const firstAfter = answers();
        // Strings written while encoding the entries alone, once every entry has been seen.
        const { BinaryWriter } = require(require.resolve("google-protobuf", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [policyDir] }))] }));
        const writeString = BinaryWriter.prototype.writeString;
        let stringsWritten = 0;
        BinaryWriter.prototype.writeString = function (...args) { stringsWritten++; return writeString.apply(this, args); };
        const stringsFor = (entries) => {
            stringsWritten = 0;
            makeAnalyzeResponse([], entries).serializeBinary();
            return stringsWritten;
        };
        const entryStrings = {
            seenFirst: stringsFor([entry("trail-validation", typeOnly("aws:cloudtrail/trail:Trail")), entry("politique-é", "ne s’applique pas")]),
            perResource: stringsFor(Array.from({ length: MAX_CACHED + 5 }, (_, i) => entry("per-resource", "not resource " + i))),
        };
        BinaryWriter.prototype.writeString = writeString;
        process.stdout.write(JSON.stringify({ installed, maxCached: MAX_CACHED, before, firstAfter, secondAfter: answers(), entryStrings }));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repositoryRoot, encoding: "utf8", maxBuffer: 1 << 26 }));
}

describe("reused not-applicable entries in the pack's answers", () => {
    const serialized = serializeAnswers();

    it("are in place on the pinned SDK", () => {
        expect(serialized.installed).toBe(true);
    });

    it("leave every answer's bytes as the generated code writes them, when first seen and when copied", () => {
        expect(serialized.firstAfter).toEqual(serialized.before);
        expect(serialized.secondAfter).toEqual(serialized.before);
        // The answers are not all alike: the comparison covers what it claims to.
        expect(new Set(serialized.before).size).toBe(serialized.before.length);
    });

    it("copies entries it has seen, and still encodes those past the cache's limit", () => {
        // Entries seen before are copied: no string is written for them.
        expect(serialized.entryStrings.seenFirst).toBe(0);
        // By hand: the answers before the large one hold 5 distinct entries (trail-validation,
        // kms-rotation, no-reason, politique-é and the empty one), so the cache keeps 1,000 - 5 of the
        // large answer's 1,005 and encodes the other 10 every time: a name and a reason each, 20 strings.
        expect(serialized.maxCached).toBe(1000);
        expect(serialized.entryStrings.perResource).toBe(2 * (1005 - (1000 - 5)));
        const last = serialized.before.length - 1;
        expect(serialized.secondAfter[last]).toBe(serialized.before[last]);
    });
});
