// The S3 bucket a trail writes to. Its settings live on the bucket (legacy inline arguments, still
// accepted by AWS v7) or on separate resources joined to it through property dependencies
// (stackGraph.ts); checked over the stack (AnalyzeStack).
import { OBJECT_LOCK_MODES } from "../../../core/awsVocabulary";
import { cisV14, cisV30, HIPAA_AUDIT_CONTROLS, nist, pciDss, securityHub } from "../frameworks";
import { checkKmsEncryption, checkNoPublicGrants, checkPublicAccessBlock, checkTlsOnly } from "./auditDataBucketChecks";
import { stackPolicy, undecided } from "../policyDefinition";
import { coversLogs, logPrefixesOf, objectLockOf } from "../retentionPlanReader";
import { judgeRequirements, REQUIREMENT_SETTINGS, requirementSettingsProblem, RequirementSettings } from "../retentionRequirements";
import {
    inlineLifecycleRules,
    inlineLoggingTargets,
    inlineObjectLock,
    inlineVersioning,
    JoinedBucket,
    JoinedTrail,
    Node,
    StackGraph,
    TYPES,
} from "../stackGraph";
import { at, bool, count, gather, isSet, isUnknown, items, num, show, str, UNKNOWN, Unknown } from "../values";

type BucketWithTrails = { bucket: JoinedBucket; trails: JoinedTrail[] };

// Eight policies walk the audit buckets of the same per-request graph: group them once per graph.
const bucketsOfGraph = new WeakMap<StackGraph, readonly BucketWithTrails[]>();

/** Each distinct audit bucket once, with the trails that write to it. */
function auditBuckets(graph: StackGraph): readonly BucketWithTrails[] {
    const cached = bucketsOfGraph.get(graph);
    if (cached) return cached;
    const byBucket = new Map<Node, BucketWithTrails>();
    for (const audit of graph.trails()) {
        if (!audit.bucket) continue;
        const entry = byBucket.get(audit.bucket.bucket) ?? { bucket: audit.bucket, trails: [] };
        entry.trails.push(audit);
        byBucket.set(audit.bucket.bucket, entry);
    }
    const buckets = [...byBucket.values()];
    bucketsOfGraph.set(graph, buckets);
    return buckets;
}

function bucketLabel(audit: JoinedBucket): string {
    return `Audit bucket "${audit.bucket.name}"`;
}

export const archiveBucketPublicAccessBlock = stackPolicy(
    {
        name: "cloudtrail-bucket-public-access-block",
        displayName: "Audit bucket blocks public access",
        description: "The trail's S3 bucket must turn on all four S3 Block Public Access settings.",
        severity: "critical",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Add an aws.s3.BucketPublicAccessBlock with `bucket: bucket.id` and blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true (or one aws.s3.AccountPublicAccessBlock with all four).",
        references: [cisV14("3.3"), cisV30("2.1.4"), securityHub("S3.8"), securityHub("CloudTrail.6"), pciDss("10.3.2"), nist("AU-9"), nist("AC-3")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const { bucket } of auditBuckets(graph)) checkPublicAccessBlock(graph, bucket, bucketLabel(bucket), report);
    },
);

export const archiveBucketNoPublicGrants = stackPolicy(
    {
        name: "cloudtrail-bucket-no-public-grants",
        displayName: "Audit bucket grants nothing to the public",
        description: "Neither an ACL nor the bucket policy of the trail's bucket may grant access to everyone.",
        severity: "critical",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Use the `private` canned ACL (or none: BucketOwnerEnforced ownership), and give the bucket policy's Allow statements named principals (cloudtrail.amazonaws.com with an aws:SourceArn condition) instead of \"*\".",
        references: [cisV14("3.3"), securityHub("S3.2"), securityHub("S3.3"), securityHub("CloudTrail.6"), pciDss("10.3.1"), nist("AC-3"), nist("AU-9")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const { bucket } of auditBuckets(graph)) checkNoPublicGrants(bucket, bucketLabel(bucket), report);
    },
);

