// trailguard's own stacks (stacks/Pulumi.<env>.yaml), rendered from the compiled program, pass the
// pack with zero mandatory violations in preview and deployed mode, each under the policy config
// the documented rule gives it (test/support/shippedStacks.ts); and the defaults are strict
// enough to block dev's deliberately short retention.
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { repositoryRoot, shippedStacks } from "../support/shippedStacks";
import { runPack } from "./inProcess/harness";
import { analyze, byPolicy, describeViolations, mandatory, packDir, renderShipped, startPack, summary } from "./support";

let pack: PolicyPackProcess;

beforeAll(async () => {
    pack = await startPack();
});

afterAll(async () => {
    await pack?.close();
});

describe.each(shippedStacks())("stack $stack", ({ stack, policyConfigFile: relativeConfigFile }) => {
    // Every shipped stack is checked under a policy config file (a stack under the pack's defaults
    // would be a stack nobody tuned).
    const policyConfigFile = path.join(repositoryRoot, relativeConfigFile ?? `(no policy config for stack ${stack})`);

    for (const mode of ["preview", "deployed"] as const) {
        it(`has no mandatory violation in ${mode} mode under ${path.relative(packDir, policyConfigFile)}`, async () => {
            const rendered = await renderShipped(stack, mode);
            const verdict = await analyze(pack, rendered, { policyConfig: readPolicyPackConfig(policyConfigFile) });
            expect(verdict.resources).toBeGreaterThan(50);
            expect(mandatory(verdict), describeViolations(verdict.violations)).toEqual([]);
        });
    }

    it("gets the same findings from the in-process harness as over the wire, in both modes", async () => {
        for (const mode of ["preview", "deployed"] as const) {
            const rendered = await renderShipped(stack, mode);
            expect(summary({ violations: runPack(rendered) }), mode).toEqual(summary(await analyze(pack, rendered)));
        }
    });

    it("gets the same verdict in preview as deployed", async () => {
        const policyConfig = readPolicyPackConfig(policyConfigFile);
        const preview = await analyze(pack, await renderShipped(stack, "preview"), { policyConfig });
        const deployed = await analyze(pack, await renderShipped(stack, "deployed"), { policyConfig });
        expect(summary(preview)).toEqual(summary(deployed));
    });
});

describe("default policy config", () => {
    it("blocks dev's 30-day log group and 90-day archive, and nothing else", async () => {
        const verdict = await analyze(pack, await renderShipped("dev", "preview"));
        expect(mandatory(verdict).map((v) => `${v.policy}: ${v.message}`).sort()).toEqual([
            'cloudtrail-bucket-retention: Audit bucket "audit-archive-bucket" expires log files after 90 days (lifecycle rule "archive-cloudtrail-logs" in "audit-archive-lifecycle"); keep them at least 365 days.',
            'cloudtrail-log-group-retention: Log group "audit-trail-log-group" of trail "audit-trail-trail" keeps events 30 days; set retentionInDays to at least 365.',
        ]);
    });

    it("passes prod as it is: the strictest environment meets the defaults", async () => {
        const verdict = await analyze(pack, await renderShipped("prod", "preview"));
        expect(mandatory(verdict), describeViolations(verdict.violations)).toEqual([]);
    });

    it("sees prod as production through the trailguard:environment tag, and prod's audit resources as protected", async () => {
        const rendered = await renderShipped("prod", "preview");
        const unprotected = {
            ...rendered,
            resources: rendered.resources.map((r) =>
                r.type === "aws:cloudtrail/trail:Trail" ? { ...r, options: { ...r.options, protect: false } } : r,
            ),
        };
        const verdict = await analyze(pack, unprotected);
        expect(byPolicy(verdict, "cloudtrail-production-protection").map((v) => v.message)).toEqual([
            'Production trail "audit-trail-trail" is not protected; add the resource option protect: true.',
        ]);
    });
});
