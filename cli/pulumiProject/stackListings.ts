// The stacks `trailguard check` would cover in a project, each with its settings file, environment
// and the policy config it is checked under (and by which rule): what `trailguard stacks` prints.
import * as path from "path";
import { readPulumiProject } from "./projectFile";
import { selectProject } from "./selectProject";
import { listStacks, stackConfigPath } from "./stackConfigFile";
import { stackPolicyConfig, type PolicyConfigRule } from "./stackPolicyConfig";

export interface StackListing {
    stack: string;
    /** Paths relative to the project directory, with forward slashes (as the workflow uses them). */
    settingsFile: string;
    environment: string;
    policyConfigFile: string | null;
    policyConfigRule: PolicyConfigRule;
}

/** The project selectProject picks for `programFlag`, and its stacks. */
export function stackListings(programFlag: string | undefined): { project: string; stacks: StackListing[] } {
    const project = readPulumiProject(selectProject(programFlag).dir);
    const relative = (file: string) => path.relative(project.dir, file).split(path.sep).join("/");
    const stacks = listStacks(project).map((stack) => {
        const config = stackPolicyConfig(project, stack);
        return {
            stack,
            settingsFile: relative(stackConfigPath(project, stack)),
            environment: config.environment,
            policyConfigFile: config.file ? relative(config.file) : null,
            policyConfigRule: config.rule,
        };
    });
    return { project: project.name, stacks };
}
