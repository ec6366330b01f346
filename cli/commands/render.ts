// `trailguard render --stack <name>`: the program for stacks/Pulumi.<name>.yaml, rendered offline
// by the SDK's mock engine, as a tree or as JSON (docs/render.md). One stack per run: its output is
// one tree or one JSON document, so a repeated --stack is refused rather than half obeyed.
import { Command, Option } from "commander";
import { requireFreshBuild } from "../buildFreshness";
import { UserError } from "../userError";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { trailguardRoot } from "../trailguardRoot";
import { renderTimeoutOption } from "./renderTimeoutOption";

export function registerRenderCommand(program: Command): void {
    program
        .command("render")
        .description("render a stack's resources offline with the Pulumi SDK's mock engine")
        .requiredOption("--stack <name>", "stack whose settings file stacks/Pulumi.<name>.yaml to render (one per run)", collect)
        .addOption(new Option("--format <format>", "output format").choices(["tree", "json"]).default("tree"))
        .addOption(
            new Option("--mode <mode>", "preview: computed values unknown, as in `pulumi preview`; deployed: as after `pulumi up`")
                .choices(["preview", "deployed"])
                .default("preview"),
        )
        .addOption(renderTimeoutOption())
        .action(async (opts: { stack: string[]; format: "tree" | "json"; mode: RenderMode; timeout: number }) => {
            if (opts.stack.length > 1) {
                throw new UserError(
                    `--stack given ${opts.stack.length} times (${opts.stack.join(", ")}): render prints one stack; ` +
                        "run it once per stack, or `trailguard check --stack a --stack b` to check several",
                );
            }
            const name = opts.stack[0];
            requireFreshBuild(trailguardRoot());
            // Loaded here, not at start-up: every other command would pay for them (see main.ts).
            const [{ renderTrailguardStack }, { setRenderTimeout }, { warnAboutSharedNamePrefixes }, { readPulumiProject }, { stackConfigPath }] =
                await Promise.all([
                    import("../mockEngine/renderEntryPoints"),
                    import("../mockEngine/renderWorkerPool"),
                    import("../pulumiProject/sharedNamePrefixes"),
                    import("../pulumiProject/projectFile"),
                    import("../pulumiProject/stackConfigFile"),
                ]);
            setRenderTimeout(opts.timeout);
            const stack = await renderTrailguardStack(name, { mode: opts.mode });
            const root = trailguardRoot();
            const project = readPulumiProject(root);
            warnAboutSharedNamePrefixes([{ stack: name, configFile: stackConfigPath(project, name), project: project.name, programDir: root }]);
            if (opts.format === "json") {
                const { renderedStackJson } = await import("../format/renderJson");
                process.stdout.write(renderedStackJson(stack));
            } else {
                const { formatResourceTree } = await import("../format/resourceTree");
                process.stdout.write(formatResourceTree(stack));
            }
        });
}

function collect(value: string, previous: string[] = []): string[] {
    return [...previous, value];
}
