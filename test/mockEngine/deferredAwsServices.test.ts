// Render workers of trailguard's own stacks load only the AWS services the program touches
// (policies/src/sdkPatches/deferredAwsServices.ts). The probes run in a fresh Node process each,
// since what matters is what loading @pulumi/aws pulls in.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DEFER_AWS_SERVICES_ENV } from "../../policies/src/sdkPatches";
import { LIBRARY_DIRS, newPool, rendered, root, trailguardJob } from "./support";

const deferral = path.join(root, "dist", "policies", "src", "sdkPatches", "deferredAwsServices.js");

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

    it("renders trailguard's stacks exactly as a worker that loads @pulumi/aws whole", async () => {
        const whole = newPool();
        const deferring = newPool({ [DEFER_AWS_SERVICES_ENV]: "1" });
        try {
            for (const stack of ["dev", "prod"]) {
                for (const mode of ["preview", "deployed"] as const) {
                    const job = { ...trailguardJob(stack, {}, LIBRARY_DIRS), mode };
                    expect(await rendered(deferring, job), `${stack} ${mode}`).toEqual(await rendered(whole, job));
                }
            }
        } finally {
            whole.close();
            deferring.close();
        }
    });

    it("is not for programs that import a resource's own file: its service index would not have run", async () => {
        const program = path.join(root, "test", "fixtures", "check", "deep-aws-import");
        const job = { ...trailguardJob("dev"), cwd: program, program, project: "deep-aws-import", stack: "ci", config: {}, secretKeys: [] };
        const whole = newPool();
        const deferring = newPool({ [DEFER_AWS_SERVICES_ENV]: "1" });
        try {
            expect((await whole.render(job)).ok).toBe(true);
            const failed = await deferring.render(job);
            expect(failed.ok).toBe(false);
            if (!failed.ok) expect(failed.message).toContain("Topic.onEvent is missing");
        } finally {
            whole.close();
            deferring.close();
        }
    });

    it("is safe for trailguard's program: it imports @pulumi/aws as a whole, never a resource's own file", () => {
        // A deep import (e.g. "@pulumi/aws/sns/topic") skips the service index, and with it the
        // resource-module registrations and mixins a deferred index would have run when loaded.
        const sources: string[] = [path.join(root, "index.ts")];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else if (file.endsWith(".ts")) sources.push(file);
            }
        };
        for (const dir of ["components", "config", path.join("policies", "src")]) walk(path.join(root, dir));
        expect(sources.length).toBeGreaterThan(20);
        const deep = sources.filter((file) => /["']@pulumi\/aws\//.test(fs.readFileSync(file, "utf8")));
        expect(deep).toEqual([]);
    });
});
