// Which policy config (`--policy-pack-config` JSON) a stack is checked under. One rule, used by
// `trailguard check`, `trailguard stacks` (which the CI workflow reads) and documented in
// docs/check.md ("Which policy config a stack gets"):
//   1. <project>/policies/stacks/<stack>.json, when it exists: one stack's own exception;
//   2. <project>/policies/environments/<environment>.json, when it exists, where environment is the
//      stack's `trailguard:environment`, else the stack's name;
//   3. otherwise none: the pack's defaults.
// A new stack of an existing environment therefore needs no file of its own.
import * as fs from "fs";
import * as path from "path";
import type { PulumiProject } from "./projectFile";
import { readStackConfigFile, stackConfigPath } from "./stackConfigFile";

export const PER_STACK_POLICY_CONFIG_DIR = path.join("policies", "stacks");
export const PER_ENVIRONMENT_POLICY_CONFIG_DIR = path.join("policies", "environments");

export type PolicyConfigRule = "stack" | "environment" | "pack defaults";

export interface StackPolicyConfig {
    /** Absolute path of the JSON file; absent under the pack's defaults. */
    file?: string;
    rule: PolicyConfigRule;
    /** The stack's `trailguard:environment`, else its name. */
    environment: string;
}

/** @param configFile the stack's settings file; default: the project's own for `stack` */
export function stackPolicyConfig(project: PulumiProject, stack: string, configFile: string = stackConfigPath(project, stack)): StackPolicyConfig {
    const environment = stackEnvironment(project, stack, configFile);
    const perStack = path.join(project.dir, PER_STACK_POLICY_CONFIG_DIR, `${stack}.json`);
    if (fs.existsSync(perStack)) return { file: perStack, rule: "stack", environment };
    // basename: an environment value is a name, never a path out of the folder.
    const perEnvironment = path.join(project.dir, PER_ENVIRONMENT_POLICY_CONFIG_DIR, `${path.basename(environment)}.json`);
    if (fs.existsSync(perEnvironment)) return { file: perEnvironment, rule: "environment", environment };
    return { rule: "pack defaults", environment };
}

function stackEnvironment(project: PulumiProject, stack: string, configFile: string): string {
    try {
        const environment = readStackConfigFile(configFile, project.name).values["trailguard:environment"];
        return typeof environment === "string" && environment !== "" ? environment : stack;
    } catch {
        // An unreadable settings file is reported by its render, with the file named.
        return stack;
    }
}
