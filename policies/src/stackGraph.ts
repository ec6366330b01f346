// Joins the resources of a CloudTrail setup the way the engine relates them: through property
// dependencies (a BucketVersioning's `bucket` came from that Bucket's output), so that a brand-new
// stack, whose bucket names and ARNs are unknown during preview, is judged as after deployment.
// Where a program wrote a literal name instead, known values join as a fallback.
import type { PolicyResource } from "@pulumi/policy";
import { at, gather, isUnknown, plain, Props, str, UNKNOWN } from "./values";

export const TYPES = {
    trail: "aws:cloudtrail/trail:Trail",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    encryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    lifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    logging: "aws:s3/bucketLogging:BucketLogging",
    loggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    acl: "aws:s3/bucketAcl:BucketAcl",
    aclV2: "aws:s3/bucketAclV2:BucketAclV2",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    objectLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
    accountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    kmsKey: "aws:kms/key:Key",
    kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    kmsAlias: "aws:kms/alias:Alias",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    // The trail's CloudWatch Logs delivery role. Listing it here also keeps roles in AnalyzeStack
    // requests (stackRequestFilter.ts keeps every type in RELEVANT_TYPES).
    role: "aws:iam/role:Role",
} as const;

const BUCKET_TYPES: ReadonlySet<string> = new Set<string>([TYPES.bucket, TYPES.bucketV2]);
export const KMS_KEY_TYPES: ReadonlySet<string> = new Set<string>([TYPES.kmsKey]);
export const LOG_GROUP_TYPES: ReadonlySet<string> = new Set<string>([TYPES.logGroup]);
const ROLE_TYPES: ReadonlySet<string> = new Set<string>([TYPES.role]);

/** The S3 resources that configure one aspect of a bucket through a `bucket` property. */
export type BucketAspect = "publicAccessBlock" | "encryption" | "versioning" | "lifecycle" | "logging" | "policy" | "acl" | "objectLock";

const ASPECT_OF_TYPE = new Map<string, BucketAspect>([
    [TYPES.publicAccessBlock, "publicAccessBlock"],
    [TYPES.encryption, "encryption"],
    [TYPES.encryptionV2, "encryption"],
    [TYPES.versioning, "versioning"],
    [TYPES.versioningV2, "versioning"],
    [TYPES.lifecycle, "lifecycle"],
    [TYPES.lifecycleV2, "lifecycle"],
    [TYPES.logging, "logging"],
    [TYPES.loggingV2, "logging"],
    [TYPES.policy, "policy"],
    [TYPES.acl, "acl"],
    [TYPES.aclV2, "acl"],
    [TYPES.objectLock, "objectLock"],
    [TYPES.objectLockV2, "objectLock"],
]);

/** The types a stack must contain for the graph to matter; others are skipped unread. */
export const RELEVANT_TYPES: ReadonlySet<string> = new Set<string>(Object.values(TYPES));

export interface Node {
    urn: string;
    type: string;
    name: string;
    props: Props;
    protect: boolean;
    /** For each property, the nodes its value came from. */
    deps: Record<string, Node[]>;
}

export interface JoinedBucket {
    bucket: Node;
    aspects: Map<BucketAspect, Node[]>;
}

export interface JoinedTrail {
    trail: Node;
    /** The bucket the trail writes to, when it is in this stack; "unresolved" when it cannot be told. */
    bucket?: JoinedBucket;
    bucketResolution: "resolved" | "external" | "unresolved";
    key?: Node;
    logGroup?: Node;
    /** The role the trail delivers to CloudWatch Logs with (cloudWatchLogsRoleArn), when it is in this stack. */
    deliveryRole?: Node;
}

export class StackGraph {
    readonly nodes: Node[] = [];
    private readonly byType = new Map<string, Node[]>();

    constructor(resources: readonly PolicyResource[]) {
        const byUrn = new Map<string, Node>();
        const pending: [Node, PolicyResource][] = [];
        for (const resource of resources) {
            if (!RELEVANT_TYPES.has(resource.type)) continue;
            const node: Node = {
                urn: resource.urn,
                type: resource.type,
                name: resource.name,
                props: plain(resource.props),
                protect: resource.opts.protect === true,
                deps: {},
            };
            this.nodes.push(node);
            byUrn.set(node.urn, node);
            const list = this.byType.get(node.type) ?? [];
            list.push(node);
            this.byType.set(node.type, list);
            pending.push([node, resource]);
        }
        for (const [node, resource] of pending) {
            for (const [property, sources] of Object.entries(resource.propertyDependencies ?? {})) {
                node.deps[property] = sources.map((s) => byUrn.get(s.urn)).filter((n): n is Node => n !== undefined);
            }
        }
    }

    ofType(...types: string[]): Node[] {
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }

