// What a program's resources do to the log files in an audit bucket, as a RetentionPlan the
// shared evaluator (core/retention) judges: the lifecycle rules that reach the trail's objects
// (separate configuration resources or a bucket's inline rules), the bucket's Object Lock default
// retention and the trail's log group. Values computed in preview are tracked per field, so a
// finding that rests on one is reported as unverified.
import { ARCHIVE_STORAGE_CLASSES, OBJECT_LOCK_MODES, TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES } from "../../core/awsVocabulary";
import type { ArchiveStorageClass, ObjectLockMode, TransitionDefaultMinimumObjectSize } from "../../core/awsVocabulary";
import type { PlannedTransition, RetentionPlan } from "../../core/retention/retentionPlan";
import { inlineLifecycleRules, inlineObjectLock, JoinedBucket, JoinedTrail, Node } from "./stackGraph";
import { at, bool, gather, isUnknown, items, num, str, UNKNOWN, Unknown } from "./values";

/** The plan fields a computed value can hide, plus whether the rules reach the logs at all. */
export type UncertainPart = "expirationDays" | "transitions" | "noncurrentVersionExpirationDays" | "objectLock" | "logGroupDays" | "coverage";

export interface ReadRetentionPlan {
    plan: RetentionPlan;
    /** Parts the plan leaves out or understates because a value is unknown until deployment. */
    uncertain: ReadonlySet<UncertainPart>;
    /** The resources that set each part, for the finding's URN. */
    lifecycle?: Node;
    objectLock?: Node;
    logGroup?: Node;
}

/** The key prefixes the trails write under (`<s3KeyPrefix>/AWSLogs/`); Unknown where the prefix is computed. */
export function logPrefixesOf(trails: readonly JoinedTrail[]): (string | Unknown)[] {
    return trails.map((t) => {
        const prefix = str(t.trail.props.s3KeyPrefix);
        return prefix === UNKNOWN ? UNKNOWN : `${prefix ? `${prefix.replace(/\/$/, "")}/` : ""}AWSLogs/`;
    });
}

/**
 * Does a lifecycle rule reach the trail's objects? Tag filters never do: CloudTrail writes untagged
 * objects. Unknown when a computed prefix decides it.
 */
export function coversLogs(rule: unknown, logPrefixes: (string | Unknown)[]): boolean | Unknown {
    if (at(rule, "filter", "tag") !== undefined) return false;
    for (const tags of [at(rule, "filter", "and", "tags"), at(rule, "tags")]) {
        if (typeof tags === "object" && tags !== null && Object.keys(tags).length > 0) return false;
    }
    const prefix = at(rule, "filter", "prefix") ?? at(rule, "filter", "and", "prefix") ?? at(rule, "prefix");
    if (prefix === undefined || prefix === "") return true;
    if (isUnknown(prefix)) return UNKNOWN;
    const known = logPrefixes.filter((logs): logs is string => logs !== UNKNOWN);
    if (known.some((logs) => logs.startsWith(prefix as string) || (prefix as string).startsWith(logs))) return true;
    return known.length < logPrefixes.length ? UNKNOWN : false;
}

/**
 * Whether a bucket has Object Lock: created with objectLockEnabled (Bucket and BucketV2), an inline
 * objectLockConfiguration, or a BucketObjectLockConfiguration (whose objectLockEnabled defaults to
 * "Enabled", its only valid value). Unknown when that rests on a computed value.
 */
export function objectLockOf(bucket: JoinedBucket): boolean | Unknown {
    const enabled = (value: unknown, absent: boolean) => (isUnknown(value) ? UNKNOWN : value === "Enabled" || (value === undefined && absent));
    const signs = [
        bool(bucket.bucket.props.objectLockEnabled),
        enabled(inlineObjectLock(bucket.bucket).enabled, false),
        ...(bucket.aspects.get("objectLock") ?? []).map((n) => enabled(n.props.objectLockEnabled, true)),
    ];
    if (signs.includes(true)) return true;
    return signs.includes(UNKNOWN) ? UNKNOWN : false;
}

/** A lifecycle rule that reaches the logs, in either shape, with the resource that declares it. */
interface CoveringRule {
    node: Node;
    rule: unknown;
    /** Whether `rule` has the inline shape (a Bucket's lifecycleRules) rather than a configuration's. */
    inline: boolean;
    /** The configuration's TransitionDefaultMinimumObjectSize (inline rules have none). */
    sizeRule: unknown;
}

