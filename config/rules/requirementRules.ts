// `retention.requirements`: whether the retention the stack configures meets every requirement it
// names (core/retention/retentionCompliance.ts judges; this names the config key), and S3's
// object-size rules for the typical log file. One line per unmet requirement and key.
import { ORGANIZATION_DEFINED_REQUIREMENTS, REQUIREMENT_PROFILES, citation } from "../../core/retention/requirementProfiles";
import { unmetRequirements } from "../../core/retention/retentionCompliance";
import type { PlanField, RetentionPlan } from "../../core/retention/retentionPlan";
import { transitionWarnings } from "../../core/retention/transitionObjectSize";
import type { ConfigPath } from "../configProblems";
import type { Findings } from "../findings";
import type { RetentionSettings } from "../settings";

const RETENTION = ["retention"] as const;
const ARCHIVE = [...RETENTION, "archive"] as const;
const POLICY = [...RETENTION, "organizationPolicy"] as const;

/** What the stack's retention does to a log file, as the evaluator reads it. */
export function retentionPlanOf(retention: RetentionSettings): RetentionPlan {
    const archive = retention.archive;
    return {
        expirationDays: archive.expirationDays,
        transitions: archive.transitions,
        noncurrentVersionExpirationDays: archive.noncurrentVersionExpirationDays,
        objectLock: retention.objectLock,
        logGroupDays: retention.logGroupDays,
        transitionDefaultMinimumObjectSize: archive.transitionDefaultMinimumObjectSize,
        typicalObjectBytes: archive.typicalObjectBytes,
    };
}

/** The config key behind a field of the plan. */
function configPath(field: PlanField): ConfigPath {
    switch (field[0]) {
        case "transitions":
            return [...ARCHIVE, "transitions", field[1]];
        case "expirationDays":
        case "noncurrentVersionExpirationDays":
            return [...ARCHIVE, field[0]];
        case "objectLock":
        case "logGroupDays":
        case "organizationPolicy":
            return [...RETENTION, field[0]];
    }
}

export function checkRequirements(retention: RetentionSettings, findings: Findings): void {
    const plan = retentionPlanOf(retention);
    const { organizationPolicy } = retention;
    // A policy that contradicts itself is reported once, not again through every requirement using it.
    const policyValid = !organizationPolicy || checkOrganizationPolicy(retention, findings);
    const requirements = policyValid ? retention.requirements : retention.requirements.filter((id) => !REQUIREMENT_PROFILES[id].organizationDefined);
    for (const unmet of unmetRequirements(plan, requirements, organizationPolicy)) {
        if (unmet.field[0] === "organizationPolicy") {
            const at = requirements.indexOf(unmet.requirement);
            findings.problem([...RETENTION, "requirements", at], unmet.requirement,
                `${unmet.requirement} (${unmet.citation}) leaves the retention period to the organization; state yours in trailguard:retention.organizationPolicy.retentionDays`);
            continue;
        }
        findings.problem(configPath(unmet.field), unmet.value, unmet.message);
    }
    for (const warning of transitionWarnings(plan)) findings.warn(configPath(warning.field), warning.message);
}

/** False when the policy contradicts itself (reported here). */
function checkOrganizationPolicy(retention: RetentionSettings, findings: Findings): boolean {
    const policy = retention.organizationPolicy!;
    if ((policy.immediatelyAvailableDays ?? 0) > policy.retentionDays) {
        findings.problem([...POLICY, "immediatelyAvailableDays"], policy.immediatelyAvailableDays,
            `expected at most retention.organizationPolicy.retentionDays (${policy.retentionDays}): a log file cannot stay available longer than it is kept`);
        return false;
    }
    const users = retention.requirements.filter((id) => ORGANIZATION_DEFINED_REQUIREMENTS.includes(id));
    if (users.length === 0) {
        const names = ORGANIZATION_DEFINED_REQUIREMENTS.map((id) => `${id} (${citation(REQUIREMENT_PROFILES[id])})`);
        findings.warn([...POLICY],
            `no requirement in retention.requirements uses it; it is the number of ${names.join(", ")}, which leave the period to the organization`);
    }
    return true;
}
