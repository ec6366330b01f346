// `trailguard cost --suggest`: the cheapest lifecycle plan that meets every retention requirement
// the stack names. It searches transition classes and days (up to two transitions), expiration,
// noncurrent-version expiration and the object-size rule (transitionDefaultMinimumObjectSize),
// keeps the plans stack validation accepts (config/rules/retentionRules.ts) and the requirement
// evaluator passes (core/retention), and compares them by the archive bucket's cost over one
// common horizon (nothing else the model prices depends on the lifecycle). Object Lock is kept
// as the stack has it: changing it is a decision about evidence, not about cost.
import { ARCHIVE_STORAGE_CLASSES, TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES, type ArchiveStorageClass, type TransitionDefaultMinimumObjectSize } from "../../core/awsVocabulary";
import { archiveBucketCost, defaultHorizonMonths, estimateStackCost, type CostEstimate, type CostedStack } from "../../core/cost/estimateStackCost";
import type { LifecycleTransition } from "../../core/cost/objectLifecycle";
import type { PriceTable } from "../../core/cost/priceTable";
import type { TrailVolume } from "../../core/cost/trailVolume";
import type { RequirementId } from "../../core/retention/requirementProfiles";
import { retentionPlanOf } from "../../config/rules/requirementRules";
import { requirementMinimums, unmetRequirements, type UnmetRequirement } from "../../core/retention/retentionCompliance";
import { LOG_GROUP_RETENTION_DAYS } from "../../config/awsLimits";
import { Findings } from "../../config/findings";
import { checkRetention } from "../../config/rules/retentionRules";
import type { Settings } from "../../config/settings";

/** The settings --suggest reads: what the model prices, the retention and its requirements. */
export type SuggestableStack = Pick<Settings, "environment" | "retention" | "trail" | "alarms">;

/** The lifecycle choices a plan makes. */
export interface LifecycleChoice {
    transitions: LifecycleTransition[];
    expirationDays: number;
    noncurrentVersionExpirationDays: number;
    transitionDefaultMinimumObjectSize: TransitionDefaultMinimumObjectSize;
    logGroupDays: number;
}

export interface PlanSpace {
    classes: readonly ArchiveStorageClass[];
    /** Candidate transition days; each requirement's immediately-available minimum is added. */
    days: readonly number[];
    maxTransitions: number;
    objectSizeRules: readonly TransitionDefaultMinimumObjectSize[];
}

export const DEFAULT_PLAN_SPACE: PlanSpace = {
    classes: ARCHIVE_STORAGE_CLASSES,
    days: [0, 30, 60, 90, 120, 180, 270, 365, 548, 730, 1095],
    maxTransitions: 2,
    objectSizeRules: TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES,
};

export interface PricedPlan {
    choice: LifecycleChoice;
    /** The archive bucket's cost over the comparison horizon. */
    archiveCost: number;
    estimate: CostEstimate;
    unmet: UnmetRequirement[];
}

export interface Suggestion {
    requirements: RequirementId[];
    horizonMonths: number;
    current: PricedPlan;
    /** Undefined when no plan in the space meets every requirement. */
    suggested?: PricedPlan;
    plansSearched: number;
    plansCompliant: number;
}

export function choiceOf(stack: SuggestableStack): LifecycleChoice {
    const { archive, logGroupDays } = stack.retention;
    return {
        transitions: archive.transitions.map((t) => ({ ...t })),
        expirationDays: archive.expirationDays,
        noncurrentVersionExpirationDays: archive.noncurrentVersionExpirationDays,
        transitionDefaultMinimumObjectSize: archive.transitionDefaultMinimumObjectSize,
        logGroupDays,
    };
}

export function withChoice<T extends SuggestableStack>(stack: T, choice: LifecycleChoice): T {
    return {
        ...stack,
        retention: {
            ...stack.retention,
            logGroupDays: choice.logGroupDays,
            archive: {
                ...stack.retention.archive,
                transitions: choice.transitions,
                expirationDays: choice.expirationDays,
                noncurrentVersionExpirationDays: choice.noncurrentVersionExpirationDays,
                transitionDefaultMinimumObjectSize: choice.transitionDefaultMinimumObjectSize,
            },
        },
    };
}

/** The requirements' unmet findings for a stack. */
export function unmetFor(stack: SuggestableStack): UnmetRequirement[] {
    return unmetRequirements(retentionPlanOf(stack.retention), stack.retention.requirements, stack.retention.organizationPolicy);
}

/** Whether stack validation accepts the lifecycle (order, minimum days, supported moves, lock). */
export function lifecycleAccepted(stack: SuggestableStack): boolean {
    const findings = new Findings({}, stack.environment);
    checkRetention(stack.retention, findings);
    return findings.problems.length === 0;
}

