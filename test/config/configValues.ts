// Builds the flat `trailguard:<key>` → string map the language host passes a program, and catches
// the validation error so tests can assert on its lines.
import { expect } from "vitest";
import { checkConfig, ConfigValidationError, type CheckedConfig } from "../../config/validateConfig";

export type Structured = Record<string, unknown>;

/** Config for one environment: `environment` plus structured keys, each serialised as JSON like Pulumi does. */
export function configValues(environment: string, keys: Structured = {}): Record<string, string> {
    const values: Record<string, string> = { "aws:region": "eu-west-1", "trailguard:environment": environment };
    for (const [key, value] of Object.entries(keys)) {
        values[`trailguard:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return values;
}

/** The problem lines of the ConfigValidationError the config must cause. */
export function problemsOf(values: Record<string, string>, stack = "test"): string[] {
    try {
        checkConfig(values, stack);
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigValidationError);
        return (err as ConfigValidationError).problems;
    }
    throw new Error("expected the config to be rejected, but it was accepted");
}

/** The single problem line the config must cause. */
export function onlyProblem(values: Record<string, string>, stack = "test"): string {
    const problems = problemsOf(values, stack);
    expect(problems).toHaveLength(1);
    return problems[0];
}

export function accepted(values: Record<string, string>, stack = "test"): CheckedConfig {
    return checkConfig(values, stack);
}
