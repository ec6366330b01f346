// A pack that cannot start is the user's problem to fix: one message that says why, no stack frames.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PolicyPackProcess } from "../../cli/analyzer/policyPackProcess";
import { UserError } from "../../cli/userError";

const brokenPack = path.join(__dirname, "..", "fixtures", "packs", "broken-pack");

describe("a policy pack that fails while loading", () => {
    it("is reported with the pack's own message and without stack frames", async () => {
        const failure = await PolicyPackProcess.start(brokenPack).then(
            () => undefined,
            (err: unknown) => err,
        );
        expect(failure).toBeInstanceOf(UserError);
        const message = (failure as UserError).message;
        expect(message).toContain(`policy pack ${brokenPack} did not start`);
        expect(message).toContain("cannot find the policy settings file policies.json");
        expect(message).not.toMatch(/^\s+at /m);
    });
});
