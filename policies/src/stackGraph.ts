// Joins the resources of a CloudTrail setup the way the engine relates them: through property
// dependencies (a BucketVersioning's `bucket` came from that Bucket's output), so that a brand-new
// stack, whose bucket names and ARNs are unknown during preview, is judged as after deployment.
// Where a program wrote a literal name instead, known values join as a fallback.
import type { PolicyResource } from "@pulumi/policy";
import { CLOUDTRAIL_TABLE_FORMAT } from "../../core/queries/athenaSchema";
import { BucketProperties, BucketV2Properties, PropertiesOf, PropertyName, ResourceType, TYPES } from "./resourceProperties";
import { at, gather, isUnknown, plain, str, UNKNOWN } from "./values";

// The types the pack reads, and what it reads of each, are declared in resourceProperties.ts.
export { TYPES } from "./resourceProperties";

type BucketType = typeof TYPES.bucket | typeof TYPES.bucketV2;

const BUCKET_TYPES: ReadonlySet<BucketType> = new Set([TYPES.bucket, TYPES.bucketV2]);
export const KMS_KEY_TYPES: ReadonlySet<typeof TYPES.kmsKey> = new Set([TYPES.kmsKey]);
export const LOG_GROUP_TYPES: ReadonlySet<typeof TYPES.logGroup> = new Set([TYPES.logGroup]);
const ROLE_TYPES: ReadonlySet<typeof TYPES.role> = new Set([TYPES.role]);

/** The S3 resources that configure one aspect of a bucket through a `bucket` property, by aspect. */
const ASPECT_TYPES = {
    publicAccessBlock: [TYPES.publicAccessBlock],
    encryption: [TYPES.encryption, TYPES.encryptionV2],
    versioning: [TYPES.versioning, TYPES.versioningV2],
    lifecycle: [TYPES.lifecycle, TYPES.lifecycleV2],
    logging: [TYPES.logging, TYPES.loggingV2],
    policy: [TYPES.policy],
    acl: [TYPES.acl, TYPES.aclV2],
    objectLock: [TYPES.objectLock, TYPES.objectLockV2],
    intelligentTiering: [TYPES.intelligentTiering],
} as const;

export type BucketAspect = keyof typeof ASPECT_TYPES;

const ASPECT_OF_TYPE = new Map<string, BucketAspect>(
    (Object.keys(ASPECT_TYPES) as BucketAspect[]).flatMap((aspect) => ASPECT_TYPES[aspect].map((type): [string, BucketAspect] => [type, aspect])),
);

/** The types a stack must contain for the graph to matter; others are skipped unread. */
export const RELEVANT_TYPES: ReadonlySet<string> = new Set<string>(Object.values(TYPES));

/**
 * A resource of one of the types T. `props` lists the properties the pack reads of those types
 * (resourceProperties.ts), so a misspelt name does not compile; for several types, only the
 * properties they share unless narrowed. At run time it holds every property the engine sent.
 */
export interface Node<T extends ResourceType = ResourceType> {
    urn: string;
    type: T;
    name: string;
    props: PropertiesOf<T>;
    protect: boolean;
    /** For each property, the nodes its value came from. */
    deps: Record<string, Node[]>;
}

export type TrailNode = Node<typeof TYPES.trail>;
/** An aws.s3.Bucket or aws.s3.BucketV2. */
export type BucketNode = Node<BucketType>;
export type KmsKeyNode = Node<typeof TYPES.kmsKey>;
export type LogGroupNode = Node<typeof TYPES.logGroup>;
export type RoleNode = Node<typeof TYPES.role>;

/** A node of a resource that configures `aspect` of a bucket. */
export type AspectNode<A extends BucketAspect> = Node<(typeof ASPECT_TYPES)[A][number]>;

/** A bucket's configuration resources by aspect: a Map whose `get` knows each aspect's node type. */
export interface BucketAspects {
    get<A extends BucketAspect>(aspect: A): AspectNode<A>[] | undefined;
}

export interface JoinedBucket {
    bucket: BucketNode;
    aspects: BucketAspects;
}

/** An Athena workgroup of a stack that queries CloudTrail logs, with the bucket its results go to. */
export interface JoinedWorkgroup {
    workgroup: Node<typeof TYPES.athenaWorkgroup>;
    /** The results bucket, when it is in this stack. */
    bucket?: JoinedBucket;
}

export interface JoinedTrail {
    trail: TrailNode;
    /** The bucket the trail writes to, when it is in this stack and can be told. */
    bucket?: JoinedBucket;
    key?: KmsKeyNode;
    logGroup?: LogGroupNode;
    /** The role the trail delivers to CloudWatch Logs with (cloudWatchLogsRoleArn), when it is in this stack. */
    deliveryRole?: RoleNode;
}

