// What each environment may do with evidence: prod never loses it, only dev may be emptied on
// destroy, and a stack named after an environment must be that environment (a prod stack file
// copied from dev would otherwise inherit dev's disposability).
import type { MergedConfig } from "../applyDefaults";
import { ENVIRONMENTS } from "../schema";
import type { Findings } from "../findings";

export function checkProtection(config: MergedConfig, stack: string, findings: Findings): void {
    const { environment, protection } = config;
    if ((ENVIRONMENTS as readonly string[]).includes(stack) && stack !== environment) {
        findings.problem(["environment"], environment,
            `expected "${stack}" for stack "${stack}": a stack named after an environment must use that environment's defaults`);
    }
    if (protection.forceDestroy && environment !== "dev") {
        findings.problem(["protection", "forceDestroy"], true,
            `expected false in ${environment}: forceDestroy empties the audit buckets on destroy and is only allowed in dev`);
    } else if (protection.forceDestroy && config.retention.objectLock?.mode === "COMPLIANCE") {
        findings.problem(["protection", "forceDestroy"], true,
            "expected false with retention.objectLock.mode COMPLIANCE: nobody can delete objects under a COMPLIANCE lock, so destroy would fail anyway");
    }
    if (environment === "prod") {
        for (const key of ["protect", "retainOnDelete"] as const) {
            if (!protection[key]) {
                findings.problem(["protection", key], false,
                    `expected true in prod: the bucket, key, log group and trail hold audit evidence (to decommission, run 'pulumi state unprotect' deliberately)`);
            }
        }
    }
}