    private buckets(): Node[] {
        return this.ofType(TYPES.bucket, TYPES.bucketV2);
    }

    private bucketsByName?: Map<string, Node>;

    /** The bucket a `bucket`-like property names: by dependency (also through a BucketPolicy), else by known name. */
    private resolveBucket(node: Node, property: string): Node | "external" | "unresolved" {
        const viaDeps = this.followToType(node, property, BUCKET_TYPES);
        if (viaDeps) return viaDeps;
        const name = str(node.props[property]);
        if (name === undefined) return "unresolved";
        if (isUnknown(name)) return "unresolved";
        const bucketName = (name as string).replace(/^arn:aws[a-z-]*:s3:::/, "");
        if (!this.bucketsByName) {
            this.bucketsByName = new Map();
            for (const b of this.buckets()) {
                for (const known of [at(b.props, "bucket"), at(b.props, "id")]) {
                    if (typeof known === "string" && !isUnknown(known)) this.bucketsByName.set(known, b);
                }
            }
        }
        return this.bucketsByName.get(bucketName) ?? "external";
    }

    private aspectIndex?: Map<Node, Map<BucketAspect, Node[]>>;

    /** A bucket's configuration resources, grouped by aspect. Indexed once per graph. */
    private bucketAspects(bucket: Node): Map<BucketAspect, Node[]> {
        if (!this.aspectIndex) {
            this.aspectIndex = new Map();
            for (const [type, aspect] of ASPECT_OF_TYPE) {
                for (const node of this.byType.get(type) ?? []) {
                    const target = this.resolveBucket(node, "bucket");
                    if (typeof target === "string") continue;
                    const aspects = this.aspectIndex.get(target) ?? new Map<BucketAspect, Node[]>();
                    aspects.set(aspect, [...(aspects.get(aspect) ?? []), node]);
                    this.aspectIndex.set(target, aspects);
                }
            }
        }
        return this.aspectIndex.get(bucket) ?? new Map();
    }

    /** A resource a property's value was taken from, of one of `types`, following at most two hops. */
    followToType(node: Node, property: string, types: ReadonlySet<string>, hops = 2): Node | undefined {
        const sources = node.deps[property] ?? [];
        const direct = sources.filter((s) => types.has(s.type));
        if (direct.length === 1) return direct[0];
        if (direct.length > 1) {
            // Several candidates (e.g. an interpolated ARN): prefer the one whose known value matches.
            const value = node.props[property];
            return direct.find((s) => Object.values(s.props).some((v) => typeof v === "string" && v === value)) ?? direct[0];
        }
        if (hops === 0) return undefined;
        for (const source of sources) {
            // e.g. a trail's s3BucketName taken from its BucketPolicy's `bucket`, so it waits for the policy.
            for (const inner of ["bucket", "arn", "targetKeyId", "keyId"]) {
                if (!source.deps[inner]) continue;
                const found = this.followToType(source, inner, types, hops - 1);
                if (found) return found;
            }
        }
        return undefined;
    }

    private trailList?: readonly JoinedTrail[];

    /** Every trail with the bucket, KMS key and log group it uses. Joined once per graph: most stack policies start here. */
    trails(): readonly JoinedTrail[] {
        this.trailList ??= this.ofType(TYPES.trail).map((trail) => {
            const resolved = this.resolveBucket(trail, "s3BucketName");
            const audit: JoinedTrail = {
                trail,
                bucketResolution: typeof resolved === "string" ? resolved : "resolved",
            };
            if (typeof resolved !== "string") audit.bucket = { bucket: resolved, aspects: this.bucketAspects(resolved) };
            audit.key = this.resolveKey(trail, "kmsKeyId");
            audit.logGroup = this.resolveLogGroup(trail);
            audit.deliveryRole = this.resolveRole(trail, "cloudWatchLogsRoleArn");
            return audit;
        });
        return this.trailList;
    }

    /** The KMS key a key-id/ARN/alias property refers to, when it is in this stack. */
    resolveKey(node: Node, property: string): Node | undefined {
        const viaDeps = this.followToType(node, property, KMS_KEY_TYPES);
        if (viaDeps) return viaDeps;
        const value = str(node.props[property]);
        if (typeof value !== "string" || isUnknown(value)) return undefined;
        const keys = this.ofType(TYPES.kmsKey);
        const direct = keys.find((k) => [at(k.props, "arn"), at(k.props, "keyId"), at(k.props, "id")].includes(value));
        if (direct) return direct;
        const alias = this.ofType(TYPES.kmsAlias).find((a) => at(a.props, "name") === value || at(a.props, "arn") === value);
        return alias ? this.resolveKey(alias, "targetKeyId") : undefined;
    }

