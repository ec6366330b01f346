// In-process unit tests of cloudtrail-required (policies/src/policies/trailRequired.ts): a stack policy
// that is off by default (an organization-wide pack also runs on stacks without a trail) and, once
// enabled, asks for a logging trail, by default a multi-region one. Small stacks built in memory, in
// preview and as deployed.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { trailRequired } from "../../../policies/src/policies/trailRequired";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const ON = { enforcementLevel: "mandatory" } as const;
const NO_TRAIL = "The stack has no logging CloudTrail trail; add an aws.cloudtrail.Trail with isMultiRegionTrail: true.";

describe("cloudtrail-required", () => {
    it("is off by default: a stack without a trail passes", () => {
        const stack = new InMemoryStack();
        stack.add(BUCKET, "data", {});
        expect(trailRequired.enforcementLevel).toBe("disabled");
        expect(runPolicy(trailRequired, stack.rendered())).toEqual([]);
    });

    it("when enabled, passes a stack with a logging multi-region trail, in preview and deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const stack = new InMemoryStack(mode);
            const bucket = stack.add(BUCKET, "audit-logs", {});
            stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id"), isMultiRegionTrail: true });
            expect(runPolicy(trailRequired, stack.rendered(), ON), mode).toEqual([]);
        }
    });

    it("when enabled, blocks a stack without a trail, on the stack resource", () => {
        const stack = new InMemoryStack();
        const root = stack.add("pulumi:pulumi:Stack", "unit-test", {}, { custom: false });
        stack.add(BUCKET, "data", {});
        expect(runPolicy(trailRequired, stack.rendered(), ON)).toEqual([
            { policy: "cloudtrail-required", enforcementLevel: "mandatory", urn: root.urn, message: NO_TRAIL },
        ]);
    });

    it("names the first resource when the stack resource is not among them, and none in an empty stack", () => {
        const stack = new InMemoryStack();
        const data = stack.add(BUCKET, "data", {});
        expect(runPolicy(trailRequired, stack.rendered(), ON).map((f) => f.urn)).toEqual([data.urn]);
        expect(runPolicy(trailRequired, new InMemoryStack().rendered(), ON)).toEqual([
            { policy: "cloudtrail-required", enforcementLevel: "mandatory", urn: undefined, message: NO_TRAIL },
        ]);
    });

    it("does not count a trail that is not logging", () => {
        const stack = new InMemoryStack();
        const paused = stack.add(TRAIL, "paused", { s3BucketName: "logs", isMultiRegionTrail: true, enableLogging: false });
        expect(runPolicy(trailRequired, stack.rendered(), ON)).toEqual([
            { policy: "cloudtrail-required", enforcementLevel: "mandatory", urn: paused.urn, message: NO_TRAIL },
        ]);
    });

    it("blocks when every logging trail is single-region, on the first of them, naming them all", () => {
        const stack = new InMemoryStack();
        stack.add(TRAIL, "paused", { s3BucketName: "logs", isMultiRegionTrail: true, enableLogging: false });
        const first = stack.add(TRAIL, "eu", { s3BucketName: "logs", isMultiRegionTrail: false });
        stack.add(TRAIL, "us", { s3BucketName: "logs" });
        expect(runPolicy(trailRequired, stack.rendered(), ON)).toEqual([
            {
                policy: "cloudtrail-required",
                enforcementLevel: "mandatory",
                urn: first.urn,
                message: 'The stack\'s trails ("eu", "us") are all single-region; make one multi-region (isMultiRegionTrail: true).',
            },
        ]);
    });

    it("passes when one of several trails is multi-region", () => {
        const stack = new InMemoryStack();
        stack.add(TRAIL, "eu", { s3BucketName: "logs", isMultiRegionTrail: false });
        stack.add(TRAIL, "global", { s3BucketName: "logs", isMultiRegionTrail: "true" });
        expect(runPolicy(trailRequired, stack.rendered(), ON)).toEqual([]);
    });

    it("does not decide on computed values: a computed enableLogging or isMultiRegionTrail may be fine", () => {
        const stack = new InMemoryStack("preview");
        stack.add(TRAIL, "audit", { s3BucketName: "logs", enableLogging: UNKNOWN_VALUE, isMultiRegionTrail: UNKNOWN_VALUE });
        expect(runPolicy(trailRequired, stack.rendered(), ON)).toEqual([]);
    });

    it("with requireMultiRegion false, any logging trail will do, but some trail is still required", () => {
        const config = { ...ON, requireMultiRegion: false };
        const single = new InMemoryStack();
        single.add(TRAIL, "eu", { s3BucketName: "logs", isMultiRegionTrail: false });
        expect(runPolicy(trailRequired, single.rendered(), config)).toEqual([]);
        const none = new InMemoryStack();
        none.add(BUCKET, "data", {});
        expect(runPolicy(trailRequired, none.rendered(), config).map((f) => f.message)).toEqual([NO_TRAIL]);
    });

    it("reports a setting of the wrong type, naming the key and the value", () => {
        const stack = new InMemoryStack();
        const data = stack.add(BUCKET, "data", {});
        expect(runPolicy(trailRequired, stack.rendered(), { ...ON, requireMultiRegion: "yes" })).toEqual([
            {
                policy: "cloudtrail-required",
                enforcementLevel: "mandatory",
                urn: data.urn,
                message: 'invalid config for policy "cloudtrail-required", key "requireMultiRegion": "yes" is not a boolean',
            },
        ]);
    });

    it("is reported at the level the config sets", () => {
        const stack = new InMemoryStack();
        stack.add(BUCKET, "data", {});
        expect(runPolicy(trailRequired, stack.rendered(), { enforcementLevel: "advisory" }).map((f) => f.enforcementLevel)).toEqual(["advisory"]);
    });
});
