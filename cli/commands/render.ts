// `trailguard render --stack <name>`: a program with its stack's settings file, rendered offline by
// the SDK's mock engine, as a tree or as JSON. The program is chosen as for check
// (pulumiProject/selectProject.ts): --program, else the working directory's project, else trailguard's.
import { Command, Option } from "commander";
import { requireFreshBuild } from "../buildFreshness";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { selectProject } from "../pulumiProject/selectProject";
import { trailguardRoot } from "../trailguardRoot";

export function registerRenderCommand(program: Command): void {
    program
        .command("render")
        .description("render a stack's resources offline with the Pulumi SDK's mock engine")
        .requiredOption("--stack <name>", "stack whose settings file Pulumi.<name>.yaml to render (trailguard's: stacks/)")
        .option("--program <dir>", "the Pulumi TypeScript/JavaScript program directory (with Pulumi.yaml); default: the working directory's project, else trailguard's own")
        .addOption(new Option("--format <format>", "output format").choices(["tree", "json"]).default("tree"))
        .addOption(
            new Option("--mode <mode>", "preview: computed values unknown, as in `pulumi preview`; deployed: as after `pulumi up`")
                .choices(["preview", "deployed"])
                .default("preview"),
        )
        .action(async (opts: { stack: string; program?: string; format: "tree" | "json"; mode: RenderMode }) => {
            requireFreshBuild(trailguardRoot());
            const chosen = selectProject(opts.program);
            // Loaded here, not at start-up: every other command would pay for them (see main.ts).
            const { renderStack, renderTrailguardStack } = await import("../mockEngine/renderEntryPoints");
            const { readPulumiProject } = await import("../pulumiProject/projectFile");
            const { stackConfigPath } = await import("../pulumiProject/stackConfigFile");
            let stack;
            if (chosen.own) {
                stack = await renderTrailguardStack(opts.stack, { mode: opts.mode });
            } else {
                const project = readPulumiProject(chosen.dir);
                stack = await renderStack(project, stackConfigPath(project, opts.stack), opts.stack, { mode: opts.mode });
            }
            if (opts.format === "json") {
                const resources = stack.resources.map((r) => ({
                    urn: r.urn,
                    type: r.type,
                    name: r.name,
                    parent: r.parent ?? null,
                    custom: r.custom,
                    id: r.id ?? null,
                    inputs: r.inputs,
                    outputs: r.outputs,
                    propertyDependencies: r.propertyDependencies,
                    options: r.options,
                }));
                process.stdout.write(
                    JSON.stringify({ stack: stack.stack, mode: stack.mode, resources, outputs: stack.outputs, warnings: stack.warnings }, null, 2) + "\n",
                );
            } else {
                const { formatResourceTree } = await import("../format/resourceTree");
                process.stdout.write(formatResourceTree(stack));
            }
        });
}
