// A CloudTrail setup written by hand (test/fixtures/programs/handwritten-trail), judged over the
// analyzer protocol with the pack configured as a PCI DSS team would configure it:
// `"cloudtrail-bucket-retention": { "requirements": ["pci-dss"] }`. PCI DSS v4.0.1 10.5.1 wants the
// most recent three months (up to 92 days) readable without a restore: a lifecycle that moves log
// files to DEEP_ARCHIVE at day 30 is blocked; the compliant program (400 days in STANDARD) and one
// moving them to GLACIER_IR (readable at once) at day 30 are not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { analyze, byPolicy, describeViolations, renderHandwritten, startPack } from "./support";

let pack: PolicyPackProcess;
const PCI_CONFIG = { "cloudtrail-bucket-retention": { requirements: ["pci-dss"] } };

beforeAll(async () => {
    pack = await startPack();
});

afterAll(async () => {
    await pack?.close();
});

describe("a hand-written program under requirements [\"pci-dss\"]", () => {
    for (const mode of ["preview", "deployed"] as const) {
        it(`is blocked when its lifecycle moves log files to DEEP_ARCHIVE at day 30 (${mode})`, async () => {
            const rendered = await renderHandwritten("compliant", mode, { archiveTransition: "DEEP_ARCHIVE:30" });
            const verdict = await analyze(pack, rendered, { policyConfig: PCI_CONFIG });
            expect(verdict.violations.map((v) => [v.policy, v.enforcementLevel, v.message]), describeViolations(verdict.violations)).toEqual([
                [
                    "cloudtrail-bucket-retention",
                    "mandatory",
                    'Audit bucket "audit-logs": DEEP_ARCHIVE at day 30 leaves 30 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92 (in "audit-logs-lifecycle").',
                ],
            ]);
            const lifecycle = rendered.resources.find((r) => r.name === "audit-logs-lifecycle")!;
            expect(verdict.violations[0]!.urn).toBe(lifecycle.urn);
        });

        it(`passes when it keeps them readable: no transition, or GLACIER_IR at day 30 (${mode})`, async () => {
            for (const overrides of [{}, { archiveTransition: "GLACIER_IR:30" }] as Record<string, string>[]) {
                const verdict = await analyze(pack, await renderHandwritten("compliant", mode, overrides), { policyConfig: PCI_CONFIG });
                expect(verdict.violations, `${JSON.stringify(overrides)}\n${describeViolations(verdict.violations)}`).toEqual([]);
            }
        });
    }

    it("without requirements (the default) the DEEP_ARCHIVE program passes, as before", async () => {
        const verdict = await analyze(pack, await renderHandwritten("compliant", "preview", { archiveTransition: "DEEP_ARCHIVE:30" }));
        expect(byPolicy(verdict, "cloudtrail-bucket-retention")).toEqual([]);
    });

    it("judges the legacy inline lifecycle rules the same way", async () => {
        const verdict = await analyze(pack, await renderHandwritten("legacy", "preview", { archiveTransition: "GLACIER:60" }), { policyConfig: PCI_CONFIG });
        expect(verdict.violations.map((v) => v.message), describeViolations(verdict.violations)).toEqual([
            'Audit bucket "audit-logs": GLACIER at day 60 leaves 60 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92 (in "audit-logs").',
        ]);
    });
});
