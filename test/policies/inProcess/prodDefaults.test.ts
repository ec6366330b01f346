// A deliberate mismatch, kept visible: prod's built-in Object Lock default is GOVERNANCE for 366
// days, because COMPLIANCE can never be undone and must be written into the stack file on purpose
// (config/environmentDefaults.ts). policies/environments/prod.json demands COMPLIANCE for at least
// 2555 days. So a prod stack that leaves retention.objectLock out fails the pack on exactly that
// one point, and nothing else: the pack is what makes the irreversible choice explicit.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderTrailguardStack } from "../../../cli/mockEngine/renderEntryPoints";
import { POLICIES } from "../../../policies/src/policyList";
import { stackConfigValues } from "../../baseline/support/renderedBaseline";
import { PolicyConfig, runPolicy } from "./harness";

const prodPackConfig = JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "..", "..", "policies", "environments", "prod.json"), "utf8"),
) as Record<string, string | PolicyConfig>;

function configFor(policy: string): PolicyConfig {
    const entry = prodPackConfig[policy];
    return typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? {});
}

describe("prod's defaults against prod's pack config", () => {
    it("fail only cloudtrail-bucket-object-lock, on the GOVERNANCE mode and 366 days, when retention.objectLock is left out", async () => {
        const retention = JSON.parse(stackConfigValues("prod")["trailguard:retention"]!) as Record<string, unknown>;
        delete retention.objectLock;
        // The requirements prod.json checks: the defaults meet them. hipaa, which the stack file also
        // names, needs its COMPLIANCE lock (a deleted file kept 6 years), so it goes with the lock.
        retention.requirements = prodPackConfig["cloudtrail-bucket-retention"] && (prodPackConfig["cloudtrail-bucket-retention"] as PolicyConfig)["requirements"];
        const rendered = await renderTrailguardStack("prod", { mode: "deployed", configOverrides: { "trailguard:retention": JSON.stringify(retention) } });
        const findings = POLICIES.flatMap((policy) => runPolicy(policy, rendered, configFor(policy.name)));
        expect(findings.map((f) => `${f.enforcementLevel} ${f.policy}`)).toEqual(["mandatory cloudtrail-bucket-object-lock"]);
        expect(findings[0]!.message).toMatch(/GOVERNANCE.*366.*COMPLIANCE.*2555/);
    });

    it("pass as shipped, where the stack file chooses COMPLIANCE for 2557 days", async () => {
        const rendered = await renderTrailguardStack("prod", { mode: "deployed" });
        const findings = POLICIES.flatMap((policy) => runPolicy(policy, rendered, configFor(policy.name)));
        expect(findings.filter((f) => f.enforcementLevel === "mandatory")).toEqual([]);
    });
});
