// Typed, validated policy settings, and the one JSON-schema validator for policy config.
//
// Each tunable policy declares its settings once (JSON schema with defaults); the same declaration
// becomes the policy's configSchema, which the Pulumi CLI checks before Configure, and is checked
// again here by the pack (readSettings), so a pack run by any engine reports a mistake as one clear
// message naming the policy, the key, the value and what was expected. trailguard's CLI checks a
// `--policy-pack-config` against the schemas a pack declares with the same validator
// (schemaProblems; cli/analyzerClient/policyPackConfig.ts), so the CLI and the pack never disagree
// about what is valid. The validator checks every keyword JsonSchema lists, and a setting can declare
// no other (SettingSchema extends JsonSchema). It imports nothing at run time: the pack stays
// self-contained and the CLI loads no SDK by using it.
import type { PolicyConfigSchema } from "@pulumi/policy";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

/** The subset of JSON Schema policy packs use for config: every keyword here is checked. */
export interface JsonSchema {
    type?: string | readonly string[];
    enum?: readonly unknown[];
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
    minLength?: number;
    maxLength?: number;
    /** An ECMAScript regular expression (unicode mode) a string must match somewhere, as in JSON Schema. */
    pattern?: string;
    minItems?: number;
    maxItems?: number;
    uniqueItems?: boolean;
    items?: JsonSchema;
    properties?: Readonly<Record<string, JsonSchema>>;
    required?: readonly string[];
    additionalProperties?: boolean | JsonSchema;
    default?: unknown;
    description?: string;
}

/**
 * Every keyword of JsonSchema: checked by schemaProblems, or an annotation it leaves alone. Typed
 * over keyof JsonSchema, so a keyword added to JsonSchema must be listed here (and checked).
 */
export const JSON_SCHEMA_KEYWORDS: Readonly<Record<keyof JsonSchema, "checked" | "annotation">> = {
    type: "checked",
    enum: "checked",
    minimum: "checked",
    maximum: "checked",
    exclusiveMinimum: "checked",
    exclusiveMaximum: "checked",
    minLength: "checked",
    maxLength: "checked",
    pattern: "checked",
    minItems: "checked",
    maxItems: "checked",
    uniqueItems: "checked",
    items: "checked",
    properties: "checked",
    required: "checked",
    additionalProperties: "checked",
    default: "annotation",
    description: "annotation",
};

/** One setting of a trailguard policy: a JSON schema with a type, a description and a default. */
export interface SettingSchema extends JsonSchema {
    type: "integer" | "number" | "boolean" | "string" | "array" | "object";
    description: string;
    default: unknown;
}

export type SettingsSchema = Record<string, SettingSchema>;

export function configSchema(settings: SettingsSchema): PolicyConfigSchema {
    const properties: Record<string, PolicyConfigJSONSchema> = {};
    for (const [key, setting] of Object.entries(settings)) {
        properties[key] = JSON.parse(JSON.stringify(setting)) as PolicyConfigJSONSchema;
    }
    return { properties };
}

type SettingsResult<T> = { ok: true; settings: T } | { ok: false; message: string };

/** The policy's settings with defaults filled in, or the first mistake in words. */
export function readSettings<T>(policy: string, config: object, schema: SettingsSchema): SettingsResult<T> {
    const settings: Record<string, unknown> = {};
    const given = config as Record<string, unknown>;
    for (const key of Object.keys(given)) {
        if (key === "enforcementLevel") continue;
        if (!(key in schema)) {
            const keys = Object.keys(schema);
            const expected = keys.length === 0 ? "this policy takes no settings, only enforcementLevel" : `expected one of ${keys.join(", ")}`;
            return { ok: false, message: `invalid config for policy "${policy}": unknown key "${key}"; ${expected}` };
        }
    }
    for (const [key, setting] of Object.entries(schema)) {
        const value = given[key] === undefined ? setting.default : given[key];
        const [problem] = schemaProblems(value, setting);
        if (problem) {
            return {
                ok: false,
                message: `invalid config for policy "${policy}", key "${key}": ${JSON.stringify(value)} ${describeSettingProblem(problem, value, setting)}`,
            };
        }
        settings[key] = value;
    }
    return { ok: true, settings: settings as T };
}

// ---------------------------------------------------------------------------------------------------
// The validator

export type SchemaKeyword =
    | "type"
    | "enum"
    | "minimum"
    | "maximum"
    | "exclusiveMinimum"
    | "exclusiveMaximum"
    | "minLength"
    | "maxLength"
    | "pattern"
    | "minItems"
    | "maxItems"
    | "uniqueItems"
    | "additionalProperties"
    | "required";

