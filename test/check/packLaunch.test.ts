// `trailguard check` starts trailguard's pack from its compiled main module, without the TypeScript
// set-up run-policy-pack does for the engine (cli/analyzerClient/policyPackLaunch.ts). The verdicts must
// be the ones the pack gives when started exactly as the engine starts it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPackDir, launchPolicyPack, launchTrailguardPack } from "../../cli/analyzerClient/policyPackLaunch";
import { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { readPolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import { lateTierUpOnly } from "../../cli/lateTierUp";
import { analyze, mandatory, renderHandwritten, renderShipped, summary } from "../policies/support";
import { repositoryRoot, shippedStacks } from "../support/shippedStacks";

let engine: PolicyPackProcess;
let compiled: PolicyPackProcess;
beforeAll(async () => {
    [engine, compiled] = await Promise.all([PolicyPackProcess.start(defaultPackDir()), PolicyPackProcess.connect(launchTrailguardPack())]);
});
afterAll(async () => {
    await Promise.all([engine?.close(), compiled?.close()]);
});

describe("trailguard's pack started from its compiled main module", () => {
    it("skips run-policy-pack and runs the main module package.json names", () => {
        const launch = launchTrailguardPack();
        try {
            expect(launch.child.spawnargs.slice(1)).toEqual([
                // Optimising late (cli/lateTierUp.ts): the engine does not, and check's pack lives a second or two.
                ...lateTierUpOnly(process.execArgv),
                "--require",
                path.join(repositoryRoot, "dist", "cli", "compileCachePreload.js"),
                path.join(defaultPackDir(), "bin", "policies", "src", "index.js"),
            ]);
        } finally {
            launch.kill();
        }
    });

    it("announces the same pack and policies", async () => {
        expect(await compiled.info()).toEqual(await engine.info());
    });

    for (const { stack, policyConfigFile } of shippedStacks()) {
        for (const mode of ["preview", "deployed"] as const) {
            it(`gives the same verdict on the shipped ${stack} stack (${mode}), under its environment's config, the defaults and a stricter one`, async () => {
                const rendered = await renderShipped(stack, mode);
                const policyConfig = policyConfigFile ? readPolicyPackConfig(path.join(repositoryRoot, policyConfigFile)) : {};
                // Ten years' retention: every stack fails it, so the verdicts compared are not empty.
                const strict = { "cloudtrail-log-group-retention": { minimumRetentionDays: 3653 }, "cloudtrail-bucket-retention": { minimumRetentionDays: 3653 } };
                for (const options of [{ policyConfig }, {}, { policyConfig: strict }]) {
                    const viaEngine = await analyze(engine, rendered, options);
                    if (options.policyConfig === strict) expect(mandatory(viaEngine).length).toBeGreaterThan(0);
                    expect(summary(await analyze(compiled, rendered, options))).toEqual(summary(viaEngine));
                }
            });
        }
    }

    it("gives the same verdict on a hand-written non-compliant program, with remediation", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const viaEngine = await analyze(engine, rendered);
        expect(mandatory(viaEngine).length).toBeGreaterThan(10);
        expect(summary(await analyze(compiled, rendered))).toEqual(summary(viaEngine));
        const remediate = { policyConfig: { "cloudtrail-log-file-validation": "remediate" as const, "kms-key-rotation": "remediate" as const } };
        const remediated = await analyze(engine, rendered, remediate);
        expect(remediated.remediations.length).toBeGreaterThan(0);
        expect(await analyze(compiled, rendered, remediate)).toEqual(remediated);
    });

    it("falls back to the engine's way for a pack whose main is not JavaScript", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-ts-pack-"));
        try {
            fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "ts-pack", version: "0.0.1", main: "index.ts" }));
            const launch = launchPolicyPack(dir, { how: "compiled" });
            try {
                expect(launch.child.spawnargs.slice(1)).toEqual([require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:0", "."]);
            } finally {
                launch.kill();
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
