// Shared by the render worker tests: jobs for trailguard's own stacks, as renderTrailguardStack builds
// them, and pools of one worker each.
import { execFileSync } from "child_process";
import * as path from "path";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ORGANIZATION_ID } from "../../cli/mockEngine/renderDefaults";
import { RENDER_WORKER_FILE, RenderPool } from "../../cli/mockEngine/renderWorkerPool";
import type { RenderJob } from "../../cli/mockEngine/runProgramWithMocks";
import type { RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { shippedStackNames } from "../support/shippedStacks";

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

/**
 * Renders every shipped stack in both modes in a fresh Node process, as a render worker does (the
 * program's index module loaded anew for each render), and prints `{ ...report, renders }`.
 * `setup` runs first, before anything loads the SDK; `report` is an expression evaluated after the
 * renders. For the tests of patches that change how a render runs, never what it renders.
 */
/** The compiled SDK patches (policies/src/sdkPatches/) that render workers install. */
export const compiledSdkPatches = path.join(root, "dist", "policies", "src", "sdkPatches");

export function renderShippedInFreshProcess<T>(setup: string, report: string): T & { renders: RenderedStack[] } {
    const jobs = shippedStackNames().flatMap((stack) => (["preview", "deployed"] as const).map((mode) => ({ ...trailguardJob(stack), mode })));
    const dist = path.join(root, "dist");
    const script = `
        ${setup}
        require(${JSON.stringify(path.join(dist, "config", "offlineRender.js"))}).renderOffline();
        const { runProgramWithMocks } = require(${JSON.stringify(path.join(dist, "cli", "mockEngine", "runProgramWithMocks.js"))});
        (async () => {
            const renders = [];
            for (const job of ${JSON.stringify(jobs)}) {
                delete require.cache[job.program];
                renders.push(await runProgramWithMocks(job));
            }
            process.stdout.write(JSON.stringify({ ...(${report}), renders }));
        })();`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }));
}