export const archiveBucketEncryption = stackPolicy(
    {
        name: "cloudtrail-bucket-sse-kms",
        displayName: "Audit bucket encrypts with KMS",
        description: "The trail's S3 bucket must encrypt objects by default with a KMS key (SSE-KMS), not only SSE-S3.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Add an aws.s3.BucketServerSideEncryptionConfiguration with `bucket: bucket.id` and a rule whose applyServerSideEncryptionByDefault has sseAlgorithm \"aws:kms\" and kmsMasterKeyId set to the audit key (bucketKeyEnabled: true keeps KMS costs down).",
        references: [securityHub("S3.17"), pciDss("10.3.2"), HIPAA_AUDIT_CONTROLS, nist("AU-9(3)"), nist("SC-28")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const { bucket } of auditBuckets(graph)) checkKmsEncryption(bucket, bucketLabel(bucket), report);
    },
);

// An Object Lock bucket whose BucketVersioning suspends versioning is judged here rather than by a
// policy of its own: the mistake (the versioning status of the audit bucket), the resource and the fix
// ("Enabled") are this policy's, and this policy is where Object Lock already counts as versioning.
// A second policy would report the same BucketVersioning twice or need this one to step aside.
export const archiveBucketVersioning = stackPolicy(
    {
        name: "cloudtrail-bucket-versioning",
        displayName: "Audit bucket keeps object versions",
        description:
            "The trail's S3 bucket must have versioning enabled, so an overwritten or deleted log file can be recovered; on an Object Lock bucket versioning may not be suspended at all.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Add an aws.s3.BucketVersioning with `bucket: bucket.id` and `versioningConfiguration: { status: "Enabled" }`. On a bucket with Object Lock never set status "Suspended": AWS refuses to suspend versioning there, so `pulumi up` fails at that BucketVersioning.',
        references: [securityHub("S3.14"), pciDss("10.3.3"), nist("AU-9"), nist("CP-9")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const { bucket } of auditBuckets(graph)) {
            const versionings = bucket.aspects.get("versioning") ?? [];
            const statuses: unknown[] = versionings.map((n) => at(n.props.versioningConfiguration, "status"));
            // AWS rejects "Suspended" on an Object Lock bucket (InvalidBucketState). A computed Object
            // Lock setting falls through to the check below: "Suspended" is wrong either way.
            if (objectLockOf(bucket) === true) {
                const suspended = versionings.filter((n) => at(n.props.versioningConfiguration, "status") === "Suspended");
                for (const node of suspended) {
                    report({
                        urn: node.urn,
                        message: `${bucketLabel(bucket)} has Object Lock, but BucketVersioning "${node.name}" sets its versioning to "Suspended": AWS refuses to suspend versioning on an Object Lock bucket, so \`pulumi up\` would fail at "${node.name}"; set status "Enabled".`,
                    });
                }
                if (suspended.length > 0) continue;
            }
            // Object Lock turned on at creation turns versioning on and keeps it on.
            if (bool(bucket.bucket.props.objectLockEnabled) === true || inlineObjectLock(bucket.bucket).enabled === "Enabled") continue;
            const inline = inlineVersioning(bucket.bucket);
            if (inline.some((enabled) => bool(enabled) === true) || statuses.some((s) => s === "Enabled")) continue;
            if (inline.some(isUnknown) || statuses.some(isUnknown)) {
                report(undecided(bucketLabel(bucket), "its versioning", "it keeps versions", bucket.bucket.urn));
                continue;
            }
            const shown = statuses.filter((s) => typeof s === "string");
            report({
                urn: bucket.bucket.urn,
                message:
                    shown.length === 0
                        ? `${bucketLabel(bucket)} has no versioning; add a BucketVersioning with status "Enabled".`
                        : `${bucketLabel(bucket)} has versioning ${shown.map((s) => `"${String(s)}"`).join(", ")}; set status "Enabled".`,
            });
        }
    },
);

export const archiveBucketTlsOnly = stackPolicy(
    {
        name: "cloudtrail-bucket-tls-only",
        displayName: "Audit bucket refuses plain HTTP",
        description: "The trail's S3 bucket policy must deny every request made without TLS (aws:SecureTransport false).",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Add to the bucket policy a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
        references: [cisV14("2.1.2"), cisV30("2.1.1"), securityHub("S3.5"), pciDss("4.2.1"), nist("SC-8")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const { bucket } of auditBuckets(graph)) checkTlsOnly(bucket, bucketLabel(bucket), report);
    },
);

