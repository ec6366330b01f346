// Rules between retention keys that S3 enforces when it receives the lifecycle configuration (or
// that would make the configuration contradict itself): transitions in order and only to colder
// classes, minimum days per class, nothing expiring before its last transition or while locked.
import {
    INFREQUENT_ACCESS_CLASSES,
    MIN_DAYS_BEFORE_INFREQUENT_ACCESS,
    MIN_DAYS_IN_INFREQUENT_ACCESS,
    SUPPORTED_TRANSITIONS,
} from "../awsLimits";
// S3's minimum storage durations, defined once beside the cost model that bills them.
import { MINIMUM_STORAGE_DAYS } from "../../core/cost/storageClasses";
import type { Findings } from "../findings";
import type { RetentionSettings } from "../settings";

const ARCHIVE = ["retention", "archive"] as const;
const TRANSITIONS = [...ARCHIVE, "transitions"] as const;
const EXPIRATION = [...ARCHIVE, "expirationDays"] as const;
const LOCK_DAYS = ["retention", "objectLock", "days"] as const;

export function checkRetention(retention: RetentionSettings, findings: Findings): void {
    checkTransitions(retention, findings);
    checkExpiration(retention, findings);
    warnEarlyDeletion(retention, findings);
}

function checkTransitions(retention: RetentionSettings, findings: Findings): void {
    const transitions = retention.archive.transitions;
    transitions.forEach((transition, i) => {
        const at = [...TRANSITIONS, i];
        if (INFREQUENT_ACCESS_CLASSES.includes(transition.storageClass) && transition.days < MIN_DAYS_BEFORE_INFREQUENT_ACCESS) {
            findings.problem([...at, "days"], transition.days,
                `expected at least ${MIN_DAYS_BEFORE_INFREQUENT_ACCESS}: S3 moves objects to ${transition.storageClass} only once they are ${MIN_DAYS_BEFORE_INFREQUENT_ACCESS} days old`);
        }
        if (i === 0) return;
        const previous = transitions[i - 1];
        const previousAt = `transitions[${i - 1}]`;
        if (transition.days <= previous.days) {
            findings.problem([...at, "days"], transition.days,
                `expected more than ${previousAt}.days (${findings.cite([...TRANSITIONS, i - 1, "days"], previous.days)}): transitions must be in increasing order`);
        } else if (INFREQUENT_ACCESS_CLASSES.includes(previous.storageClass) && transition.days - previous.days < MIN_DAYS_IN_INFREQUENT_ACCESS) {
            findings.problem([...at, "days"], transition.days,
                `expected at least ${previous.days + MIN_DAYS_IN_INFREQUENT_ACCESS} (${previousAt}.days + ${MIN_DAYS_IN_INFREQUENT_ACCESS}): S3 keeps objects ${MIN_DAYS_IN_INFREQUENT_ACCESS} days in ${previous.storageClass} before the next transition`);
        }
        const allowed = SUPPORTED_TRANSITIONS[previous.storageClass];
        if (!allowed.includes(transition.storageClass)) {
            const expectation = allowed.length > 0
                ? `expected one of ${allowed.join(", ")}`
                : `expected no transition after ${previous.storageClass}, the coldest class`;
            findings.problem([...at, "storageClass"], transition.storageClass,
                `${expectation}: S3 cannot move objects from ${previous.storageClass} (${previousAt}) to ${transition.storageClass}; each transition must go to a colder class`);
        }
    });
}

function checkExpiration(retention: RetentionSettings, findings: Findings): void {
    const { transitions, expirationDays } = retention.archive;
    const lastIndex = transitions.length - 1;
    if (lastIndex >= 0 && expirationDays <= transitions[lastIndex].days) {
        const last = transitions[lastIndex];
        findings.problem([...EXPIRATION], expirationDays,
            `expected more than transitions[${lastIndex}].days (${findings.cite([...TRANSITIONS, lastIndex, "days"], last.days)}): objects must not expire before their last transition`);
    }
    const lock = retention.objectLock;
    if (lock && expirationDays < lock.days) {
        // Report on the key the stack set; if it set both, expiration is the one that falls short.
        if (findings.given(EXPIRATION) || !findings.given(LOCK_DAYS)) {
            findings.problem([...EXPIRATION], expirationDays,
                `expected at least retention.objectLock.days (${findings.cite(LOCK_DAYS, lock.days)}): objects cannot expire while Object Lock retains them`);
        } else {
            findings.problem([...LOCK_DAYS], lock.days,
                `expected at most retention.archive.expirationDays (${findings.cite(EXPIRATION, expirationDays)}): objects cannot expire while Object Lock retains them`);
        }
    }
}

/** Leaving a class before its minimum storage duration is allowed but billed as if the object stayed. */
function warnEarlyDeletion(retention: RetentionSettings, findings: Findings): void {
    const { transitions, expirationDays } = retention.archive;
    transitions.forEach((transition, i) => {
        const minimum = MINIMUM_STORAGE_DAYS[transition.storageClass];
        const leaves = i + 1 < transitions.length ? transitions[i + 1].days : expirationDays;
        if (leaves - transition.days < minimum && leaves > transition.days) {
            findings.warn([...TRANSITIONS, i],
                `objects stay ${leaves - transition.days} days in ${transition.storageClass}, less than its ${minimum}-day minimum storage duration; S3 bills the full ${minimum} days`);
        }
    });
}