/** Every transition list of up to `maxTransitions` steps from the space, in increasing days. */
export function transitionLists(space: PlanSpace, extraDays: readonly number[]): LifecycleTransition[][] {
    const days = [...new Set([...space.days, ...extraDays])].sort((a, b) => a - b);
    const steps = space.classes.flatMap((storageClass) => days.map((d) => ({ days: d, storageClass })));
    const lists: LifecycleTransition[][] = [[]];
    const extend = (prefix: LifecycleTransition[]) => {
        if (prefix.length === space.maxTransitions) return;
        const last = prefix[prefix.length - 1];
        for (const step of steps) {
            if (last && (step.days <= last.days || space.classes.indexOf(step.storageClass) <= space.classes.indexOf(last.storageClass))) continue;
            const next = [...prefix, step];
            lists.push(next);
            extend(next);
        }
    };
    extend([]);
    return lists;
}

/** The expirations worth trying (the stack's own, and the shortest the requirements and the lock allow), and the like. */
function candidateNumbers(stack: SuggestableStack): { expirations: number[]; noncurrent: number[]; logGroupDays: number; extraDays: number[] } {
    const ids = stack.retention.requirements;
    const minimums = ids.map((id) => requirementMinimums(id, stack.retention.organizationPolicy) ?? {});
    const retention = Math.max(0, ...minimums.map((m) => m.retentionDays ?? 0));
    const logGroup = Math.max(0, ...minimums.map((m) => m.logGroupDays ?? 0));
    const lockDays = stack.retention.objectLock?.days ?? 0;
    const { archive } = stack.retention;
    // Without a requirement that states a retention, the stack's own expiration is its requirement.
    const shortest = retention > 0 ? Math.max(retention, lockDays, 1) : archive.expirationDays;
    const expirations = [...new Set([archive.expirationDays, shortest])];
    // Noncurrent versions keep the stack's own period unless it (with the lock) falls short of the retention.
    const survives = Math.max(archive.noncurrentVersionExpirationDays, lockDays);
    const noncurrent = survives >= retention ? [archive.noncurrentVersionExpirationDays] : [archive.noncurrentVersionExpirationDays, retention];
    const current = stack.retention.logGroupDays;
    const logGroupDays = current === 0 || current >= logGroup ? current : LOG_GROUP_RETENTION_DAYS.find((d) => d >= logGroup)!;
    const extraDays = minimums.flatMap((m) => (m.immediatelyAvailableDays ? [m.immediatelyAvailableDays] : []));
    return { expirations, noncurrent, logGroupDays, extraDays };
}

export function suggestPlan(stack: SuggestableStack, volume: TrailVolume, prices: PriceTable, space: PlanSpace = DEFAULT_PLAN_SPACE): Suggestion {
    const { expirations, noncurrent, logGroupDays, extraDays } = candidateNumbers(stack);
    const currentChoice = choiceOf(stack);
    const horizonMonths = Math.max(
        defaultHorizonMonths(stack),
        ...expirations.flatMap((e) => noncurrent.map((n) => defaultHorizonMonths(withChoice(stack, { ...currentChoice, expirationDays: e, noncurrentVersionExpirationDays: n })))),
    );
    const price = (candidate: SuggestableStack, unmet: UnmetRequirement[]): PricedPlan => ({
        choice: choiceOf(candidate),
        archiveCost: archiveBucketCost(candidate, volume, prices, horizonMonths),
        estimate: estimateStackCost(candidate, volume, prices, { months: horizonMonths }),
        unmet,
    });
    const current = price(stack, unmetFor(stack));

    let best: { stack: SuggestableStack; cost: number } | undefined;
    let plansSearched = 0;
    let plansCompliant = 0;
    for (const transitions of transitionLists(space, extraDays)) {
        for (const expirationDays of expirations) {
            for (const noncurrentVersionExpirationDays of noncurrent) {
                for (const transitionDefaultMinimumObjectSize of space.objectSizeRules) {
                    const candidate = withChoice(stack, { transitions, expirationDays, noncurrentVersionExpirationDays, transitionDefaultMinimumObjectSize, logGroupDays });
                    plansSearched++;
                    if (!lifecycleAccepted(candidate) || unmetFor(candidate).length > 0) continue;
                    plansCompliant++;
                    const cost = archiveBucketCost(candidate, volume, prices, horizonMonths);
                    // Ties keep the plan found first (the lists start with the empty one).
                    if (!best || cost < best.cost - 1e-9) best = { stack: candidate, cost };
                }
            }
        }
    }
    return {
        requirements: [...(stack.retention.requirements)],
        horizonMonths,
        current,
        suggested: best ? price(best.stack, []) : undefined,
        plansSearched,
        plansCompliant,
    };
}