export const archiveBucketAccessLogging = stackPolicy(
    {
        name: "cloudtrail-bucket-access-logging",
        displayName: "Audit bucket access is logged",
        description: "The trail's S3 bucket must have server access logging, recording who reads or deletes the logs.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps: "Add an aws.s3.BucketLogging with `bucket: bucket.id` and `targetBucket` set to a separate access-log bucket.",
        references: [cisV14("3.6"), cisV30("3.4"), securityHub("CloudTrail.7"), securityHub("S3.9"), pciDss("10.2.1.3"), nist("AU-2"), nist("AU-9")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const { bucket } of auditBuckets(graph)) {
            const targets: unknown[] = (bucket.aspects.get("logging") ?? []).map((n) => n.props.targetBucket);
            targets.push(...inlineLoggingTargets(bucket.bucket));
            if (targets.some((t) => isUnknown(t) || isSet(t))) continue;
            report({ urn: bucket.bucket.urn, message: `${bucketLabel(bucket)} has no server access logging; add a BucketLogging with a targetBucket.` });
        }
    },
);

export interface BucketRetentionConfig extends RequirementSettings {
    minimumRetentionDays: number;
}

export const archiveBucketRetention = stackPolicy<BucketRetentionConfig>(
    {
        name: "cloudtrail-bucket-retention",
        displayName: "Audit logs kept long enough",
        description:
            "No lifecycle rule may expire the trail's log files before the minimum retention; with `requirements`, the bucket's lifecycle, Object Lock and the trail's log group must meet each named retention requirement (total retention, the window readable without a restore, deleted versions, log group days).",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Raise `expiration.days` of the bucket's lifecycle rules that cover the trail's prefix (AWSLogs/) to at least the minimum retention, or limit those rules to other prefixes. For a named requirement: move the first transition to GLACIER or DEEP_ARCHIVE past the window it needs (GLACIER_IR stays readable), keep noncurrent versions (or lock objects) as long as the total, and give the log group the retention it needs.",
        references: [pciDss("10.5.1"), HIPAA_AUDIT_CONTROLS, nist("AU-11")],
        settings: {
            minimumRetentionDays: {
                type: "integer",
                description: "Shortest acceptable lifetime of a log file in the audit bucket, in days (PCI DSS 10.5.1: one year).",
                default: 365,
                minimum: 1,
            },
            ...REQUIREMENT_SETTINGS,
        },
    },
    TYPES.trail,
    ({ graph, stackUrn }, settings, report) => {
        const problem = requirementSettingsProblem(settings);
        if (problem) report({ urn: stackUrn, message: problem });
        for (const { bucket, trails } of auditBuckets(graph)) {
            judgeRequirements(bucket, trails, bucketLabel(bucket), settings, report);
            const logPrefixes = logPrefixesOf(trails);
            // A lifecycle configuration's rules have `status` and `expiration`; the inline rules of a
            // Bucket or BucketV2 have `enabled`, and their expiration days come from inlineLifecycleRules.
            const rules: { node: Node; rule: unknown; enabled: unknown; expirationDays: unknown[] }[] = [
                ...(bucket.aspects.get("lifecycle") ?? []).flatMap((node) =>
                    items(node.props.rules).map((rule) => ({ node, rule, enabled: at(rule, "status"), expirationDays: [at(rule, "expiration", "days")] })),
                ),
                ...inlineLifecycleRules(bucket.bucket).map(({ rule, expirationDays }) => ({ node: bucket.bucket, rule, enabled: bool(at(rule, "enabled")), expirationDays })),
            ];
            for (const { node, rule, enabled, expirationDays } of rules) {
                if (enabled === false || enabled === "Disabled") continue;
                const days = shortestDays(expirationDays);
                if (days === undefined || days === UNKNOWN || days >= settings.minimumRetentionDays) continue;
                const covers = coversLogs(rule, logPrefixes);
                if (covers === false) continue;
                const id = at(rule, "id");
                report({
                    urn: node.urn,
                    // A computed status or prefix may yet leave the logs alone: advisory until known.
                    unverified: isUnknown(enabled) || covers === UNKNOWN,
                    message: `${bucketLabel(bucket)} expires log files after ${count(days, "day")} (lifecycle rule ${typeof id === "string" ? `"${id}" ` : ""}in "${node.name}"); keep them at least ${count(settings.minimumRetentionDays, "day")}.`,
                });
            }
        }
    },
);

