// The data format of a rendered stack: the shape `trailguard render --format json` prints and every
// offline tool (tests, the policy harness, `trailguard check`) consumes. Property values keep the
// engine's wire encoding so that a rendered stack can be replayed to the policy analyzer exactly as
// `pulumi preview` would send it: an unknown (computed) value is the string UNKNOWN_VALUE, a secret
// is a SECRET_SIG object.

// One definition of "unknown" for renders, the CLI and the pack.
export { isUnknown, UNKNOWN_VALUE } from "../../policies/src/values";
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type RenderMode = "preview" | "deployed";

export interface RenderedResourceOptions {
    protect: boolean;
    retainOnDelete: boolean;
    /** URNs of explicit and implicit dependencies, as the engine receives them. */
    dependsOn: string[];
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    additionalSecretOutputs: string[];
    /** The URNs the resource's aliases resolve to: its old URNs after a rename. */
    aliases: string[];
    provider?: string;
}

export interface RenderedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Present once the mock cloud has created the resource (deployed mode). */
    id?: string;
    inputs: Record<string, unknown>;
    /** Inputs plus what the provider computed; in preview mode computed values are UNKNOWN_VALUE. */
    outputs: Record<string, unknown>;
    /** For each input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    options: RenderedResourceOptions;
}

export interface RenderedStack {
    stack: string;
    project: string;
    mode: RenderMode;
    resources: RenderedResource[];
    /** Stack outputs as the program exported them. */
    outputs: Record<string, unknown>;
    /** Warnings the program logged (e.g. pattern lint findings); one line each. */
    warnings: string[];
}

/** A value the program marked secret, in the engine's wire encoding: `{ <sig>: SECRET_SIG, value }`. */
export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
}
