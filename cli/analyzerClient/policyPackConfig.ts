// Policy configuration in the shape `pulumi preview --policy-pack-config <file>` takes:
//   { "<policy>": "<enforcement level>" }  or  { "<policy>": { "enforcementLevel": "...", "<key>": value } }
// plus the reserved key "all", whose level applies to every policy not configured by name.
// Checked the way the Pulumi CLI checks it before Configure: against the config schema each policy
// declares in GetAnalyzerInfo, with defaults from the schema filled in. The schema check is the
// pack's own validator (policies/src/policyConfig.ts), which the pack runs again on what reaches it.
import * as fs from "fs";
import { describeSchemaProblem, describeValue as describe, type JsonSchema, schemaProblems } from "../../policies/src/policyConfig";
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
            for (const problem of schemaProblems(value, propertySchema)) {
                problems.push(`policy "${policy.name}", key "${key}": ${describeSchemaProblem(problem)}`);
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