/** The shortest known expiration; Unknown when none is known and one is computed. */
function shortestDays(values: readonly unknown[]): number | Unknown | undefined {
    const days = values.map(num);
    const known = days.filter((d): d is number => typeof d === "number");
    if (known.length > 0) return Math.min(...known);
    return days.includes(UNKNOWN) ? UNKNOWN : undefined;
}

export interface ObjectLockConfig {
    required: boolean;
    minimumRetentionDays: number;
    allowedModes: string[];
}

export const archiveBucketObjectLock = stackPolicy<ObjectLockConfig>(
    {
        name: "cloudtrail-bucket-object-lock",
        displayName: "Audit bucket locks objects (when required)",
        description: "When required by config, the trail's S3 bucket must have Object Lock with a default retention, so not even an administrator can delete log files early.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Create the bucket with `objectLockEnabled: true` and add an aws.s3.BucketObjectLockConfiguration with `rule: { defaultRetention: { mode: "COMPLIANCE", days: <minimum> } }`. Object Lock can only be turned on when a bucket is created.',
        references: [securityHub("S3.15"), pciDss("10.3.2"), nist("AU-9"), nist("AU-11")],
        settings: {
            required: {
                type: "boolean",
                description: "Require Object Lock on audit buckets.",
                default: false,
            },
            minimumRetentionDays: {
                type: "integer",
                description: "Shortest acceptable default retention, in days.",
                default: 365,
                minimum: 1,
            },
            allowedModes: {
                type: "array",
                description: "Acceptable retention modes.",
                default: [...OBJECT_LOCK_MODES],
                items: { type: "string", enum: OBJECT_LOCK_MODES },
                uniqueItems: true,
            },
        },
    },
    TYPES.trail,
    ({ graph }, settings, report) => {
        if (!settings.required) return;
        for (const { bucket } of auditBuckets(graph)) {
            const label = bucketLabel(bucket);
            const enabled = bool(bucket.bucket.props.objectLockEnabled);
            const inline = inlineObjectLock(bucket.bucket);
            if (enabled === UNKNOWN || isUnknown(inline.enabled)) continue;
            if (enabled !== true && inline.enabled !== "Enabled") {
                report({ urn: bucket.bucket.urn, message: `${label} was created without Object Lock; it must be created with objectLockEnabled: true.` });
                continue;
            }
            const retentions = [
                ...inline.retentions,
                ...(bucket.aspects.get("objectLock") ?? []).map((n) => at(n.props.rule, "defaultRetention")),
            ].filter((r) => r !== undefined);
            if (retentions.some(isUnknown)) continue;
            // A retention with a computed days, years or mode is undecided unless a known part already fails it.
            if (retentions.some((r) => retentionMeets(r, settings) !== false)) continue;
            report({
                urn: bucket.bucket.urn,
                message:
                    retentions.length === 0
                        ? `${label} has Object Lock but no default retention; add a BucketObjectLockConfiguration with a ${settings.allowedModes.join(" or ")} retention of at least ${count(settings.minimumRetentionDays, "day")}.`
                        : `${label} has a default retention of ${retentions.map(describeRetention).join(", ")}; it needs ${settings.allowedModes.join(" or ")} for at least ${count(settings.minimumRetentionDays, "day")}.`,
            });
        }
    },
);

/** Whether a default retention satisfies the settings; Unknown when that rests on a computed value. */
function retentionMeets(retention: unknown, settings: ObjectLockConfig): boolean | Unknown {
    const days = num(at(retention, "days"));
    const years = num(at(retention, "years"));
    const length = days ?? (typeof years === "number" ? years * 365 : years);
    const mode = at(retention, "mode");
    const longEnough = length === UNKNOWN ? UNKNOWN : typeof length === "number" && length >= settings.minimumRetentionDays;
    const modeAllowed = mode === UNKNOWN ? UNKNOWN : typeof mode === "string" && settings.allowedModes.includes(mode);
    if (longEnough === false || modeAllowed === false) return false;
    return longEnough === UNKNOWN || modeAllowed === UNKNOWN ? UNKNOWN : true;
}

function describeRetention(retention: unknown): string {
    const days = at(retention, "days");
    const length = (value: unknown, unit: string) => (typeof value === "number" ? count(value, unit) : `${show(value)} ${unit}s`);
    return `${show(at(retention, "mode"))} ${days !== undefined ? length(days, "day") : length(at(retention, "years"), "year")}`;
}