/** Every enabled (or possibly enabled) lifecycle rule that reaches (or may reach) the trail's objects. */
function coveringRules(bucket: JoinedBucket, trails: readonly JoinedTrail[], uncertain: Set<UncertainPart>): CoveringRule[] {
    const prefixes = logPrefixesOf(trails);
    const candidates: (CoveringRule & { enabled: unknown })[] = [
        ...(bucket.aspects.get("lifecycle") ?? []).flatMap((node) => {
            if (isUnknown(node.props.rules)) uncertain.add("coverage");
            return items(node.props.rules).map((rule) => ({ node: node as Node, rule, inline: false, sizeRule: node.props.transitionDefaultMinimumObjectSize, enabled: at(rule, "status") }));
        }),
        ...inlineLifecycleRules(bucket.bucket).map(({ rule }) => ({ node: bucket.bucket as Node, rule, inline: true, sizeRule: undefined, enabled: bool(at(rule, "enabled")) })),
    ];
    return candidates.filter(({ rule, enabled }) => {
        if (enabled === false || enabled === "Disabled") return false;
        const covers = coversLogs(rule, prefixes);
        if (covers === false) return false;
        if (isUnknown(enabled) || covers === UNKNOWN || isUnknown(rule)) uncertain.add("coverage");
        return true;
    });
}

/** The smallest known number among the values; marks `part` uncertain when one is unknown. */
function shortest(values: readonly unknown[], part: UncertainPart, uncertain: Set<UncertainPart>): number | undefined {
    let result: number | undefined;
    for (const value of values) {
        const n = num(value);
        if (n === UNKNOWN) uncertain.add(part);
        else if (typeof n === "number") result = result === undefined ? n : Math.min(result, n);
    }
    return result;
}

function transitionsOf(rules: readonly CoveringRule[], uncertain: Set<UncertainPart>): PlannedTransition[] {
    const transitions: PlannedTransition[] = [];
    for (const { rule } of rules) {
        for (const transition of gather(rule, "transitions")) {
            const days = num(at(transition, "days"));
            const storageClass = at(transition, "storageClass");
            if (days === UNKNOWN || isUnknown(storageClass) || isUnknown(transition)) {
                uncertain.add("transitions");
                continue;
            }
            if (typeof days === "number" && (ARCHIVE_STORAGE_CLASSES as readonly unknown[]).includes(storageClass)) {
                transitions.push({ days, storageClass: storageClass as ArchiveStorageClass });
            }
        }
    }
    return transitions.sort((a, b) => a.days - b.days);
}

/** A rule's objectSizeGreaterThan filter, in either shape; the smallest over the rules that transition. */
function sizeFloorOf(rules: readonly CoveringRule[]): number | undefined {
    const floors = rules
        .filter(({ rule }) => gather(rule, "transitions").length > 0)
        .map(({ rule }) => num(at(rule, "filter", "objectSizeGreaterThan") ?? at(rule, "filter", "and", "objectSizeGreaterThan")));
    if (floors.length === 0 || floors.some((f) => typeof f !== "number")) return undefined;
    return Math.min(...(floors as number[]));
}

function sizeRuleOf(rules: readonly CoveringRule[]): TransitionDefaultMinimumObjectSize | undefined {
    const set = rules.map((r) => r.sizeRule).find((value) => (TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES as readonly unknown[]).includes(value));
    return set as TransitionDefaultMinimumObjectSize | undefined;
}

