// The retention requirements the bucket-retention policy judges when its config names them: the
// same ids and the same evaluator as stack config (core/retention), applied to the plan read from
// any program's resources (retentionPlanReader.ts). Default: none, which judges nothing here.
import { citation, ORGANIZATION_DEFINED_REQUIREMENTS, REQUIREMENT_IDS, REQUIREMENT_PROFILES, RequirementId } from "../../core/retention/requirementProfiles";
import { unmetRequirements } from "../../core/retention/retentionCompliance";
import type { OrganizationPolicy, PlanField } from "../../core/retention/retentionPlan";
import { transitionWarnings } from "../../core/retention/transitionObjectSize";
import type { SettingsSchema } from "./policyConfig";
import type { Report } from "./policyDefinition";
import { readRetentionPlan, ReadRetentionPlan, UncertainPart } from "./retentionPlanReader";
import type { JoinedBucket, JoinedTrail } from "./stackGraph";

export interface RequirementSettings {
    requirements: RequirementId[];
    organizationRetentionDays: number;
    organizationImmediatelyAvailableDays: number;
    typicalObjectBytes: number;
}

export const REQUIREMENT_SETTINGS: SettingsSchema = {
    requirements: {
        type: "array",
        description: `Retention requirements the audit bucket's lifecycle, Object Lock and log group must meet (docs/retention.md): ${REQUIREMENT_IDS.join(", ")}.`,
        default: [],
        items: { type: "string", enum: REQUIREMENT_IDS },
        uniqueItems: true,
    },
    organizationRetentionDays: {
        type: "integer",
        description: `The retention period, in days, your organization's policy states: the minimum of ${ORGANIZATION_DEFINED_REQUIREMENTS.join(", ")}, which leave it to the organization. 0: not stated.`,
        default: 0,
        minimum: 0,
    },
    organizationImmediatelyAvailableDays: {
        type: "integer",
        description: "Days from delivery a log file must stay readable without a restore, per your organization's policy (with organizationRetentionDays).",
        default: 0,
        minimum: 0,
    },
    typicalObjectBytes: {
        type: "integer",
        description: "Size of a typical log file the trail delivers, in bytes; with it, transitions S3 skips for such files or that cost more than they save are reported as advisories. 0: unknown.",
        default: 0,
        minimum: 0,
    },
};

/** What makes a finding on each plan field uncertain. */
const UNCERTAIN_FOR: Readonly<Record<PlanField[0], readonly UncertainPart[]>> = {
    expirationDays: ["expirationDays", "coverage"],
    transitions: ["transitions", "coverage"],
    noncurrentVersionExpirationDays: ["noncurrentVersionExpirationDays", "objectLock", "coverage"],
    objectLock: ["objectLock"],
    logGroupDays: ["logGroupDays"],
    organizationPolicy: [],
};

function urnOf(read: ReadRetentionPlan, bucket: JoinedBucket, field: PlanField): string {
    if (field[0] === "logGroupDays") return read.logGroup?.urn ?? bucket.bucket.urn;
    if (field[0] === "objectLock") return read.objectLock?.urn ?? bucket.bucket.urn;
    return read.lifecycle?.urn ?? bucket.bucket.urn;
}

function resourceNote(read: ReadRetentionPlan, field: PlanField): string {
    const node = field[0] === "logGroupDays" ? read.logGroup : field[0] === "noncurrentVersionExpirationDays" || field[0] === "expirationDays" || field[0] === "transitions" ? read.lifecycle : undefined;
    return node ? ` (in "${node.name}")` : "";
}

/** The one finding for a config that names a requirement needing a number it does not give. */
export function requirementSettingsProblem(settings: RequirementSettings): string | undefined {
    const missing = settings.requirements.filter((id) => REQUIREMENT_PROFILES[id].organizationDefined);
    if (missing.length === 0 || settings.organizationRetentionDays > 0) return undefined;
    const named = missing.map((id) => `${id} (${citation(REQUIREMENT_PROFILES[id])})`).join(", ");
    return `${named} ${missing.length === 1 ? "leaves" : "leave"} the retention period to the organization; set organizationRetentionDays in the config of this policy to the number your policy states.`;
}

/** Reports every requirement the audit bucket's retention does not meet, and the object-size advisories. */
export function judgeRequirements(bucket: JoinedBucket, trails: readonly JoinedTrail[], label: string, settings: RequirementSettings, report: Report): void {
    const sizeKnown = settings.typicalObjectBytes > 0;
    if (settings.requirements.length === 0 && !sizeKnown) return;
    const read = readRetentionPlan(bucket, trails, sizeKnown ? settings.typicalObjectBytes : undefined);
    const policy: OrganizationPolicy | undefined =
        settings.organizationRetentionDays > 0
            ? { retentionDays: settings.organizationRetentionDays, immediatelyAvailableDays: settings.organizationImmediatelyAvailableDays }
            : undefined;
    for (const unmet of unmetRequirements(read.plan, settings.requirements, policy)) {
        // Reported once for the whole config by the policy (requirementSettingsProblem).
        if (unmet.field[0] === "organizationPolicy") continue;
        report({
            urn: urnOf(read, bucket, unmet.field),
            unverified: UNCERTAIN_FOR[unmet.field[0]].some((part) => read.uncertain.has(part)),
            message: `${label}: ${unmet.message}${resourceNote(read, unmet.field)}.`,
        });
    }
    for (const warning of transitionWarnings(read.plan)) {
        report({ urn: urnOf(read, bucket, warning.field), advisory: true, message: `${label}: ${warning.message}${resourceNote(read, warning.field)}.` });
    }
}
