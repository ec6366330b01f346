// Render workers load only the AWS services a program touches (cli/mockEngine/deferredAwsServices.ts).
// Each case runs in a fresh Node process, since what matters is what loading @pulumi/aws pulls in.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const deferral = path.join(root, "dist", "cli", "mockEngine", "deferredAwsServices.js");

interface Probe {
    deferred: number;
    /** Whether the s3 and ec2 service modules in the require cache are the real ones. */
    afterLoad: { s3: boolean; ec2: boolean };
    afterUse: { s3: boolean; ec2: boolean };
    sameClass: boolean;
    bucketKeys: boolean;
}

function probe(defer: boolean): Probe {
    const script = `
        const { types } = require("util");
        const out = { deferred: ${defer} ? require(${JSON.stringify(deferral)}).deferAwsServiceModules() : 0 };
        const real = (service) => {
            const cached = require.cache[require.resolve("@pulumi/aws/" + service)];
            return cached !== undefined && !types.isProxy(cached.exports);
        };
        const aws = require("@pulumi/aws");
        out.afterLoad = { s3: real("s3"), ec2: real("ec2") };
        const Bucket = aws.s3.BucketV2;
        out.afterUse = { s3: real("s3"), ec2: real("ec2") };
        out.sameClass = Bucket === require("@pulumi/aws/s3").BucketV2 && typeof Bucket === "function";
        out.bucketKeys = Object.keys(aws.s3).includes("BucketPolicy");
        process.stdout.write(JSON.stringify(out));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }));
}

describe("deferred AWS service modules", () => {
    it("without the deferral, loading @pulumi/aws loads every service module", () => {
        expect(probe(false).afterLoad).toEqual({ s3: true, ec2: true });
    });

    it("with it, a service module loads when the program first uses it, and only then", () => {
        const result = probe(true);
        expect(result.deferred).toBeGreaterThan(200);
        expect(result.afterLoad).toEqual({ s3: false, ec2: false });
        expect(result.afterUse).toEqual({ s3: true, ec2: false });
        expect(result.sameClass).toBe(true);
        expect(result.bucketKeys).toBe(true);
    });
});
