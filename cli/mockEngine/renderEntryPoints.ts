// The entry points for rendering a stack, called in the CLI process (and by the tests): renderStack
// for any Pulumi Node.js program with a stack settings file, renderTrailguardStack for trailguard's
// own stacks. Each builds a RenderJob from the project and the stack's settings (read by
// ../pulumiProject/), has a render worker run it (renderWorkerPool.ts) and returns the rendered
// stack, or a UserError that says what the user has to fix.
import * as fs from "fs";
import * as path from "path";
import { readPulumiProject, type PulumiProject } from "../pulumiProject/projectFile";
import { readStackConfigFile, stackConfigPath } from "../pulumiProject/stackConfigFile";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ORGANIZATION_ID } from "./renderDefaults";
import type { StackCost } from "../check/stackCost";
import type { RenderedResource, RenderedStack, RenderMode } from "./renderedStackFormat";
import type { WorkerResult } from "./renderJobLoop";
import { RenderTimeoutError, sharedRenderPool } from "./renderWorkerPool";
import type { RenderJob } from "./runProgramWithMocks";

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
    /** Also price the stack from its settings file (RenderJob.estimateCost); see renderAndPrice. */
    estimateCost?: boolean;
    /**
     * Told of the resources as the program registers them, before the render finishes, so that
     * their analysis can start meanwhile, as the engine's does (`check`: RenderAnalysis).
     */
    onResources?: (resources: RenderedResource[]) => void;
}

/** A render, and the stack's cost estimate when RenderOptions.estimateCost asked for it. */
export interface PricedRender {
    rendered: RenderedStack;
    cost?: StackCost;
}

/**
 * trailguard's own modules besides index.ts: components, config rules and the control catalogue.
 * They only define classes, schemas and constants when loaded; index.ts reads the stack's config and
 * creates the resources. So a render worker keeps them loaded from one stack to the next
 * (test/mockEngine/renderPool.test.ts checks that a stack renders the same either way).
 */
const TRAILGUARD_LIBRARY_DIRS = ["core", "components", "config", "policies"];

/** Renders one of trailguard's own stacks (stacks/Pulumi.<stack>.yaml) from the compiled program. */
export async function renderTrailguardStack(stack: string, options: RenderOptions = {}): Promise<RenderedStack> {
    return (await renderTrailguardAndPrice(stack, options)).rendered;
}

/**
 * renderTrailguardStack, and the stack's cost estimate when options.estimateCost asks for it.
 * @param configFile the settings file (`check --config`); default: stacks/Pulumi.<stack>.yaml
 */
export function renderTrailguardAndPrice(stack: string, options: RenderOptions = {}, configFile?: string): Promise<PricedRender> {
    const root = trailguardRoot();
    const project = readPulumiProject(root);
    const compiled = path.join(root, "dist", "index.js");
    if (!fs.existsSync(compiled)) {
        throw new UserError(`${compiled} is missing: run 'npm run build' (npm ci does it) first`);
    }
    const libraryDirs = TRAILGUARD_LIBRARY_DIRS.map((dir) => path.join(root, "dist", dir));
    return renderAndPrice({ ...project, main: compiled, typescript: false }, configFile ?? stackConfigPath(project, stack), stack, { ...options, libraryDirs });
}

/** Renders any Pulumi Node.js program with a given stack settings file. */
export async function renderStack(project: PulumiProject, configFile: string, stack: string, options: RenderOptions = {}): Promise<RenderedStack> {
    return (await renderAndPrice(project, configFile, stack, options)).rendered;
}

/** renderStack, and the stack's cost estimate when options.estimateCost asks for it. */
export function renderAndPrice(project: PulumiProject, configFile: string, stack: string, options: RenderOptions = {}): Promise<PricedRender> {
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
        ...(options.estimateCost ? { estimateCost: { configFile } } : {}),
    };
    return runWorker(job, configFile, options.onResources);
}

async function runWorker(job: RenderJob, configFile: string, onResources?: (resources: RenderedResource[]) => void): Promise<PricedRender> {
    const where = `program ${job.program} (stack ${job.stack}, ${configFile})`;
    let result: WorkerResult;
    try {
        result = await sharedRenderPool().render(job, onResources);
    } catch (err) {
        if (err instanceof RenderTimeoutError) {
            throw new UserError(
                `${where} did not finish within ${err.seconds} s: it waits on something that never comes ` +
                    `(a promise that never settles, a network call); --timeout <seconds> allows more time`,
            );
        }
        throw new UserError(`${where} failed: ${(err as Error).message}`);
    }
    if (result.ok) return { rendered: result.stack, ...(result.cost ? { cost: result.cost } : {}) };
    if (result.kind === "user") throw new UserError(result.message);
    throw new UserError(`${where} failed: ${result.message}`);
}
