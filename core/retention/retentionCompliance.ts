// Whether a retention plan meets the retention requirements it names: the one evaluator behind
// stack config validation, the policy pack and `trailguard cost --suggest`. Pure: a plan and
// requirement ids in, the unmet ones out, each about one field of the plan, with its clause.
import { isImmediatelyReadable } from "../awsVocabulary";
import { citation, REQUIREMENT_PROFILES, RequirementId } from "./requirementProfiles";
import type { OrganizationPolicy, PlanField, RetentionPlan } from "./retentionPlan";

export interface UnmetRequirement {
    requirement: RequirementId;
    /** "PCI DSS v4.0.1 10.5.1". */
    citation: string;
    /** The field of the plan that falls short. */
    field: PlanField;
    /** That field's value (a transition: {days, storageClass}). */
    value: unknown;
    /** What the requirement needs, in days; unset when it needs a number the stack has not stated. */
    needed?: number;
    /**
     * One sentence naming the value, the requirement and what it needs, e.g.
     * "DEEP_ARCHIVE at day 30 leaves 30 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92".
     */
    message: string;
}

/** What one requirement asks, after an organization-defined one takes the stack's number. */
export interface RequirementMinimums {
    retentionDays?: number;
    immediatelyAvailableDays?: number;
    logGroupDays?: number;
}

/** The minimums of a requirement; undefined for an organization-defined one without a stated number. */
export function requirementMinimums(id: RequirementId, organizationPolicy?: OrganizationPolicy): RequirementMinimums | undefined {
    const profile = REQUIREMENT_PROFILES[id];
    if (!profile.organizationDefined) {
        return {
            retentionDays: profile.minimumRetentionDays,
            immediatelyAvailableDays: profile.minimumImmediatelyAvailableDays,
            logGroupDays: profile.minimumLogGroupDays,
        };
    }
    if (!organizationPolicy) return undefined;
    return { retentionDays: organizationPolicy.retentionDays, immediatelyAvailableDays: organizationPolicy.immediatelyAvailableDays };
}

/** Where a log file stops being readable without a restore, and what makes it so. */
export interface ImmediateWindow {
    /** Days from creation a log file stays readable without a restore; Infinity when always. */
    days: number;
    /** The transition that ends the window; unset when expiration (or nothing) does. */
    transitionIndex?: number;
}

/**
 * How long a log file stays immediately available: until the first transition to GLACIER or
 * DEEP_ARCHIVE, or until INTELLIGENT_TIERING's archive tier takes an object nobody reads, or until
 * it expires. Assumes every transition applies: a transition the object-size rule skips leaves
 * the file readable longer, never shorter.
 */
export function immediateWindow(plan: RetentionPlan): ImmediateWindow {
    let window: ImmediateWindow = { days: plan.expirationDays ?? Infinity };
    plan.transitions.forEach((transition, i) => {
        let ends: number | undefined;
        if (!isImmediatelyReadable(transition.storageClass)) ends = transition.days;
        else if (transition.storageClass === "INTELLIGENT_TIERING" && plan.intelligentTieringArchiveAfterDays !== undefined) {
            ends = transition.days + plan.intelligentTieringArchiveAfterDays;
        }
        if (ends !== undefined && ends < window.days) window = { days: ends, transitionIndex: i };
    });
    return window;
}

/**
 * How long a log file deleted or overwritten right after delivery survives as a noncurrent
 * version: until noncurrent expiration, or until its Object Lock retention ends, whichever is
 * later (S3 removes no locked version). Infinity when noncurrent versions never expire.
 */
export function noncurrentSurvivalDays(plan: RetentionPlan): number {
    if (plan.noncurrentVersionExpirationDays === undefined) return Infinity;
    return Math.max(plan.noncurrentVersionExpirationDays, plan.objectLock?.days ?? 0);
}

function days(n: number): string {
    return n === 1 ? "1 day" : `${n} days`;
}

/**
 * The requirements among `ids` the plan does not meet, one finding per requirement and field, in
 * the order of `ids`. An organization-defined requirement without `organizationPolicy` is unmet
 * on the field "organizationPolicy".
 */
export function unmetRequirements(plan: RetentionPlan, ids: readonly RequirementId[], organizationPolicy?: OrganizationPolicy): UnmetRequirement[] {
    const unmet: UnmetRequirement[] = [];
    for (const id of [...new Set(ids)]) {
        const profile = REQUIREMENT_PROFILES[id];
        const cited = `${id} (${citation(profile)})`;
        const add = (field: PlanField, value: unknown, message: string, needed?: number) =>
            unmet.push({ requirement: id, citation: citation(profile), field, value, needed, message });
        const minimums = requirementMinimums(id, organizationPolicy);
        if (!minimums) {
            add(["organizationPolicy"], undefined, `${cited} leaves the retention period to the organization; state it as organizationPolicy.retentionDays`);
            continue;
        }
        const { retentionDays, immediatelyAvailableDays, logGroupDays } = minimums;
        if (retentionDays !== undefined) {
            if (plan.expirationDays !== undefined && plan.expirationDays < retentionDays) {
                add(["expirationDays"], plan.expirationDays, `log files expire after ${days(plan.expirationDays)}; ${cited} needs ${retentionDays}`, retentionDays);
            }
            const survives = noncurrentSurvivalDays(plan);
            if (survives < retentionDays) {
                const lock = plan.objectLock ? `and Object Lock keeps it only ${days(plan.objectLock.days)}` : "and no Object Lock keeps it";
                add(
                    ["noncurrentVersionExpirationDays"],
                    plan.noncurrentVersionExpirationDays,
                    `a log file deleted or overwritten on delivery is removed ${days(plan.noncurrentVersionExpirationDays!)} after it becomes noncurrent ${lock}; ${cited} needs ${retentionDays}`,
                    retentionDays,
                );
            }
        }
        if (immediatelyAvailableDays !== undefined && immediatelyAvailableDays > 0) {
            const window = immediateWindow(plan);
            // Expiring first is the total's finding, unless the window asks for more than the total.
            if (window.transitionIndex === undefined && window.days < immediatelyAvailableDays && window.days >= (retentionDays ?? 0)) {
                add(
                    ["expirationDays"],
                    plan.expirationDays,
                    `log files expire after ${days(window.days)}, before the ${immediatelyAvailableDays} days they must stay immediately available; ${cited} needs ${immediatelyAvailableDays}`,
                    immediatelyAvailableDays,
                );
            }
            if (window.transitionIndex !== undefined && window.days < immediatelyAvailableDays) {
                const transition = plan.transitions[window.transitionIndex]!;
                const archiveTier =
                    isImmediatelyReadable(transition.storageClass) ? ` whose archive tier takes unread objects after ${days(plan.intelligentTieringArchiveAfterDays!)}` : "";
                add(
                    ["transitions", window.transitionIndex],
                    { days: transition.days, storageClass: transition.storageClass },
                    `${transition.storageClass} at day ${transition.days}${archiveTier} leaves ${days(window.days)} immediately available; ${cited} needs ${immediatelyAvailableDays}`,
                    immediatelyAvailableDays,
                );
            }
        }
        if (logGroupDays !== undefined && plan.logGroupDays !== undefined && plan.logGroupDays !== 0 && plan.logGroupDays < logGroupDays) {
            add(["logGroupDays"], plan.logGroupDays, `the log group keeps events ${days(plan.logGroupDays)}; ${cited} needs ${logGroupDays}`, logGroupDays);
        }
    }
    return unmet;
}
