// `trailguard render --stack <name>`: the program for stacks/Pulumi.<name>.yaml, rendered offline
// by the SDK's mock engine, as a tree or as JSON.
import { Command, Option } from "commander";
import { requireFreshBuild } from "../buildFreshness";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { trailguardRoot } from "../trailguardRoot";

export function registerRenderCommand(program: Command): void {
    program
        .command("render")
        .description("render a stack's resources offline with the Pulumi SDK's mock engine")
        .requiredOption("--stack <name>", "stack whose settings file stacks/Pulumi.<name>.yaml to render")
        .addOption(new Option("--format <format>", "output format").choices(["tree", "json"]).default("tree"))
        .addOption(
            new Option("--mode <mode>", "preview: computed values unknown, as in `pulumi preview`; deployed: as after `pulumi up`")
                .choices(["preview", "deployed"])
                .default("preview"),
        )
        .action(async (opts: { stack: string; format: "tree" | "json"; mode: RenderMode }) => {
            requireFreshBuild(trailguardRoot());
            // Loaded here, not at start-up: every other command would pay for them (see main.ts).
            const { renderTrailguardStack } = await import("../mockEngine/renderEntryPoints");
            const stack = await renderTrailguardStack(opts.stack, { mode: opts.mode });
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
