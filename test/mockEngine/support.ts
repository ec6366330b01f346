// Shared by the render worker tests: jobs for trailguard's own stacks, as renderTrailguardStack builds
// them, and pools of one worker each.
import * as path from "path";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ORGANIZATION_ID } from "../../cli/mockEngine/renderDefaults";
import { RENDER_WORKER_FILE, RenderPool } from "../../cli/mockEngine/renderWorkerPool";
import type { RenderJob } from "../../cli/mockEngine/runProgramWithMocks";
import type { RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";

export const root = path.resolve(__dirname, "..", "..");

/** As renderTrailguardStack keeps them: trailguard's components, config rules and catalogue. */
export const LIBRARY_DIRS = ["components", "config", "policies"].map((dir) => path.join(root, "dist", dir));

export function trailguardJob(stack: string, overrides: Record<string, string> = {}, libraryDirs?: string[]): RenderJob {
    const config = readStackConfigFile(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "trailguard");
    return {
        cwd: root,
        program: path.join(root, "dist", "index.js"),
        project: "trailguard",
        stack,
        mode: "preview",
        config: { ...config.values, ...overrides },
        secretKeys: config.secretKeys,
        accountId: DEFAULT_ACCOUNT_ID,
        organizationId: DEFAULT_ORGANIZATION_ID,
        typescript: false,
        libraryDirs,
    };
}

/** A pool of one worker; `env` is the workers' extra environment. */
export function newPool(env: Record<string, string> = {}): RenderPool {
    const pool = new RenderPool(path.join(root, RENDER_WORKER_FILE), 1);
    Object.assign(pool.workerEnv, env);
    return pool;
}

export async function rendered(pool: RenderPool, job: RenderJob): Promise<RenderedStack> {
    const result = await pool.render(job);
    if (!result.ok) throw new Error(result.message);
    return result.stack;
}
