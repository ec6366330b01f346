// A pack that cannot start is the user's problem to fix: one message that says why, no stack frames.
// A pack that dies mid-analysis is reported with its own last words, not a dropped connection.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { UserError } from "../../cli/userError";

const brokenPack = path.join(__dirname, "..", "fixtures", "packs", "broken-pack");

describe("a policy pack that fails while loading", () => {
    // Started as the engine starts it, and from its main module as `trailguard check` starts one.
    for (const how of ["engine", "compiled"] as const) {
        it(`is reported with the pack's own message and without stack frames (${how} launch)`, async () => {
            const failure = await PolicyPackProcess.start(brokenPack, { how }).then(
                () => undefined,
                (err: unknown) => err,
            );
            expect(failure).toBeInstanceOf(UserError);
            const message = (failure as UserError).message;
            expect(message).toContain(`policy pack ${brokenPack} did not start`);
            expect(message).toContain("cannot find the policy settings file policies.json");
            expect(message).not.toMatch(/^\s+at /m);
        });
    }
});

describe("a policy pack that dies while analysing", () => {
    it("is reported with its exit and its own message, not as a dropped connection", async () => {
        const crashingPack = path.join(__dirname, "..", "fixtures", "packs", "crashing-pack");
        const pack = await PolicyPackProcess.start(crashingPack);
        try {
            const failure = await pack
                .analyzeResource({
                    urn: "urn:pulumi:ci::p::aws:s3/bucketV2:BucketV2::b",
                    type: "aws:s3/bucketV2:BucketV2",
                    name: "b",
                    custom: true,
                    inputs: {},
                    outputs: {},
                    propertyDependencies: {},
                    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [] },
                })
                .then(
                    () => undefined,
                    (err: unknown) => err,
                );
            expect(failure).toBeInstanceOf(Error);
            expect((failure as Error).message).toContain(`the policy pack in ${crashingPack} exited (code 3)`);
            expect((failure as Error).message).toContain("crashing-pack: lost its policy settings service");
        } finally {
            await pack.close();
        }
    });
});
