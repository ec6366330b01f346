// Typed, validated policy settings. Each tunable policy declares its settings once (JSON schema with
// defaults); the same declaration becomes the policy's configSchema, which the Pulumi CLI checks
// before Configure, and is checked again here, so a pack run by any engine reports a mistake as one
// clear message naming the policy, the key, the value and what was expected.
import type { PolicyConfigSchema } from "@pulumi/policy";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

export interface SettingSchema {
    type: "integer" | "number" | "boolean" | "string" | "array" | "object";
    description: string;
    default: unknown;
    minimum?: number;
    maximum?: number;
    enum?: readonly unknown[];
    items?: { type: "string" | "integer"; enum?: readonly unknown[]; pattern?: string };
    uniqueItems?: boolean;
    additionalProperties?: { type: "array"; items: { type: "string" } };
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
        const problem = check(value, setting);
        if (problem) {
            return {
                ok: false,
                message: `invalid config for policy "${policy}", key "${key}": ${JSON.stringify(value)} ${problem}`,
            };
        }
        settings[key] = value;
    }
    return { ok: true, settings: settings as T };
}

function check(value: unknown, setting: SettingSchema): string | undefined {
    const expected = `${/^[aeiou]/.test(setting.type) ? "an" : "a"} ${setting.type}`;
    switch (setting.type) {
        case "integer":
            if (typeof value !== "number" || !Number.isInteger(value)) return `is not an integer; expected ${describeRange(setting)}`;
            break;
        case "number":
            if (typeof value !== "number" || !Number.isFinite(value)) return `is not a number; expected ${describeRange(setting)}`;
            break;
        case "array":
            if (!Array.isArray(value)) return `is not a list; expected ${expected} of ${setting.items?.type ?? "values"}s`;
            break;
        case "object":
            if (typeof value !== "object" || value === null || Array.isArray(value)) return `is not an object; expected ${expected}`;
            break;
        default:
            if (typeof value !== setting.type) return `is not ${expected}`;
    }
    if (typeof value === "number") {
        if (setting.minimum !== undefined && value < setting.minimum) return `is below the minimum; expected ${describeRange(setting)}`;
        if (setting.maximum !== undefined && value > setting.maximum) return `is above the maximum; expected ${describeRange(setting)}`;
    }
    if (setting.enum && !setting.enum.includes(value)) {
        return `is not allowed; expected one of ${setting.enum.map((e) => JSON.stringify(e)).join(", ")}`;
    }
    if (Array.isArray(value) && setting.items) {
        const seen = new Set<unknown>();
        for (const item of value) {
            if (setting.items.type === "string" && typeof item !== "string") return `contains ${JSON.stringify(item)}, which is not a string`;
            if (setting.items.type === "integer" && !Number.isInteger(item)) return `contains ${JSON.stringify(item)}, which is not an integer`;
            if (setting.items.enum && !setting.items.enum.includes(item)) {
                return `contains ${JSON.stringify(item)}; expected items from ${setting.items.enum.map((e) => JSON.stringify(e)).join(", ")}`;
            }
            if (setting.uniqueItems && seen.has(item)) return `lists ${JSON.stringify(item)} twice`;
            seen.add(item);
        }
    }
    if (setting.type === "object" && setting.additionalProperties && typeof value === "object" && value !== null) {
        for (const [key, item] of Object.entries(value)) {
            if (!Array.isArray(item) || item.some((v) => typeof v !== "string")) {
                return `has ${JSON.stringify(key)}: ${JSON.stringify(item)}; expected a list of strings for each key`;
            }
        }
    }
    return undefined;
}

function describeRange(setting: SettingSchema): string {
    const kind = setting.type === "integer" ? "an integer" : "a number";
    if (setting.minimum !== undefined && setting.maximum !== undefined) return `${kind} from ${setting.minimum} to ${setting.maximum}`;
    if (setting.minimum !== undefined) return `${kind} ≥ ${setting.minimum}`;
    if (setting.maximum !== undefined) return `${kind} ≤ ${setting.maximum}`;
    return kind;
}
