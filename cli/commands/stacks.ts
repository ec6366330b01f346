// `trailguard stacks`: the stacks `trailguard check` would cover in this project, each with its
// settings file, environment and the policy config it is checked under (and by which rule). The CI
// workflow reads `--format json` to build its `pulumi preview` matrix, so a new stack file is
// previewed, under the same policy config, without editing the workflow.
// Only the options load with the command line: the listing (and the YAML reader) when it runs.
import { Command, Option } from "commander";
import { escapeControlCharacters } from "../format/terminalText";

interface StacksOptions {
    program?: string;
    format: "text" | "json";
}

export function registerStacksCommand(program: Command): void {
    program
        .command("stacks")
        .description("list the project's stacks with the policy config each is checked under")
        .option("--program <dir>", "the Pulumi program directory; default: the working directory's project, else trailguard's own")
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
        .action(async (opts: StacksOptions) => {
            const { stackListings } = await import("../pulumiProject/stackListings");
            const listing = stackListings(opts.program);
            if (opts.format === "json") {
                process.stdout.write(JSON.stringify(listing, null, 2) + "\n");
                return;
            }
            for (const s of listing.stacks) {
                // File names and settings values reach the terminal: never their control characters.
                const line = `${s.stack}\t${s.settingsFile}\tenvironment ${s.environment}\tpolicy config ${s.policyConfigFile ?? "(pack defaults)"}`;
                process.stdout.write(line.split("\t").map((field) => escapeControlCharacters(field)).join("\t") + "\n");
            }
        });
}
