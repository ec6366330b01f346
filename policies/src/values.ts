// Reading resource properties as the engine sends them. During preview a computed value is one of
// the engine's unknown sentinels; @pulumi/policy's proxy throws when a policy touches one, which the
// server turns into an advisory "can't run during preview". Policies here read through plain copies
// instead and treat Unknown explicitly: an unknown value never produces a mandatory violation.

/** The engine's wire encoding of an unknown (computed) value; renders use it too. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The engine's unknown sentinels (string, boolean, number, array, asset, archive, object). */
const UNKNOWN_SENTINELS = new Set([
    UNKNOWN_VALUE,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

export type Props = Record<string, unknown>;

// One scan for any sentinel inside a text, e.g. a policy document serialized with computed parts.
const UNKNOWN_IN_TEXT = new RegExp([...UNKNOWN_SENTINELS].join("|"));

/** True when a text contains one of the unknown sentinels anywhere. */
export function containsUnknown(text: string): boolean {
    return UNKNOWN_IN_TEXT.test(text);
}

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.has(value));
}

/**
 * A plain copy of a resource's properties. The unknown-checking proxy has no descriptor trap, so
 * own-property descriptors give the raw values without tripping it.
 */
export function plain(props: unknown): Props {
    if (typeof props !== "object" || props === null) return {};
    const out: Props = {};
    for (const key of Object.keys(props)) {
        out[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
    }
    return out;
}

/** Follows a path of keys; Unknown as soon as a step is unknown, undefined when absent. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
    let current = value;
    for (const step of path) {
        if (isUnknown(current)) return UNKNOWN;
        if (current === undefined || current === null || typeof current !== "object") return undefined;
        current = (current as Record<string | number, unknown>)[step];
    }
    return isUnknown(current) ? UNKNOWN : current;
}

export function bool(value: unknown): boolean | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return undefined;
}

export function num(value: unknown): number | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
    return undefined;
}

export function str(value: unknown): string | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    return typeof value === "string" ? value : undefined;
}

/** A list, Unknown if the list itself is unknown; elements may still be unknown. */
export function list(value: unknown): unknown[] | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    return Array.isArray(value) ? value : undefined;
}

/** The elements of a list; none when the list is unknown or absent. */
export function items(value: unknown): unknown[] {
    const elements = list(value);
    return Array.isArray(elements) ? elements : [];
}

/**
 * The values at the end of a path of keys, stepping into every element of each list on the way, so
 * one reader takes a nested object (aws.s3.Bucket's `rule: { ... }`) and a list of them (BucketV2's
 * `rules: [{ ... }]`) alike. Unknown stands in for whatever a computed value hides; absent values
 * are left out.
 */
export function gather(value: unknown, ...path: string[]): unknown[] {
    if (isUnknown(value)) return [UNKNOWN];
    if (Array.isArray(value)) return value.flatMap((element) => gather(element, ...path));
    if (value === undefined || value === null) return [];
    if (path.length === 0) return [value];
    if (typeof value !== "object") return [];
    const [step, ...rest] = path;
    return gather((value as Record<string, unknown>)[step], ...rest);
}

/** True when the value is present: set to something, known or not. */
export function isSet(value: unknown): boolean {
    if (value === undefined || value === null) return false;
    if (typeof value === "string") return value !== "";
    return true;
}

/** Text for messages: the value as the program wrote it, or a note that it is computed. */
export function show(value: unknown): string {
    if (isUnknown(value)) return "(computed)";
    if (value === undefined) return "not set";
    return JSON.stringify(value);
}

/** "1 day", "30 days": a count with its noun in the right number. */
export function count(n: number, noun: string): string {
    return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "a", "a and b", "a, b and c". */
export function listText(parts: readonly string[], conjunction = "and"): string {
    return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} ${conjunction} ${parts[parts.length - 1]}`;
}

/** AWS resource tags, case-folded keys; secrets and unknowns dropped. */
export function tagsOf(props: { tags: unknown; tagsAll: unknown }): Map<string, string> {
    const tags = new Map<string, string>();
    for (const source of [props.tagsAll, props.tags]) {
        if (typeof source !== "object" || source === null || isUnknown(source)) continue;
        for (const [key, value] of Object.entries(source)) {
            if (typeof value === "string" && !isUnknown(value)) tags.set(key.toLowerCase(), value);
        }
    }
    return tags;
}
