// How `trailguard check` tells a violation from an undecided finding and an accepted exception: the
// pack's message marks (policies/src/findingKinds.ts), and the @pulumi/policy server's own message
// for a policy that touched an unknown value in preview (server.js: "can't run policy '<name>' from
// policy pack <pack> during preview: <error>"), written out here as the SDK writes it.
import { describe, expect, it } from "vitest";
import { findingKind } from "../../policies/src/findingKinds";

describe("findingKind", () => {
    it("reads a plain message as a violation, whatever it contains", () => {
        expect(findingKind('Trail "audit" is not multi-region.')).toEqual({ kind: "violation", message: 'Trail "audit" is not multi-region.' });
        // Parentheses that only look like a mark are part of the message.
        const lookalike = 'Bucket (accepted exception, not really) says "x")';
        expect(findingKind(lookalike)).toEqual({ kind: "violation", message: lookalike });
    });

    it("reads the pack's undecided mark and the SDK's own preview message as undecided", () => {
        expect(findingKind("The policy is computed. (cannot be verified until the value is known)")).toEqual({ kind: "undecided", message: "The policy is computed." });
        const sdk = "can't run policy 'acme-tags' from policy pack acme@1.0.0 during preview: can't read unknown property 'tags' of 'aws:s3/bucket:Bucket'";
        expect(findingKind(sdk)).toEqual({ kind: "undecided", message: sdk });
    });

    it("reads an accepted exception's key and reason, quotes and backslashes included", () => {
        const reason = 'the "org" account\\is elsewhere';
        const message = `CIS 4.15 (AWS Organizations changes): no metric filter (accepted exception, trailguard:alarms.overrides.organizationsChanges.reason: ${JSON.stringify(reason)})`;
        expect(findingKind(message)).toEqual({
            kind: "accepted-exception",
            message: "CIS 4.15 (AWS Organizations changes): no metric filter",
            key: "trailguard:alarms.overrides.organizationsChanges.reason",
            reason,
        });
    });
});