/** A node of one of `types`. */
function isOfType<T extends ResourceType>(node: Node, types: ReadonlySet<T>): node is Node<T> {
    return (types as ReadonlySet<string>).has(node.type);
}

/**
 * A property named at run time, read without the typed view: the graph follows dependencies
 * through whatever property of whatever resource they name. Policies read `props.<name>`.
 */
function propertyOf(node: Node, property: string): unknown {
    return (node.props as unknown as Readonly<Record<string, unknown>>)[property];
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
                type: resource.type as ResourceType,
                name: resource.name,
                // The typed view of the plain copy: see Node.
                props: plain(resource.props) as unknown as PropertiesOf<ResourceType>,
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

    /** The nodes of the given types, typed by them: `graph.ofType(TYPES.trail)` are trails. */
    ofType<T extends ResourceType>(...types: T[]): Node<T>[] {
        return types.flatMap((t) => (this.byType.get(t) ?? []) as Node<T>[]);
    }

    private buckets(): BucketNode[] {
        return this.ofType(TYPES.bucket, TYPES.bucketV2);
    }

    private bucketsByName?: Map<string, BucketNode>;

    /** The bucket a `bucket`-like property names: by dependency (also through a BucketPolicy), else by known name. */
    private resolveBucket<S extends ResourceType>(node: Node<S>, property: PropertyName<S>): BucketNode | "external" | "unresolved" {
        const viaDeps = this.followToType(node, property, BUCKET_TYPES);
        if (viaDeps) return viaDeps;
        const name = str(propertyOf(node, property));
        if (name === undefined) return "unresolved";
        if (isUnknown(name)) return "unresolved";
        return this.bucketNamed((name as string).replace(/^arn:aws[a-z-]*:s3:::/, ""));
    }

    /** The bucket of this stack with that known name, else "external". */
    private bucketNamed(bucketName: string): BucketNode | "external" {
        if (!this.bucketsByName) {
            this.bucketsByName = new Map();
            for (const b of this.buckets()) {
                for (const known of [at(b.props.bucket), at(b.props.id)]) {
                    if (typeof known === "string" && !isUnknown(known)) this.bucketsByName.set(known, b);
                }
            }
        }
        return this.bucketsByName.get(bucketName) ?? "external";
    }

    private aspectIndex?: Map<Node, Map<BucketAspect, Node[]>>;

    /** A bucket's configuration resources, grouped by aspect. Indexed once per graph. */
    private bucketAspects(bucket: BucketNode): BucketAspects {
        if (!this.aspectIndex) {
            this.aspectIndex = new Map();
            for (const [type, aspect] of ASPECT_OF_TYPE) {
                for (const node of (this.byType.get(type) ?? []) as AspectNode<BucketAspect>[]) {
                    const target = this.resolveBucket(node, "bucket");
                    if (typeof target === "string") continue;
                    const aspects = this.aspectIndex.get(target) ?? new Map<BucketAspect, Node[]>();
                    aspects.set(aspect, [...(aspects.get(aspect) ?? []), node]);
                    this.aspectIndex.set(target, aspects);
                }
            }
        }
        // Only nodes of an aspect's types are filed under it, so the Map is a BucketAspects.
        return (this.aspectIndex.get(bucket) ?? new Map()) as BucketAspects;
    }

    /** A resource a property's value was taken from, of one of `types`, following at most two hops. */
    followToType<S extends ResourceType, T extends ResourceType>(node: Node<S>, property: PropertyName<S>, types: ReadonlySet<T>, hops = 2): Node<T> | undefined {
        return this.follow(node, property, types, hops);
    }

    /** followToType through any property of any resource: dependencies name what they name. */
    private follow<T extends ResourceType>(node: Node, property: string, types: ReadonlySet<T>, hops: number): Node<T> | undefined {
        const sources = node.deps[property] ?? [];
        const direct = sources.filter((s) => isOfType(s, types));
        if (direct.length === 1) return direct[0];
        if (direct.length > 1) {
            // Several candidates (e.g. an interpolated ARN): prefer the one whose known value matches.
            const value = propertyOf(node, property);
            return direct.find((s) => Object.values(s.props).some((v) => typeof v === "string" && v === value)) ?? direct[0];
        }
        if (hops === 0) return undefined;
        for (const source of sources) {
            // e.g. a trail's s3BucketName taken from its BucketPolicy's `bucket`, so it waits for the policy.
            for (const inner of ["bucket", "arn", "targetKeyId", "keyId"]) {
                if (!source.deps[inner]) continue;
                const found = this.follow(source, inner, types, hops - 1);
                if (found) return found;
            }
        }
        return undefined;
    }

    private workgroupList?: readonly JoinedWorkgroup[];

    /**
     * Whether the stack defines a Glue table over CloudTrail logs (CloudTrail's input format, or a
     * location under `AWSLogs/`): then its Athena workgroups query audit data, and their results
     * are audit data too.
     */
    queriesCloudTrail(): boolean {
        return this.ofType(TYPES.glueTable).some((table) => {
            const storage = table.props.storageDescriptor;
            const location = at(storage, "location");
            return at(storage, "inputFormat") === CLOUDTRAIL_TABLE_FORMAT.inputFormat || (typeof location === "string" && !isUnknown(location) && /\/AWSLogs\//.test(location));
        });
    }

    /** Every Athena workgroup of a stack that queries CloudTrail logs, with its results bucket. Joined once per graph. */
    cloudTrailWorkgroups(): readonly JoinedWorkgroup[] {
        this.workgroupList ??= !this.queriesCloudTrail()
            ? []
            : this.ofType(TYPES.athenaWorkgroup).map((workgroup) => {
                  const resolved = this.resolveResultsBucket(workgroup);
                  const joined: JoinedWorkgroup = { workgroup };
                  if (typeof resolved !== "string") joined.bucket = { bucket: resolved, aspects: this.bucketAspects(resolved) };
                  return joined;
              });
        return this.workgroupList;
    }

    /** The bucket of the workgroup's result location: by dependency (an interpolated name), else by the name in `s3://<bucket>/…`. */
    private resolveResultsBucket(workgroup: Node<typeof TYPES.athenaWorkgroup>): BucketNode | "external" | "unresolved" {
        const viaDeps = this.followToType(workgroup, "configuration", BUCKET_TYPES);
        if (viaDeps) return viaDeps;
        const location = at(workgroup.props.configuration, "resultConfiguration", "outputLocation");
        if (location === undefined) return "external";
        if (typeof location !== "string" || isUnknown(location)) return "unresolved";
        const name = /^s3:\/\/([^/]+)/.exec(location)?.[1];
        return name === undefined ? "unresolved" : this.bucketNamed(name);
    }

    private trailList?: readonly JoinedTrail[];

    /** Every trail with the bucket, KMS key and log group it uses. Joined once per graph: most stack policies start here. */
    trails(): readonly JoinedTrail[] {
        this.trailList ??= this.ofType(TYPES.trail).map((trail) => {
            const resolved = this.resolveBucket(trail, "s3BucketName");
            const audit: JoinedTrail = { trail };
            if (typeof resolved !== "string") audit.bucket = { bucket: resolved, aspects: this.bucketAspects(resolved) };
            audit.key = this.resolveKey(trail, "kmsKeyId");
            audit.logGroup = this.resolveLogGroup(trail);
            audit.deliveryRole = this.resolveRole(trail, "cloudWatchLogsRoleArn");
            return audit;
        });
        return this.trailList;
    }

    /** The KMS key a key-id/ARN/alias property refers to, when it is in this stack. */
    resolveKey<S extends ResourceType>(node: Node<S>, property: PropertyName<S>): KmsKeyNode | undefined {
        const viaDeps = this.followToType(node, property, KMS_KEY_TYPES);
        if (viaDeps) return viaDeps;
        const value = str(propertyOf(node, property));
        if (typeof value !== "string" || isUnknown(value)) return undefined;
        const keys = this.ofType(TYPES.kmsKey);
        const direct = keys.find((k) => [at(k.props.arn), at(k.props.keyId), at(k.props.id)].includes(value));
        if (direct) return direct;
        const alias = this.ofType(TYPES.kmsAlias).find((a) => at(a.props.name) === value || at(a.props.arn) === value);
        return alias ? this.resolveKey(alias, "targetKeyId") : undefined;
    }

    private resolveLogGroup(trail: TrailNode): LogGroupNode | undefined {
        const viaDeps = this.followToType(trail, "cloudWatchLogsGroupArn", LOG_GROUP_TYPES);
        if (viaDeps) return viaDeps;
        const arn = str(trail.props.cloudWatchLogsGroupArn);
        if (typeof arn !== "string" || isUnknown(arn)) return undefined;
        const name = /:log-group:([^:]+)/.exec(arn)?.[1];
        return this.ofType(TYPES.logGroup).find(
            (g) => at(g.props.arn) === arn.replace(/:\*$/, "") || (name !== undefined && at(g.props.name) === name),
        );
    }

    /** The IAM role a role-ARN property names: by dependency, else by known ARN or by the role name in it. */
    resolveRole<S extends ResourceType>(node: Node<S>, property: PropertyName<S>): RoleNode | undefined {
        const viaDeps = this.followToType(node, property, ROLE_TYPES);
        if (viaDeps) return viaDeps;
        const arn = str(propertyOf(node, property));
        if (typeof arn !== "string" || isUnknown(arn)) return undefined;
        // arn:aws:iam::123456789012:role/optional/path/name; role names are unique in an account, paths
        // aside. A role whose own ARN is known is that ARN; one whose ARN is not known yet, its name.
        const name = /^arn:aws[a-z-]*:iam::[0-9]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
        return this.ofType(TYPES.role).find((r) => {
            const known = str(r.props.arn);
            return typeof known === "string" ? known === arn : name !== undefined && at(r.props.name) === name;
        });
    }

    /** The log group a metric filter reads. */
    filterLogGroup(filter: Node<typeof TYPES.metricFilter>): LogGroupNode | "unresolved" | undefined {
        const viaDeps = this.followToType(filter, "logGroupName", LOG_GROUP_TYPES);
        if (viaDeps) return viaDeps;
        const name = filter.props.logGroupName;
        if (isUnknown(name)) return "unresolved";
        return this.ofType(TYPES.logGroup).find((g) => at(g.props.name) === name);
    }
}

// The legacy inline arguments of a bucket, which @pulumi/aws 7 still accepts, come in two shapes:
// aws.s3.Bucket's single objects (`versioning`, `logging`, `serverSideEncryptionConfiguration.rule`,
// `lifecycleRules[].expiration`, `objectLockConfiguration.rule.defaultRetention`) and BucketV2's
// lists (`versionings`, `loggings`, `serverSideEncryptionConfigurations[].rules[]
// .applyServerSideEncryptionByDefaults[]`, `lifecycleRules[].expirations[]`,
// `objectLockConfiguration.rules[].defaultRetentions[]`). One reader per aspect names both, so a
// policy never reads one shape and misses the other, and both are read off either kind of bucket.
// Each returns Unknown where a computed value hides what is inside it.

/** A bucket's properties in both inline shapes: the readers look for each shape on either kind of bucket. */
function inlineShapes(bucket: BucketNode): BucketProperties & BucketV2Properties {
    return bucket.props as BucketProperties & BucketV2Properties;
}

/** The bucket properties that hold inline default encryption: Bucket's object, BucketV2's list. */
export type InlineEncryptionProperty = "serverSideEncryptionConfiguration" | "serverSideEncryptionConfigurations";

/** The inline default-encryption settings ({ sseAlgorithm, kmsMasterKeyId }), with the bucket property each came from. */
export function inlineEncryption(bucket: BucketNode): { property: InlineEncryptionProperty; settings: unknown }[] {
    const shapes: [property: InlineEncryptionProperty, path: string[]][] = [
        ["serverSideEncryptionConfiguration", ["rule", "applyServerSideEncryptionByDefault"]],
        ["serverSideEncryptionConfigurations", ["rules", "applyServerSideEncryptionByDefaults"]],
    ];
    const props = inlineShapes(bucket);
    return shapes.flatMap(([property, path]) => gather(props[property], ...path).map((settings) => ({ property, settings })));
}

/** The inline versioning's `enabled` values. */
export function inlineVersioning(bucket: BucketNode): unknown[] {
    const props = inlineShapes(bucket);
    return [...gather(props.versioning, "enabled"), ...gather(props.versionings, "enabled")];
}

/** The inline access logging's target buckets. */
export function inlineLoggingTargets(bucket: BucketNode): unknown[] {
    const props = inlineShapes(bucket);
    return [...gather(props.logging, "targetBucket"), ...gather(props.loggings, "targetBucket")];
}

/** The inline lifecycle rules (`enabled`, `id`, `prefix`, `tags` alike in both shapes), each with its expiration days. */
export function inlineLifecycleRules(bucket: BucketNode): { rule: unknown; expirationDays: unknown[] }[] {
    return gather(bucket.props.lifecycleRules).map((rule) => ({
        rule,
        expirationDays: isUnknown(rule) ? [UNKNOWN] : [...gather(rule, "expiration", "days"), ...gather(rule, "expirations", "days")],
    }));
}

/** The inline Object Lock configuration: its objectLockEnabled ("Enabled") and its default retentions ({ mode, days, years }). */
export function inlineObjectLock(bucket: BucketNode): { enabled: unknown; retentions: unknown[] } {
    const config = bucket.props.objectLockConfiguration;
    if (isUnknown(config)) return { enabled: UNKNOWN, retentions: [UNKNOWN] };
    return {
        enabled: at(config, "objectLockEnabled"),
        retentions: [...gather(config, "rule", "defaultRetention"), ...gather(config, "rules", "defaultRetentions")],
    };
}
