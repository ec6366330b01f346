// Policy configuration in the shape `pulumi preview --policy-pack-config <file>` takes:
//   { "<policy>": "<enforcement level>" }  or  { "<policy>": { "enforcementLevel": "...", "<key>": value } }
// plus the reserved key "all", whose level applies to every policy not configured by name.
// Checked the way the Pulumi CLI checks it before Configure: against the config schema each policy
// declares in GetAnalyzerInfo, with defaults from the schema filled in.
import * as fs from "fs";
import { UserError } from "../userError";
import type { EnforcementLevel, PolicyDescriptor } from "./verdict";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

export type PolicyPackConfig = Record<string, PolicyConfigEntry>;

/** What Configure carries for one policy. */
export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Reads and shape-checks a `--policy-pack-config` JSON file. */
export function readPolicyPackConfig(file: string): PolicyPackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserError(`cannot read policy pack config ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new UserError(`${file}: not valid JSON: ${(err as Error).message}`);
    }
    return checkPolicyPackConfigShape(parsed, file);
}

export function checkPolicyPackConfigShape(value: unknown, source = "policy pack config"): PolicyPackConfig {
    if (!isPlainObject(value)) {
        throw new UserError(`${source}: expected a JSON object of policy name → enforcement level or settings, got ${describe(value)}`);
    }
    const problems: string[] = [];
    for (const [policy, entry] of Object.entries(value)) {
        if (typeof entry === "string") {
            if (!ENFORCEMENT_LEVELS.includes(entry as EnforcementLevel)) {
                problems.push(`policy "${policy}": enforcement level ${JSON.stringify(entry)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`);
            }
        } else if (isPlainObject(entry)) {
            const level = entry["enforcementLevel"];
            if (level !== undefined && !ENFORCEMENT_LEVELS.includes(level as EnforcementLevel)) {
                problems.push(
                    `policy "${policy}", key "enforcementLevel": ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`,
                );
            }
            if (policy === "all" && Object.keys(entry).some((k) => k !== "enforcementLevel")) {
                problems.push(`"all" takes only an enforcement level, not settings`);
            }
        } else {
            problems.push(`policy "${policy}": expected an enforcement level string or an object of settings, got ${describe(entry)}`);
        }
    }
    if (problems.length) throw new UserError(`${source}:\n  ${problems.join("\n  ")}`);
    return value as PolicyPackConfig;
}

/**
 * Every policy's level and settings after the user's config is laid over the pack's defaults, as
 * the CLI sends them to Configure. Throws a UserError naming the policy, key, value and expectation
 * of every mistake.
 */
export function resolvePolicyPackConfig(
    config: PolicyPackConfig,
    policies: readonly PolicyDescriptor[],
    packName: string,
    source = "policy pack config",
    initialConfig: PolicyPackConfig = {},
): Record<string, ResolvedPolicyConfig> {
    checkPolicyPackConfigShape(config, source);
    const known = new Map(policies.map((p) => [p.name, p]));
    const problems: string[] = [];
    for (const name of Object.keys(config)) {
        if (name !== "all" && !known.has(name)) {
            problems.push(`policy "${name}" is not in pack ${packName} (policies: ${[...known.keys()].join(", ")})`);
        }
    }
    const allEntry = config["all"];
    const allLevel = typeof allEntry === "string" ? allEntry : allEntry?.enforcementLevel;
    const resolved: Record<string, ResolvedPolicyConfig> = {};
    for (const policy of policies) {
        const entry = config[policy.name];
        const initial = initialConfig[policy.name];
        const settings: Record<string, unknown> = typeof entry === "object" ? { ...entry } : {};
        delete settings["enforcementLevel"];
        const initialSettings: Record<string, unknown> = typeof initial === "object" ? { ...initial } : {};
        delete initialSettings["enforcementLevel"];
        const initialLevel = typeof initial === "string" ? initial : initial?.enforcementLevel;
        const level = (typeof entry === "string" ? entry : entry?.enforcementLevel) ?? allLevel ?? initialLevel ?? policy.enforcementLevel;
        const schema = policy.configSchema as JsonSchema | undefined;
        const properties: Record<string, unknown> = {};
        for (const [key, propertySchema] of Object.entries(schema?.properties ?? {})) {
            if (propertySchema.default !== undefined) properties[key] = propertySchema.default;
        }
        Object.assign(properties, initialSettings);
        for (const [key, value] of Object.entries(settings)) {
            const propertySchema = schema?.properties?.[key];
            if (!propertySchema) {
                const keys = Object.keys(schema?.properties ?? {});
                problems.push(
                    `policy "${policy.name}", key "${key}": not a setting of this policy` +
                        (keys.length ? ` (settings: ${keys.join(", ")})` : " (it takes no settings, only an enforcement level)"),
                );
                continue;
            }
            for (const problem of checkValue(value, propertySchema)) {
                problems.push(`policy "${policy.name}", key "${key}": ${problem}`);
            }
            properties[key] = value;
        }
        for (const key of schema?.required ?? []) {
            if (properties[key] === undefined) problems.push(`policy "${policy.name}", key "${key}": required, but not set`);
        }
        resolved[policy.name] = { enforcementLevel: level as EnforcementLevel, properties };
    }
    if (problems.length) throw new UserError(`${source}: ${problems.length === 1 ? problems[0] : "\n  " + problems.join("\n  ")}`);
    return resolved;
}

/** The subset of JSON Schema policy packs use for config. */
export interface JsonSchema {
    type?: string | string[];
    enum?: unknown[];
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    minItems?: number;
    maxItems?: number;
    uniqueItems?: boolean;
    items?: JsonSchema;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    additionalProperties?: boolean | JsonSchema;
    default?: unknown;
    description?: string;
}

/** Problems with `value` against `schema`, each saying what was found and what was expected. */
export function checkValue(value: unknown, schema: JsonSchema, at = ""): string[] {
    const where = at ? `${at}: ` : "";
    const shown = JSON.stringify(value);
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length && !types.some((t) => hasType(value, t))) {
        return [`${where}${shown} is ${describe(value)}; expected ${types.map(article).join(" or ")}`];
    }
    if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === shown)) {
        return [`${where}${shown} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`];
    }
    const problems: string[] = [];
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}${shown} is below the minimum ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}${shown} is above the maximum ${schema.maximum}`);
        if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
            problems.push(`${where}${shown} must be greater than ${schema.exclusiveMinimum}`);
        }
        if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
            problems.push(`${where}${shown} must be less than ${schema.exclusiveMaximum}`);
        }
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${where}${shown} is shorter than ${schema.minLength} characters`);
        if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${where}${shown} is longer than ${schema.maxLength} characters`);
        if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
            problems.push(`${where}${shown} does not match /${schema.pattern}/`);
        }
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}has ${value.length} items; expected at least ${schema.minItems}`);
        if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${where}has ${value.length} items; expected at most ${schema.maxItems}`);
        if (schema.uniqueItems) {
            const seen = new Set<string>();
            for (const item of value) {
                const key = JSON.stringify(item);
                if (seen.has(key)) problems.push(`${where}${key} appears more than once`);
                seen.add(key);
            }
        }
        if (schema.items) value.forEach((item, i) => problems.push(...checkValue(item, schema.items!, `${at}[${i}]`)));
    }
    if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) {
            const child = schema.properties?.[key];
            const path = at ? `${at}.${key}` : key;
            if (child) problems.push(...checkValue(item, child, path));
            else if (schema.additionalProperties === false) problems.push(`${path}: unexpected key (expected one of ${Object.keys(schema.properties ?? {}).join(", ")})`);
            else if (isPlainObject(schema.additionalProperties)) problems.push(...checkValue(item, schema.additionalProperties, path));
        }
        for (const key of schema.required ?? []) {
            if (value[key] === undefined) problems.push(`${at ? `${at}.` : ""}${key}: required, but not set`);
        }
    }
    return problems;
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

function article(type: string): string {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
