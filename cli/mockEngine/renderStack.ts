// Parent side of a render: finds the Pulumi project and the stack's settings file, runs the
// program in a render worker (renderPool.ts) and returns the rendered stack, or a UserError that says
// what the user has to fix.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ORGANIZATION_ID } from "./renderDefaults";
import { sharedRenderPool } from "./renderPool";
import type { RenderJob } from "./renderProgram";
import type { RenderedStack, RenderMode } from "./renderedStack";
import type { WorkerResult } from "./renderWorkerLoop";
import { readStackConfigFile } from "./stackConfigFile";

export interface PulumiProject {
    dir: string;
    name: string;
    main: string;
    stackConfigDir: string;
    typescript: boolean;
}

export interface RenderOptions {
    mode?: RenderMode;
    /** Config values that replace the file's, e.g. for tests of one setting: `ns:key` → string. */
    configOverrides?: Record<string, string>;
    /** Config keys to drop from the file. */
    configRemovals?: string[];
    accountId?: string;
    organizationId?: string;
    /** See RenderJob.libraryDirs. */
    libraryDirs?: string[];
}

export function readPulumiProject(dir: string): PulumiProject {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) throw new UserError(`${dir}: no Pulumi.yaml here; --program must name a Pulumi project directory`);
    let doc: any;
    try {
        doc = parseYaml(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new UserError(`${file}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
    if (!doc || typeof doc.name !== "string") throw new UserError(`${file}: expected a 'name:' for the project`);
    const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
    if (runtime !== "nodejs") {
        throw new UserError(`${file}: runtime is ${JSON.stringify(runtime)}; trailguard renders only nodejs programs`);
    }
    let main = typeof doc.main === "string" ? doc.main : undefined;
    if (!main) {
        const pkgFile = path.join(dir, "package.json");
        const pkgMain = fs.existsSync(pkgFile) ? JSON.parse(fs.readFileSync(pkgFile, "utf8")).main : undefined;
        main = pkgMain ?? (fs.existsSync(path.join(dir, "index.ts")) ? "index.ts" : "index.js");
    }
    const mainPath = path.resolve(dir, main!);
    return {
        dir,
        name: doc.name,
        main: mainPath,
        stackConfigDir: path.resolve(dir, doc.stackConfigDir ?? "."),
        typescript: mainPath.endsWith(".ts") || fs.existsSync(path.join(mainPath, "index.ts")),
    };
}

/** The stack names that have a settings file in the project's stack config directory. */
export function listStacks(project: PulumiProject): string[] {
    if (!fs.existsSync(project.stackConfigDir)) return [];
    return fs
        .readdirSync(project.stackConfigDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function stackConfigPath(project: PulumiProject, stack: string): string {
    const candidates = ["yaml", "yml"].map((ext) => path.join(project.stackConfigDir, `Pulumi.${stack}.${ext}`));
    const found = candidates.find((f) => fs.existsSync(f));
    if (!found) {
        const known = listStacks(project);
        throw new UserError(
            `no stack '${stack}': ${candidates[0]} does not exist` +
                (known.length ? ` (stacks: ${known.join(", ")})` : ""),
        );
    }
    return found;
}

/**
 * trailguard's own modules besides index.ts: components, config rules and the control catalogue.
 * They only define classes, schemas and constants when loaded; index.ts reads the stack's config and
 * creates the resources. So a render worker keeps them loaded from one stack to the next
 * (test/mockEngine/renderPool.test.ts checks that a stack renders the same either way).
 */
const TRAILGUARD_LIBRARY_DIRS = ["core", "components", "config", "policies"];

/** Renders one of trailguard's own stacks (stacks/Pulumi.<stack>.yaml) from the compiled program. */
export function renderTrailguardStack(stack: string, options: RenderOptions = {}): Promise<RenderedStack> {
    const root = trailguardRoot();
    const project = readPulumiProject(root);
    const compiled = path.join(root, "dist", "index.js");
    if (!fs.existsSync(compiled)) {
        throw new UserError(`${compiled} is missing: run 'npm run build' (npm ci does it) first`);
    }
    const libraryDirs = TRAILGUARD_LIBRARY_DIRS.map((dir) => path.join(root, "dist", dir));
    return renderStack({ ...project, main: compiled, typescript: false }, stackConfigPath(project, stack), stack, { ...options, libraryDirs });
}

/** Renders any Pulumi Node.js program with a given stack settings file. */
export function renderStack(
    project: PulumiProject,
    configFile: string,
    stack: string,
    options: RenderOptions = {},
): Promise<RenderedStack> {
    const config = readStackConfigFile(configFile, project.name);
    const values = { ...config.values, ...(options.configOverrides ?? {}) };
    for (const key of options.configRemovals ?? []) delete values[key];
    const job: RenderJob = {
        cwd: project.dir,
        program: project.main,
        project: project.name,
        stack,
        mode: options.mode ?? "preview",
        config: values,
        secretKeys: config.secretKeys,
        accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
        organizationId: options.organizationId ?? DEFAULT_ORGANIZATION_ID,
        typescript: project.typescript,
        libraryDirs: options.libraryDirs,
    };
    return runWorker(job, configFile);
}

async function runWorker(job: RenderJob, configFile: string): Promise<RenderedStack> {
    const where = `program ${job.program} (stack ${job.stack}, ${configFile})`;
    let result: WorkerResult;
    try {
        result = await sharedRenderPool().render(job);
    } catch (err) {
        throw new UserError(`${where} failed: ${(err as Error).message}`);
    }
    if (result.ok) return result.stack;
    if (result.kind === "user") throw new UserError(result.message);
    throw new UserError(`${where} failed: ${result.message}`);
}
