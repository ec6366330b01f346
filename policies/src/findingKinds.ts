// What a diagnostic of this pack is, said in its message, since the Analyzer protocol's diagnostics
// carry no field for it and the Pulumi CLI shows only the message. Three kinds:
//   - a violation: the message as the policy wrote it;
//   - undecided: the policy could not decide because a value it needs is unknown (computed, known
//     only after `pulumi up`): an advisory diagnostic whose message ends with UNDECIDED_MARK. The
//     @pulumi/policy server's own "can't run policy … during preview: …" (a policy that touched an
//     unknown through its proxy) is the same kind;
//   - an accepted exception: a CIS control the stack's config turned off with its reason
//     (core/acceptedExceptions.ts): an advisory diagnostic whose message ends with
//     ` (accepted exception, <config key>: "<reason>")`.
// The pack writes the marks (policyDefinition.ts); `trailguard check` reads them back with
// findingKind and reports each kind apart. Any other pack's diagnostics read as violations.

export const UNDECIDED_MARK = " (cannot be verified until the value is known)";

/** The @pulumi/policy server's message for a policy that touched an unknown value in preview. */
const SDK_UNDECIDED = /^can't run (?:policy )?.* during preview: /s;

const ACCEPTED = /^(.*) \(accepted exception, (\S+): ("(?:[^"\\]|\\.)*")\)$/s;

export function undecidedMessage(message: string): string {
    return `${message}${UNDECIDED_MARK}`;
}

export function acceptedExceptionMessage(message: string, key: string, reason: string): string {
    return `${message} (accepted exception, ${key}: ${JSON.stringify(reason)})`;
}

export type FindingKind =
    | { kind: "violation"; message: string }
    | { kind: "undecided"; message: string }
    | { kind: "accepted-exception"; message: string; key: string; reason: string };

/** The kind of a diagnostic from its message (without the policy description @pulumi/policy puts in front). */
export function findingKind(message: string): FindingKind {
    if (message.endsWith(UNDECIDED_MARK)) return { kind: "undecided", message: message.slice(0, -UNDECIDED_MARK.length) };
    if (SDK_UNDECIDED.test(message)) return { kind: "undecided", message };
    const accepted = ACCEPTED.exec(message);
    if (accepted) {
        try {
            return { kind: "accepted-exception", message: accepted[1], key: accepted[2], reason: JSON.parse(accepted[3]) as string };
        } catch {
            // Not our mark after all: a violation as written.
        }
    }
    return { kind: "violation", message };
}
