// `trailguard render --format json`: a rendered stack for people and tools (jq, scripts), in the
// documented form of docs/render.md. Internally a rendered stack keeps the engine's wire encoding
// (renderedStackFormat.ts) because `check` replays it to the policy pack exactly as `pulumi preview`
// would; that encoding marks an unknown value with an SDK-internal UUID string and a secret with a
// signature object, neither of which a reader should have to know. Here an unknown value becomes
// {"$unknown": true} and a secret {"$secret": <value>}; undefined values are absent.
import { isSecret, isUnknown, type RenderedStack } from "../mockEngine/renderedStackFormat";

/** What an unknown (computed, known only after `pulumi up`) value is written as. */
export const UNKNOWN_JSON = Object.freeze({ $unknown: true });

export function renderedStackJson(stack: RenderedStack): string {
    const resources = stack.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent ?? null,
        custom: r.custom,
        id: r.id === undefined ? null : documentedValue(r.id),
        inputs: documentedValue(r.inputs),
        outputs: documentedValue(r.outputs),
        propertyDependencies: r.propertyDependencies,
        options: r.options,
    }));
    const json = { stack: stack.stack, mode: stack.mode, resources, outputs: documentedValue(stack.outputs), warnings: stack.warnings };
    return JSON.stringify(json, null, 2) + "\n";
}

/** A property value in the documented form: unknowns and secrets marked, undefined left out. */
export function documentedValue(value: unknown): unknown {
    if (isUnknown(value)) return UNKNOWN_JSON;
    if (isSecret(value)) return { $secret: documentedValue(value.value) };
    if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : documentedValue(v)));
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = documentedValue(v);
        return out;
    }
    return value;
}