    private resolveLogGroup(trail: Node): Node | undefined {
        const viaDeps = this.followToType(trail, "cloudWatchLogsGroupArn", LOG_GROUP_TYPES);
        if (viaDeps) return viaDeps;
        const arn = str(trail.props["cloudWatchLogsGroupArn"]);
        if (typeof arn !== "string" || isUnknown(arn)) return undefined;
        const name = /:log-group:([^:]+)/.exec(arn)?.[1];
        return this.ofType(TYPES.logGroup).find(
            (g) => at(g.props, "arn") === arn.replace(/:\*$/, "") || (name !== undefined && at(g.props, "name") === name),
        );
    }

    /** The IAM role a role-ARN property names: by dependency, else by known ARN or by the role name in it. */
    resolveRole(node: Node, property: string): Node | undefined {
        const viaDeps = this.followToType(node, property, ROLE_TYPES);
        if (viaDeps) return viaDeps;
        const arn = str(node.props[property]);
        if (typeof arn !== "string" || isUnknown(arn)) return undefined;
        // arn:aws:iam::123456789012:role/optional/path/name; role names are unique in an account, paths
        // aside. A role whose own ARN is known is that ARN; one whose ARN is not known yet, its name.
        const name = /^arn:aws[a-z-]*:iam::[0-9]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
        return this.ofType(TYPES.role).find((r) => {
            const known = str(r.props["arn"]);
            return typeof known === "string" ? known === arn : name !== undefined && at(r.props, "name") === name;
        });
    }

    /** The log group a metric filter reads. */
    filterLogGroup(filter: Node): Node | "unresolved" | undefined {
        const viaDeps = this.followToType(filter, "logGroupName", LOG_GROUP_TYPES);
        if (viaDeps) return viaDeps;
        const name = filter.props["logGroupName"];
        if (isUnknown(name)) return "unresolved";
        return this.ofType(TYPES.logGroup).find((g) => at(g.props, "name") === name);
    }
}

// The legacy inline arguments of a bucket, which @pulumi/aws 7 still accepts, come in two shapes:
// aws.s3.Bucket's single objects (`versioning`, `logging`, `serverSideEncryptionConfiguration.rule`,
// `lifecycleRules[].expiration`, `objectLockConfiguration.rule.defaultRetention`) and BucketV2's
// lists (`versionings`, `loggings`, `serverSideEncryptionConfigurations[].rules[]
// .applyServerSideEncryptionByDefaults[]`, `lifecycleRules[].expirations[]`,
// `objectLockConfiguration.rules[].defaultRetentions[]`). One reader per aspect names both, so a
// policy never reads one shape and misses the other. Each returns Unknown where a computed value
// hides what is inside it.

/** The inline default-encryption settings ({ sseAlgorithm, kmsMasterKeyId }), with the bucket property each came from. */
export function inlineEncryption(bucket: Node): { property: string; settings: unknown }[] {
    const shapes: [property: string, path: string[]][] = [
        ["serverSideEncryptionConfiguration", ["rule", "applyServerSideEncryptionByDefault"]],
        ["serverSideEncryptionConfigurations", ["rules", "applyServerSideEncryptionByDefaults"]],
    ];
    return shapes.flatMap(([property, path]) => gather(bucket.props[property], ...path).map((settings) => ({ property, settings })));
}

/** The inline versioning's `enabled` values. */
export function inlineVersioning(bucket: Node): unknown[] {
    return [...gather(bucket.props["versioning"], "enabled"), ...gather(bucket.props["versionings"], "enabled")];
}

/** The inline access logging's target buckets. */
export function inlineLoggingTargets(bucket: Node): unknown[] {
    return [...gather(bucket.props["logging"], "targetBucket"), ...gather(bucket.props["loggings"], "targetBucket")];
}

/** The inline lifecycle rules (`enabled`, `id`, `prefix`, `tags` alike in both shapes), each with its expiration days. */
export function inlineLifecycleRules(bucket: Node): { rule: unknown; expirationDays: unknown[] }[] {
    return gather(bucket.props["lifecycleRules"]).map((rule) => ({
        rule,
        expirationDays: isUnknown(rule) ? [UNKNOWN] : [...gather(rule, "expiration", "days"), ...gather(rule, "expirations", "days")],
    }));
}

/** The inline Object Lock configuration: its objectLockEnabled ("Enabled") and its default retentions ({ mode, days, years }). */
export function inlineObjectLock(bucket: Node): { enabled: unknown; retentions: unknown[] } {
    const config = bucket.props["objectLockConfiguration"];
    if (isUnknown(config)) return { enabled: UNKNOWN, retentions: [UNKNOWN] };
    return {
        enabled: at(config, "objectLockEnabled"),
        retentions: [...gather(config, "rule", "defaultRetention"), ...gather(config, "rules", "defaultRetentions")],
    };
}
