// A render worker serves many renders (renderWorker.ts): what it renders must not depend on what it
// rendered before — another stack, another program, or a program that failed.
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ORGANIZATION_ID } from "../../cli/mockEngine/renderDefaults";
import { RENDER_WORKER_FILE, RenderPool } from "../../cli/mockEngine/renderPool";
import type { RenderJob } from "../../cli/mockEngine/renderProgram";
import type { RenderedStack } from "../../cli/mockEngine/renderedStack";
import { readStackConfigFile } from "../../cli/mockEngine/stackConfigFile";

const root = path.resolve(__dirname, "..", "..");
const fixture = path.join(root, "test", "fixtures", "programs", "handwritten-trail");
const pool = new RenderPool(path.join(root, RENDER_WORKER_FILE), 1);
afterAll(() => pool.close());

/** As renderTrailguardStack keeps them: trailguard's components, config rules and catalogue. */
const LIBRARY_DIRS = ["components", "config", "policies"].map((dir) => path.join(root, "dist", dir));

function trailguardJob(stack: string, overrides: Record<string, string> = {}, libraryDirs?: string[]): RenderJob {
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

function fixtureJob(): RenderJob {
    const config = readStackConfigFile(path.join(fixture, "Pulumi.compliant.yaml"), "handwritten-trail");
    return {
        cwd: fixture,
        program: fixture,
        project: "handwritten-trail",
        stack: "compliant",
        mode: "preview",
        config: config.values,
        secretKeys: config.secretKeys,
        accountId: DEFAULT_ACCOUNT_ID,
        organizationId: DEFAULT_ORGANIZATION_ID,
        typescript: true,
    };
}

async function rendered(job: RenderJob, by: RenderPool = pool): Promise<RenderedStack> {
    const result = await by.render(job);
    if (!result.ok) throw new Error(result.message);
    return result.stack;
}

describe("a reused render worker", () => {
    it("renders a stack the same after other stacks, another program and a failed render", async () => {
        const first = await rendered(trailguardJob("dev"));
        expect(first.resources.length).toBeGreaterThan(40);
        const prod = await rendered(trailguardJob("prod"));
        expect(prod.resources.some((r) => r.options.protect)).toBe(true);
        const handwritten = await rendered(fixtureJob());
        expect(handwritten.project).toBe("handwritten-trail");
        const failed = await pool.render(trailguardJob("dev", { "trailguard:environment": "qa" }));
        expect(failed.ok).toBe(false);
        if (!failed.ok) expect(failed.message).toContain("trailguard:environment");
        const again = await rendered(trailguardJob("dev"));
        expect(again).toEqual(first);
    });

    it("renders jobs queued at once, each with its own stack", async () => {
        const stacks = ["dev", "staging", "prod"];
        const results = await Promise.all(stacks.map((s) => rendered(trailguardJob(s))));
        expect(results.map((r) => r.stack)).toEqual(stacks);
        expect(new Set(results.map((r) => r.resources.length)).size).toBeGreaterThan(1);
    });

    it("keeps trailguard's own modules between its stacks, and each stack renders as in a fresh worker", async () => {
        const reused = new RenderPool(path.join(root, RENDER_WORKER_FILE), 1);
        try {
            const sequence = [];
            for (const stack of ["prod", "staging", "dev", "prod"]) sequence.push(await rendered(trailguardJob(stack, {}, LIBRARY_DIRS), reused));
            for (const [i, stack] of ["prod", "staging", "dev", "prod"].entries()) {
                const fresh = new RenderPool(path.join(root, RENDER_WORKER_FILE), 1);
                try {
                    expect(sequence[i], stack).toEqual(await rendered(trailguardJob(stack), fresh));
                } finally {
                    fresh.close();
                }
            }
        } finally {
            reused.close();
        }
    });
});
