// S3's object-size rules for lifecycle transitions, applied to a trail's typical log file: a
// transition S3 will skip for objects that small, and one that costs more than it saves.
// docs/retention.md gives the sources and the arithmetic.
import type { ArchiveStorageClass } from "../awsVocabulary";
import { RESTORE_REQUIRED_STORAGE_CLASSES } from "../awsVocabulary";
import type { PlanField, RetentionPlan } from "./retentionPlan";

/** "Objects smaller than 128 KB": S3 writes KB for 1024 bytes in its storage and billing pages. */
export const TRANSITION_MINIMUM_OBJECT_BYTES = 128 * 1024;

/**
 * The metadata S3 keeps, and bills, for every object in GLACIER or DEEP_ARCHIVE: 8 KB at the
 * STANDARD rate (the object's name and metadata) and 32 KB at the archive class's rate (its index).
 */
export const ARCHIVE_OBJECT_OVERHEAD = { standardBytes: 8 * 1024, archiveBytes: 32 * 1024 } as const;

/** Whether S3 moves an object of `bytes` to `storageClass` under the plan's size rules. */
export function transitionApplies(plan: RetentionPlan, storageClass: ArchiveStorageClass, bytes: number): boolean {
    // A rule's own size filter takes precedence over the configuration's default.
    if (plan.objectSizeGreaterThan !== undefined) return bytes > plan.objectSizeGreaterThan;
    const rule = plan.transitionDefaultMinimumObjectSize ?? "all_storage_classes_128K";
    if (rule === "varies_by_storage_class" && RESTORE_REQUIRED_STORAGE_CLASSES.includes(storageClass)) return true;
    return bytes >= TRANSITION_MINIMUM_OBJECT_BYTES;
}

export interface TransitionWarning {
    field: Extract<PlanField, readonly ["transitions", number]>;
    kind: "skipped" | "costsMore";
    message: string;
}

/**
 * Transitions that do nothing for the trail's typical log file (S3 skips objects that small), and
 * transitions to GLACIER or DEEP_ARCHIVE straight from STANDARD of files no larger than the 8 KB
 * S3 then still bills at the STANDARD rate: whatever the prices, the file costs more archived than
 * it did in STANDARD, before the transition fee. Empty when the typical size is unknown.
 */
export function transitionWarnings(plan: RetentionPlan): TransitionWarning[] {
    const bytes = plan.typicalObjectBytes;
    if (bytes === undefined) return [];
    const warnings: TransitionWarning[] = [];
    let current: ArchiveStorageClass | "STANDARD" = "STANDARD";
    plan.transitions.forEach((transition, i) => {
        const field = ["transitions", i] as const;
        const what = `${transition.storageClass} at day ${transition.days}`;
        if (!transitionApplies(plan, transition.storageClass, bytes)) {
            const rule =
                plan.objectSizeGreaterThan !== undefined
                    ? `the rule's objectSizeGreaterThan filter (${plan.objectSizeGreaterThan} bytes)`
                    : `transitionDefaultMinimumObjectSize ${plan.transitionDefaultMinimumObjectSize ?? "all_storage_classes_128K"}, which moves no object under 128 KB (${TRANSITION_MINIMUM_OBJECT_BYTES} bytes) to ${transition.storageClass}`;
            warnings.push({
                field,
                kind: "skipped",
                message: `${what} does not apply to the trail's typical ${bytes}-byte log files under ${rule}; they stay in ${current}`,
            });
            return;
        }
        if (current === "STANDARD" && RESTORE_REQUIRED_STORAGE_CLASSES.includes(transition.storageClass) && bytes <= ARCHIVE_OBJECT_OVERHEAD.standardBytes) {
            warnings.push({
                field,
                kind: "costsMore",
                message: `${what} costs more than it saves for the trail's typical ${bytes}-byte log files: S3 bills each archived object 40 KB of metadata, 8 KB of it at the STANDARD rate, more than the file itself cost in STANDARD, and charges a transition request per object`,
            });
        }
        current = transition.storageClass;
    });
    return warnings;
}
