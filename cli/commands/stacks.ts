// `trailguard stacks`: the stacks `trailguard check` would cover in this project, each with its
// settings file, environment and the policy config it is checked under (and by which rule). The CI
// workflow reads `--format json` to build its `pulumi preview` matrix, so a new stack file is
// previewed, under the same policy config, without editing the workflow.
import * as path from "path";
import { Command, Option } from "commander";
import { escapeControlCharacters } from "../format/terminalText";
import { readPulumiProject } from "../pulumiProject/projectFile";
import { selectProject } from "../pulumiProject/selectProject";
import { listStacks, stackConfigPath } from "../pulumiProject/stackConfigFile";
import { stackPolicyConfig, type PolicyConfigRule } from "../pulumiProject/stackPolicyConfig";

interface StacksOptions {
    program?: string;
    format: "text" | "json";
}

export interface StackListing {
    stack: string;
    /** Paths relative to the project directory, with forward slashes (as the workflow uses them). */
    settingsFile: string;
    environment: string;
    policyConfigFile: string | null;
    policyConfigRule: PolicyConfigRule;
}

export function registerStacksCommand(program: Command): void {
    program
        .command("stacks")
        .description("list the project's stacks with the policy config each is checked under")
        .option("--program <dir>", "the Pulumi program directory; default: the working directory's project, else trailguard's own")
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
        .action((opts: StacksOptions) => {
            const project = readPulumiProject(selectProject(opts.program).dir);
            const relative = (file: string) => path.relative(project.dir, file).split(path.sep).join("/");
            const listings: StackListing[] = listStacks(project).map((stack) => {
                const config = stackPolicyConfig(project, stack);
                return {
                    stack,
                    settingsFile: relative(stackConfigPath(project, stack)),
                    environment: config.environment,
                    policyConfigFile: config.file ? relative(config.file) : null,
                    policyConfigRule: config.rule,
                };
            });
            if (opts.format === "json") {
                process.stdout.write(JSON.stringify({ project: project.name, stacks: listings }, null, 2) + "\n");
                return;
            }
            for (const s of listings) {
                // File names and settings values reach the terminal: never their control characters.
                const line = `${s.stack}\t${s.settingsFile}\tenvironment ${s.environment}\tpolicy config ${s.policyConfigFile ?? "(pack defaults)"}`;
                process.stdout.write(line.split("\t").map((field) => escapeControlCharacters(field)).join("\t") + "\n");
            }
        });
}