/** The bucket's default Object Lock retention ({mode, days}; years count 365 days each). */
function objectLockRetention(bucket: JoinedBucket, uncertain: Set<UncertainPart>): { node?: Node; lock?: RetentionPlan["objectLock"] } {
    const lockedAtAll = objectLockOf(bucket);
    if (lockedAtAll === UNKNOWN) uncertain.add("objectLock");
    if (lockedAtAll !== true) return {};
    const configured: [Node, unknown][] = [
        ...inlineObjectLock(bucket.bucket).retentions.map((r): [Node, unknown] => [bucket.bucket, r]),
        ...(bucket.aspects.get("objectLock") ?? []).map((n): [Node, unknown] => [n, at(n.props.rule, "defaultRetention")]),
    ];
    for (const [node, retention] of configured) {
        const days = num(at(retention, "days"));
        const years = num(at(retention, "years"));
        const mode = at(retention, "mode");
        if (isUnknown(retention) || days === UNKNOWN || (days === undefined && years === UNKNOWN) || isUnknown(mode)) {
            uncertain.add("objectLock");
            continue;
        }
        const length = typeof days === "number" ? days : typeof years === "number" ? years * 365 : undefined;
        if (length !== undefined && (OBJECT_LOCK_MODES as readonly unknown[]).includes(mode)) return { node, lock: { mode: mode as ObjectLockMode, days: length } };
    }
    return {};
}

/**
 * Days without access after which INTELLIGENT_TIERING's opt-in archive tiers take an object of the
 * trail's: the shortest `tierings[].days` of an enabled BucketIntelligentTieringConfiguration whose
 * filter reaches the logs (CloudTrail writes untagged objects, so a tag filter never does).
 */
function intelligentTieringArchiveAfter(bucket: JoinedBucket, trails: readonly JoinedTrail[], uncertain: Set<UncertainPart>): number | undefined {
    const prefixes = logPrefixesOf(trails);
    let days: number | undefined;
    for (const node of bucket.aspects.get("intelligentTiering") ?? []) {
        const status = node.props.status;
        if (status === "Disabled") continue;
        // Its filter is { prefix, tags }: read as a lifecycle rule's prefix and tags.
        const covers = isUnknown(node.props.filter)
            ? UNKNOWN
            : coversLogs({ filter: { prefix: at(node.props.filter, "prefix") }, tags: at(node.props.filter, "tags") }, prefixes);
        if (covers === false) continue;
        if (isUnknown(status) || covers === UNKNOWN) uncertain.add("transitions");
        const shortestTier = shortest(gather(node.props.tierings, "days"), "transitions", uncertain);
        if (shortestTier !== undefined) days = days === undefined ? shortestTier : Math.min(days, shortestTier);
    }
    return days;
}

/** What the program does to the log files in this audit bucket. */
export function readRetentionPlan(bucket: JoinedBucket, trails: readonly JoinedTrail[], typicalObjectBytes?: number): ReadRetentionPlan {
    const uncertain = new Set<UncertainPart>();
    const rules = coveringRules(bucket, trails, uncertain);
    const expirationDays = shortest(
        rules.flatMap(({ rule, inline }) => (inline ? [...gather(rule, "expiration", "days"), ...gather(rule, "expirations", "days")] : [at(rule, "expiration", "days")])),
        "expirationDays",
        uncertain,
    );
    const noncurrentVersionExpirationDays = shortest(
        rules.flatMap(({ rule, inline }) =>
            inline
                ? [...gather(rule, "noncurrentVersionExpiration", "days"), ...gather(rule, "noncurrentVersionExpirations", "days")]
                : [at(rule, "noncurrentVersionExpiration", "noncurrentDays")],
        ),
        "noncurrentVersionExpirationDays",
        uncertain,
    );
    const { node: lockNode, lock } = objectLockRetention(bucket, uncertain);
    const logGroups = trails.map((t) => t.logGroup).filter((g): g is NonNullable<typeof g> => g !== undefined);
    // A log group without retentionInDays (or with 0) keeps events forever: only the others limit.
    const limited = logGroups.map((g) => g.props.retentionInDays).filter((days) => days !== undefined && days !== 0);
    const logGroupDays = logGroups.length === 0 ? undefined : (shortest(limited, "logGroupDays", uncertain) ?? 0);
    return {
        plan: {
            expirationDays,
            transitions: transitionsOf(rules, uncertain),
            noncurrentVersionExpirationDays,
            objectLock: lock,
            logGroupDays,
            intelligentTieringArchiveAfterDays: intelligentTieringArchiveAfter(bucket, trails, uncertain),
            transitionDefaultMinimumObjectSize: sizeRuleOf(rules),
            objectSizeGreaterThan: sizeFloorOf(rules),
            typicalObjectBytes,
        },
        uncertain,
        lifecycle: rules[0]?.node,
        objectLock: lockNode,
        logGroup: logGroups[0],
    };
}
