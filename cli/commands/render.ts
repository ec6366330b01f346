// `trailguard render --stack <name>`: a program with its stack's settings file, rendered offline by
// the SDK's mock engine, as a tree or as JSON (docs/render.md). The program is chosen as for check
// (pulumiProject/selectProject.ts): --program, else the working directory's project, else
// trailguard's. One stack per run: its output is one tree or one JSON document, so a repeated
// --stack is refused rather than half obeyed.
import { Command, Option } from "commander";
import { requireFreshBuild } from "../buildFreshness";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { selectProject } from "../pulumiProject/selectProject";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";
import { renderTimeoutOption } from "./renderTimeoutOption";

interface RenderOptions {
    stack: string[];
    program?: string;
    format: "tree" | "json";
    mode: RenderMode;
    timeout: number;
}

export function registerRenderCommand(program: Command): void {
    program
        .command("render")
        .description("render a stack's resources offline with the Pulumi SDK's mock engine")
        .requiredOption("--stack <name>", "stack whose settings file Pulumi.<name>.yaml to render (trailguard's: stacks/; one per run)", collect)
        .option("--program <dir>", "the Pulumi TypeScript/JavaScript program directory (with Pulumi.yaml); default: the working directory's project, else trailguard's own")
        .addOption(new Option("--format <format>", "output format").choices(["tree", "json"]).default("tree"))
        .addOption(
            new Option("--mode <mode>", "preview: computed values unknown, as in `pulumi preview`; deployed: as after `pulumi up`")
                .choices(["preview", "deployed"])
                .default("preview"),
        )
        .addOption(renderTimeoutOption())
        .action(async (opts: RenderOptions) => {
            if (opts.stack.length > 1) {
                throw new UserError(
                    `--stack given ${opts.stack.length} times (${opts.stack.join(", ")}): render prints one stack; ` +
                        "run it once per stack, or `trailguard check --stack a --stack b` to check several",
                );
            }
            const name = opts.stack[0];
            requireFreshBuild(trailguardRoot());
            const chosen = selectProject(opts.program);
            // Loaded here, not at start-up: every other command would pay for them (see main.ts).
            const [{ renderStack, renderTrailguardStack }, { setRenderTimeout }, { warnAboutSharedNamePrefixes }, { readPulumiProject }, { stackConfigPath }] =
                await Promise.all([
                    import("../mockEngine/renderEntryPoints"),
                    import("../mockEngine/renderWorkerPool"),
                    import("../pulumiProject/sharedNamePrefixes"),
                    import("../pulumiProject/projectFile"),
                    import("../pulumiProject/stackConfigFile"),
                ]);
            setRenderTimeout(opts.timeout);
            const project = readPulumiProject(chosen.dir);
            const configFile = stackConfigPath(project, name);
            const stack = chosen.own
                ? await renderTrailguardStack(name, { mode: opts.mode })
                : await renderStack(project, configFile, name, { mode: opts.mode });
            warnAboutSharedNamePrefixes([{ stack: name, configFile, project: project.name, programDir: project.dir }]);
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
