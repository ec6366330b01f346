// What the pack announces in GetAnalyzerInfo, as the engine and `pulumi policy publish` read it:
// every policy is documented, tunable policies have a schema with defaults, and the references
// to compliance frameworks come through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyPackInfo, PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { startPack } from "./support";

let pack: PolicyPackProcess;
let info: PolicyPackInfo;

beforeAll(async () => {
    pack = await startPack();
    info = await pack.info();
});

afterAll(async () => {
    await pack?.close();
});

describe("GetAnalyzerInfo", () => {
    it("names the pack and its version from policies/package.json", async () => {
        const { version } = await import("../../policies/package.json");
        expect(info.name).toBe("trailguard");
        expect(info.version).toBe(version);
        expect(info.supportsConfig).toBe(true);
    });

    it("describes every policy: description, severity, default level, remediation, frameworks", () => {
        expect(info.policies.length).toBeGreaterThanOrEqual(24);
        for (const policy of info.policies) {
            expect(policy.description.length, policy.name).toBeGreaterThan(30);
            expect(["low", "medium", "high", "critical"], policy.name).toContain(policy.severity);
            expect(policy.remediationSteps.length, policy.name).toBeGreaterThan(30);
            expect(policy.frameworks.length, policy.name).toBeGreaterThan(0);
        }
        const names = info.policies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
    });

    it("opts in to a trail requirement, only warns about a missing delivery heartbeat, and makes the rest mandatory by default", () => {
        const levels = Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
        expect(levels["cloudtrail-required"]).toBe("disabled");
        // Not a CIS control, and most existing setups lack it: advisory until a config raises it.
        expect(levels["cloudtrail-delivery-heartbeat"]).toBe("advisory");
        const exceptions = ["cloudtrail-required", "cloudtrail-delivery-heartbeat"];
        expect(Object.entries(levels).filter(([name, level]) => !exceptions.includes(name) && level !== "mandatory")).toEqual([]);
    });

    it("carries CIS v1.4/v3.0, Security Hub, PCI DSS, HIPAA, SOC 2 and NIST references", () => {
        const frameworks = (name: string) => info.policies.find((p) => p.name === name)!.frameworks;
        expect(frameworks("cloudtrail-multi-region")).toEqual(
            expect.arrayContaining([
                "CIS AWS Foundations v1.4.0 3.1",
                "CIS AWS Foundations v3.0.0 3.1",
                "AWS Security Hub CloudTrail.1",
                "PCI DSS v4.0 10.2.1",
                "HIPAA 164.312(b)",
                "SOC 2 2017 TSC CC7.2",
                "NIST SP 800-53 Rev. 5 AU-2",
            ]),
        );
        expect(frameworks("cloudtrail-log-file-validation")).toEqual(expect.arrayContaining(["CIS AWS Foundations v1.4.0 3.2", "AWS Security Hub CloudTrail.4"]));
        expect(frameworks("kms-key-rotation")).toEqual(expect.arrayContaining(["CIS AWS Foundations v3.0.0 3.6", "AWS Security Hub KMS.4"]));
        expect(frameworks("cloudtrail-cloudwatch-delivery-role-trust")).toEqual(expect.arrayContaining(["CIS AWS Foundations v1.4.0 3.4", "AWS Security Hub CloudTrail.5"]));
        // No CIS recommendation asks for it; NIST AU-5 (response to audit logging process failures) does.
        expect(frameworks("cloudtrail-delivery-heartbeat")[0]).toBe("NIST SP 800-53 Rev. 5 AU-5");
        expect(frameworks("cloudtrail-delivery-heartbeat").filter((f) => f.startsWith("CIS"))).toEqual([]);
    });

    it("publishes config schemas with defaults for the tunable policies", () => {
        const schema = (name: string) => info.policies.find((p) => p.name === name)!.configSchema as any;
        expect(schema("cloudtrail-log-group-retention").properties.minimumRetentionDays).toMatchObject({ type: "integer", default: 365, minimum: 1 });
        expect(schema("cis-monitoring-alarms").properties.requiredControls.default).toEqual([
            "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15",
        ]);
        expect(schema("cloudtrail-bucket-object-lock").properties.required.default).toBe(false);
        expect(schema("kms-key-rotation")).toBeUndefined();
    });
});