/** One way a value breaks its schema. */
export interface SchemaProblem {
    /**
     * Where in the checked value: [] the value itself, [1] its second item, ["a", 0] the first item
     * of its property a. For uniqueItems the repeated item, for required and additionalProperties
     * (false) the property missing or not allowed.
     */
    path: readonly (string | number)[];
    keyword: SchemaKeyword;
    /** The value at path (undefined for a required property that is missing). */
    value: unknown;
    /**
     * The schema whose keyword failed: the one for the value at path, or, for required and
     * additionalProperties, the object's.
     */
    schema: JsonSchema;
}

/**
 * Every way `value` breaks `schema`, in the order they are met reading the value: a value of the
 * wrong type or outside its enum reports only that; then its own bounds, length and pattern; then
 * a list's size and each item in turn (the item's problems, then whether it repeats an earlier
 * one); then an object's properties and the required ones missing.
 */
export function schemaProblems(value: unknown, schema: JsonSchema, path: readonly (string | number)[] = []): SchemaProblem[] {
    const problem = (keyword: SchemaKeyword, at = path, found: unknown = value, where: JsonSchema = schema): SchemaProblem => ({
        path: at,
        keyword,
        value: found,
        schema: where,
    });
    const types = schemaTypes(schema);
    if (types.length && !types.some((t) => hasType(value, t))) return [problem("type")];
    if (schema.enum && !schema.enum.some((e) => sameJson(e, value))) return [problem("enum")];
    const problems: SchemaProblem[] = [];
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) problems.push(problem("minimum"));
        if (schema.maximum !== undefined && value > schema.maximum) problems.push(problem("maximum"));
        if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) problems.push(problem("exclusiveMinimum"));
        if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) problems.push(problem("exclusiveMaximum"));
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && characters(value) < schema.minLength) problems.push(problem("minLength"));
        if (schema.maxLength !== undefined && characters(value) > schema.maxLength) problems.push(problem("maxLength"));
        if (schema.pattern !== undefined && !patternRegExp(schema.pattern)?.test(value)) problems.push(problem("pattern"));
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(problem("minItems"));
        if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(problem("maxItems"));
        const seen = new Set<string>();
        value.forEach((item, i) => {
            const at = [...path, i];
            if (schema.items) problems.push(...schemaProblems(item, schema.items, at));
            if (schema.uniqueItems) {
                const key = JSON.stringify(item);
                if (seen.has(key)) problems.push(problem("uniqueItems", at, item));
                seen.add(key);
            }
        });
    }
    if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) {
            const at = [...path, key];
            const child = schema.properties?.[key];
            if (child) problems.push(...schemaProblems(item, child, at));
            else if (schema.additionalProperties === false) problems.push(problem("additionalProperties", at, item));
            else if (isPlainObject(schema.additionalProperties)) problems.push(...schemaProblems(item, schema.additionalProperties, at));
        }
        for (const key of schema.required ?? []) {
            if (value[key] === undefined) problems.push(problem("required", [...path, key], undefined));
        }
    }
    return problems;
}

/**
 * A problem in words, for a config checked as a whole (the CLI's `--policy-pack-config` check):
 * where it is, the value found and what was expected, e.g. `[1]: "3.9" is not one of "4.1", …`.
 */
export function describeSchemaProblem(problem: SchemaProblem): string {
    const { path, keyword, value } = problem;
    switch (keyword) {
        case "minItems":
        case "maxItems":
            return `${where(path)}${predicate(problem)}`;
        case "uniqueItems":
            return `${where(path.slice(0, -1))}${JSON.stringify(value)} appears more than once`;
        case "additionalProperties":
            return `${pathText(path)}: unexpected key (expected one of ${Object.keys(problem.schema.properties ?? {}).join(", ")})`;
        case "required":
            return `${pathText(path)}: required, but not set`;
        default:
            return `${where(path)}${JSON.stringify(value)} ${predicate(problem)}`;
    }
}

/**
 * A problem with one setting in the words the pack reports it, after the setting's whole value:
 * `["s3.amazonaws.com"] contains "s3.amazonaws.com"; expected items from …`.
 */
