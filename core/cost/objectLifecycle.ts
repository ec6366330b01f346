// Where one log object lives over its life under a lifecycle plan: which class from which age, and
// when S3 deletes it for good. The archive bucket is versioned, so expiration only makes the current
// version noncurrent (in the class it is in: the baseline has no noncurrent transitions); it is
// removed noncurrentVersionExpirationDays later, and never while Object Lock still retains it.
import type { PlannedTransition, RetentionPlan } from "../retention/retentionPlan";
import { transitionApplies } from "../retention/transitionObjectSize";
import type { StorageClass } from "./storageClasses";

export type LifecycleTransition = PlannedTransition;

/** The archive bucket's lifecycle, as the cost model needs it: core/retention's plan, with both expirations set. */
export type LifecyclePlan = Pick<RetentionPlan, "transitions" | "transitionDefaultMinimumObjectSize" | "objectSizeGreaterThan"> & {
    expirationDays: number;
    noncurrentVersionExpirationDays: number;
};

/** Object ages [fromDay, toDay) spent in one storage class. */
export interface LifecyclePhase {
    storageClass: StorageClass;
    fromDay: number;
    toDay: number;
}

export interface ObjectLife {
    phases: LifecyclePhase[];
    /** Age at which the object is permanently deleted. */
    deletedAtDay: number;
}

/** The phases of an object of `bytes` under the plan, with Object Lock retaining it `lockDays`. */
export function objectLife(bytes: number, plan: LifecyclePlan, lockDays = 0): ObjectLife {
    const deletedAtDay = Math.max(plan.expirationDays + plan.noncurrentVersionExpirationDays, lockDays);
    const phases: LifecyclePhase[] = [];
    let current: LifecyclePhase = { storageClass: "STANDARD", fromDay: 0, toDay: deletedAtDay };
    for (const t of [...plan.transitions].sort((a, b) => a.days - b.days)) {
        // Transitions act on current versions only: none at or after expiration.
        if (t.days >= plan.expirationDays) continue;
        if (!transitionApplies(plan, t.storageClass, bytes)) continue;
        // A transition at day 0 leaves an empty STANDARD phase: the object is still written to
        // STANDARD and moved by a (billed) transition request.
        phases.push({ ...current, toDay: t.days });
        current = { storageClass: t.storageClass, fromDay: t.days, toDay: deletedAtDay };
    }
    phases.push(current);
    return { phases, deletedAtDay };
}
