// A render worker serves many renders (renderJobLoop.ts): what it renders must not depend on what it
// rendered before — another stack, another program, or a program that failed.
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { withLateTierUp } from "../../cli/lateTierUp";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ORGANIZATION_ID } from "../../cli/mockEngine/renderDefaults";
import { RenderPool, RenderTimeoutError } from "../../cli/mockEngine/renderWorkerPool";
import type { RenderJob } from "../../cli/mockEngine/runProgramWithMocks";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { shippedStackNames } from "../support/shippedStacks";
import { LIBRARY_DIRS, newPool, rendered, root, trailguardJob } from "./support";

const fixture = path.join(root, "test", "fixtures", "programs", "handwritten-trail");
const checkFixtures = path.join(root, "test", "fixtures", "check");
const pool = newPool();
afterAll(() => pool.close());

/** A job for one of test/fixtures/check's JavaScript programs, stack `ci`. */
function checkFixtureJob(program: string, config: Record<string, string> = {}): RenderJob {
    const dir = path.join(checkFixtures, program);
    return { ...fixtureJob(), cwd: dir, program: dir, project: program, stack: "ci", config, secretKeys: [], typescript: false };
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

describe("a render worker's process", () => {
    it("optimises late (cli/lateTierUp.ts), after the options it inherits", async () => {
        const stack = await rendered(pool, checkFixtureJob("node-options-program"));
        // What the flag helper gives on this Node (test/check/lateTierUp.test.ts has its rules).
        expect(stack.outputs.execArgv).toEqual(withLateTierUp(process.execArgv));
    });
});

describe("a reused render worker", () => {
    it("renders a stack the same after other stacks, another program and a failed render", async () => {
        const first = await rendered(pool, trailguardJob("dev"));
        expect(first.resources.length).toBeGreaterThan(40);
        const prod = await rendered(pool, trailguardJob("prod"));
        expect(prod.resources.some((r) => r.options.protect)).toBe(true);
        const handwritten = await rendered(pool, fixtureJob());
        expect(handwritten.project).toBe("handwritten-trail");
        const failed = await pool.render(trailguardJob("dev", { "trailguard:environment": "qa" }));
        expect(failed.ok).toBe(false);
        if (!failed.ok) expect(failed.message).toContain("trailguard:environment");
        const again = await rendered(pool, trailguardJob("dev"));
        expect(again).toEqual(first);
    });

    it("renders jobs queued at once, each with its own stack", async () => {
        const stacks = ["dev", "staging", "prod"];
        const results = await Promise.all(stacks.map((s) => rendered(pool, trailguardJob(s))));
        expect(results.map((r) => r.stack)).toEqual(stacks);
        expect(new Set(results.map((r) => r.resources.length)).size).toBeGreaterThan(1);
    });

    it("keeps trailguard's own modules between its stacks, and each stack renders as in a fresh worker", async () => {
        const reused = newPool();
        try {
            const sequence = [];
            for (const stack of ["prod", "staging", "dev", "prod"]) sequence.push(await rendered(reused, trailguardJob(stack, {}, LIBRARY_DIRS)));
            for (const [i, stack] of ["prod", "staging", "dev", "prod"].entries()) {
                const fresh = newPool();
                try {
                    expect(sequence[i], stack).toEqual(await rendered(fresh, trailguardJob(stack)));
                } finally {
                    fresh.close();
                }
            }
        } finally {
            reused.close();
        }
    });
});

describe("a job sent ahead to a busy worker", () => {
    // Sending ahead only matters while the worker renders, so each case queues more jobs than one worker takes.
    it("is rendered by the next worker when the render before it fails, not failed with it", async () => {
        const own = newPool();
        try {
            const [failed, dev, staging] = await Promise.all([
                own.render(trailguardJob("dev", { "trailguard:environment": "qa" })),
                own.render(trailguardJob("dev")),
                own.render(trailguardJob("staging")),
            ]);
            expect(failed.ok).toBe(false);
            expect(dev.ok && dev.stack.stack).toBe("dev");
            expect(staging.ok && staging.stack.stack).toBe("staging");
        } finally {
            own.close();
        }
    });

    it("is rendered by a fresh worker when the render before it times out", async () => {
        const own = newPool();
        try {
            // Each job keeps the limit it was queued with: 2 s for the endless one; the default for
            // dev, whose fresh worker must load the SDK first (on a loaded machine, more than 2 s).
            const defaultLimit = own.timeoutSeconds;
            own.timeoutSeconds = 2;
            const endless = own.render(checkFixtureJob("endless-program"));
            own.timeoutSeconds = defaultLimit;
            const dev = own.render(trailguardJob("dev"));
            await expect(endless).rejects.toBeInstanceOf(RenderTimeoutError);
            const result = await dev;
            expect(result.ok && result.stack.stack).toBe("dev");
        } finally {
            own.close();
        }
    });

    it("gets the whole time limit from when its render starts, not from when it was sent", async () => {
        // Two programs of 2 s each, sent together to one worker under a 3.5 s limit: timed from
        // sending, the second would be stopped at 3.5 s, 1.5 s into its render.
        const own = newPool();
        try {
            await rendered(own, trailguardJob("dev")); // the worker's start-up is not what this measures
            own.timeoutSeconds = 3.5;
            const slow = () => checkFixtureJob("slow-program", { "slow-program:seconds": "2" });
            const results = await Promise.all([own.render(slow()), own.render(slow())]);
            expect(results.map((r) => r.ok && r.stack.outputs)).toEqual([{ waited: 2 }, { waited: 2 }]);
        } finally {
            own.close();
        }
    });
});

describe("a render whose resources are streamed (RenderPool.render with onResources)", () => {
    it("comes back as the same stack as one sent whole, for every shipped stack in both modes", async () => {
        // The streamed result leaves the resources out and the pool rebuilds them from the stream
        // and the final outputs: the second method is the worker's own whole stack.
        const own = newPool();
        try {
            for (const stack of shippedStackNames()) {
                for (const mode of ["preview", "deployed"] as const) {
                    const job = { ...trailguardJob(stack), mode };
                    const whole = await rendered(own, job);
                    const messages: number[] = [];
                    const result = await own.render(job, (resources) => messages.push(resources.length));
                    expect(result.ok && result.stack, `${stack} ${mode}`).toEqual(whole);
                    expect(messages.reduce((a, b) => a + b, 0)).toBe(whole.resources.length);
                }
            }
        } finally {
            own.close();
        }
    });
});
