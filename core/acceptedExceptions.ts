// An accepted exception: a CIS monitoring control a stack turns off on purpose, with the reason
// recorded once in its config (alarms.overrides.<id>.enabled false + .reason). The program
// publishes the exceptions as an output of its SecurityAlarms component; the policy pack reads that
// output from the AnalyzeStack request (the engine sends component outputs there, in
// `pulumi preview --policy-pack` as in `trailguard check`), so both honour the same record. Shared
// by components/ and policies/, hence here: the output's name, the carrier's type token, the shape.

/** The component whose outputs carry the exceptions (its type token, a URN contract already). */
export const EXCEPTION_CARRIER_TYPE = "trailguard:cloudwatch:SecurityAlarms";

/** The output of EXCEPTION_CARRIER_TYPE that lists them. */
export const ACCEPTED_EXCEPTIONS_OUTPUT = "acceptedExceptions";

export interface AcceptedException {
    /** The CIS AWS Foundations v1.4.0 id the exception is for, e.g. "4.15". */
    cis: string;
    /** The catalogue alarm id, e.g. "organizationsChanges". */
    alarm: string;
    /** Why the stack does without it, as the config says. */
    reason: string;
    /** The config key that records the reason, e.g. "trailguard:alarms.overrides.organizationsChanges.reason". */
    key: string;
}

/** The well-formed exceptions in a component output value (anything else is ignored). */
export function readAcceptedExceptions(value: unknown): AcceptedException[] {
    if (!Array.isArray(value)) return [];
    return value.filter(
        (e): e is AcceptedException =>
            typeof e === "object" &&
            e !== null &&
            ["cis", "alarm", "reason", "key"].every((field) => typeof (e as Record<string, unknown>)[field] === "string") &&
            (e as AcceptedException).reason.trim() !== "",
    );
}
