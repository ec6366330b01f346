// In-process unit tests of the trail policies (policies/src/policies/trail.ts): each check on small
// stacks built in memory, in preview and as deployed. The protocol tests beside this folder show
// the same policies reach the engine's verdicts over gRPC.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStack";
import { trailMultiRegion } from "../../../policies/src/policies/trail";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";

function trailStack(inputs: Record<string, unknown>, mode: "preview" | "deployed" = "deployed") {
    const stack = new InMemoryStack(mode);
    const trail = stack.add(TRAIL, "audit", { s3BucketName: "logs", ...inputs });
    return { rendered: stack.rendered(), trail };
}

describe("cloudtrail-multi-region", () => {
    it("passes a multi-region trail", () => {
        expect(runPolicy(trailMultiRegion, trailStack({ isMultiRegionTrail: true }).rendered)).toEqual([]);
    });

    it("blocks a single-region trail, naming the trail and the fix", () => {
        const { rendered, trail } = trailStack({ isMultiRegionTrail: false });
        expect(runPolicy(trailMultiRegion, rendered)).toEqual([
            {
                policy: "cloudtrail-multi-region",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: 'Trail "audit" records only its home region (isMultiRegionTrail is false); set isMultiRegionTrail: true.',
            },
        ]);
    });

    it("blocks a trail that leaves the setting out (AWS defaults it to false)", () => {
        expect(runPolicy(trailMultiRegion, trailStack({}).rendered).map((f) => f.message)).toEqual([
            'Trail "audit" records only its home region (isMultiRegionTrail is not set); set isMultiRegionTrail: true.',
        ]);
    });

    it("does not decide on a computed value", () => {
        expect(runPolicy(trailMultiRegion, trailStack({ isMultiRegionTrail: UNKNOWN_VALUE }, "preview").rendered)).toEqual([]);
    });

    it("is silenced by the pack config like any policy", () => {
        const { rendered } = trailStack({ isMultiRegionTrail: false });
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "disabled" })).toEqual([]);
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "advisory" })[0]?.enforcementLevel).toBe("advisory");
    });
});