function describeSettingProblem(problem: SchemaProblem, value: unknown, setting: SettingSchema): string {
    const { path, keyword } = problem;
    if (path.length === 0) {
        switch (keyword) {
            case "type":
                switch (setting.type) {
                    case "integer":
                        return `is not an integer; expected ${describeRange(setting)}`;
                    case "number":
                        return `is not a number; expected ${describeRange(setting)}`;
                    case "array":
                        return `is not a list; expected an array of ${setting.items?.type ?? "value"}s`;
                    case "object":
                        return `is not an object; expected an object`;
                    default:
                        return `is not ${article(setting.type)}`;
                }
            case "minimum":
                return `is below the minimum; expected ${describeRange(setting)}`;
            case "maximum":
                return `is above the maximum; expected ${describeRange(setting)}`;
            case "enum":
                return `is not allowed; expected one of ${setting.enum!.map((e) => JSON.stringify(e)).join(", ")}`;
            default:
                return predicate(problem);
        }
    }
    if (path.length === 1 && typeof path[0] === "number") {
        const item = JSON.stringify(problem.value);
        switch (keyword) {
            case "type":
                return `contains ${item}, which is not ${schemaTypes(problem.schema).map(article).join(" or ")}`;
            case "enum":
                return `contains ${item}; expected items from ${problem.schema.enum!.map((e) => JSON.stringify(e)).join(", ")}`;
            case "uniqueItems":
                return `lists ${item} twice`;
            case "required":
            case "additionalProperties":
                break;
            default:
                return `contains ${item}, which ${predicate(problem)}`;
        }
    }
    if (typeof path[0] === "string" && keyword === "type" && path.length <= 2 && isPlainObject(value)) {
        // A property of an object setting, or an item of one, of the wrong type.
        const property = setting.properties?.[path[0]] ?? (isPlainObject(setting.additionalProperties) ? setting.additionalProperties : undefined);
        if (property) return `has ${JSON.stringify(path[0])}: ${JSON.stringify(value[path[0]])}; expected ${expectedValue(property)} for each key`;
    }
    return `is invalid: ${describeSchemaProblem(problem)}`;
}

/** What follows the value in a message: what is wrong with it and what was expected. */
function predicate({ keyword, value, schema }: SchemaProblem): string {
    switch (keyword) {
        case "type":
            return `is ${describeValue(value)}; expected ${schemaTypes(schema).map(article).join(" or ")}`;
        case "enum":
            return `is not one of ${schema.enum!.map((e) => JSON.stringify(e)).join(", ")}`;
        case "minimum":
            return `is below the minimum ${schema.minimum}`;
        case "maximum":
            return `is above the maximum ${schema.maximum}`;
        case "exclusiveMinimum":
            return `must be greater than ${schema.exclusiveMinimum}`;
        case "exclusiveMaximum":
            return `must be less than ${schema.exclusiveMaximum}`;
        case "minLength":
            return `is shorter than ${schema.minLength} characters`;
        case "maxLength":
            return `is longer than ${schema.maxLength} characters`;
        case "pattern":
            return patternRegExp(schema.pattern!)
                ? `does not match /${schema.pattern}/`
                : `cannot be checked: the schema's pattern /${schema.pattern}/ is not a valid regular expression`;
        case "minItems":
            return `has ${(value as unknown[]).length} items; expected at least ${schema.minItems}`;
        case "maxItems":
            return `has ${(value as unknown[]).length} items; expected at most ${schema.maxItems}`;
        case "uniqueItems":
            return "appears more than once";
        case "additionalProperties":
            return "is not an expected key";
        case "required":
            return "is required, but not set";
    }
}

function expectedValue(schema: JsonSchema): string {
    const types = schemaTypes(schema);
    if (types.length === 1 && types[0] === "array") {
        const items = schema.items ? schemaTypes(schema.items) : [];
        return items.length === 1 ? `a list of ${items[0]}s` : "a list";
    }
    return types.length ? types.map(article).join(" or ") : "a valid value";
}

function describeRange(setting: JsonSchema): string {
    const kind = setting.type === "integer" ? "an integer" : "a number";
    if (setting.minimum !== undefined && setting.maximum !== undefined) return `${kind} from ${setting.minimum} to ${setting.maximum}`;
    if (setting.minimum !== undefined) return `${kind} ≥ ${setting.minimum}`;
    if (setting.maximum !== undefined) return `${kind} ≤ ${setting.maximum}`;
    return kind;
}

function where(path: readonly (string | number)[]): string {
    return path.length ? `${pathText(path)}: ` : "";
}

/** `[1]`, `a`, `a.b[0]`: a path in a value as the messages show it. */
function pathText(path: readonly (string | number)[]): string {
    return path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("");
}

function schemaTypes(schema: JsonSchema): readonly string[] {
    return schema.type === undefined ? [] : typeof schema.type === "string" ? [schema.type] : schema.type;
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number" && Number.isFinite(value);
        case "array":
            return Array.isArray(value);
        case "object":
            return isPlainObject(value);
        case "null":
            return value === null;
        default:
            return typeof value === type;
    }
}

function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/** String length as JSON Schema counts it: in code points, not UTF-16 units. */
function characters(value: string): number {
    return [...value].length;
}

const patterns = new Map<string, RegExp | undefined>();

/** The schema's pattern compiled (unicode mode, as JSON Schema's ECMA-262 patterns); undefined when it does not compile. */
function patternRegExp(pattern: string): RegExp | undefined {
    if (!patterns.has(pattern)) {
        let compiled: RegExp | undefined;
        try {
            compiled = new RegExp(pattern, "u");
        } catch {
            compiled = undefined;
        }
        patterns.set(pattern, compiled);
    }
    return patterns.get(pattern);
}

function article(type: string): string {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What kind of JSON value this is, in words: "an integer", "a list", "null", … */
export function describeValue(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
