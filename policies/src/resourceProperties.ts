// The resource types the pack reads and, for each, exactly the properties it reads: `props` of a
// graph node or a resource policy's input is typed by these interfaces, so `trail.props.isMultiRegionTrial`
// does not compile. Like @pulumi/awsguard's typed access per resource class, but without its
// runtime dependency on @pulumi/aws (`pulumi policy publish` uploads policies/ alone, and its
// package.json has no @pulumi/aws): the names are written here, and
// test/policies/resourceProperties.types.ts fails to compile when one of them is not an input or
// output property of the real @pulumi/aws resource.
//
// Every property is `unknown`: a value is what the program or provider wrote, or one of the engine's
// unknown sentinels in preview; the readers in values.ts (bool, str, num, list, at, gather, …) turn
// it into something a policy can decide on. At run time `props` holds every property the engine
// sent; the type shows only those listed. Reading a new property means adding it here first.

/** The type token of every resource the pack reads. Only these reach the graph (and AnalyzeStack requests). */
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
    intelligentTiering: "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration",
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
    // Athena over the archive: a Glue table over CloudTrail logs marks a stack's workgroups as
    // querying audit data, and their results bucket as holding it.
    glueTable: "aws:glue/catalogTable:CatalogTable",
    athenaWorkgroup: "aws:athena/workgroup:Workgroup",
} as const;

/** aws.cloudtrail.Trail */
export interface TrailProperties {
    isMultiRegionTrail: unknown;
    includeGlobalServiceEvents: unknown;
    enableLogFileValidation: unknown;
    enableLogging: unknown;
    eventSelectors: unknown;
    advancedEventSelectors: unknown;
    kmsKeyId: unknown;
    s3BucketName: unknown;
    s3KeyPrefix: unknown;
    cloudWatchLogsGroupArn: unknown;
    cloudWatchLogsRoleArn: unknown;
    tags: unknown;
    tagsAll: unknown;
}

/** What both kinds of bucket have; joins go by `bucket` (the name) or the provider's `id`. */
interface BucketCommonProperties {
    /** The provider's resource id: an output of every resource, though not among its Args or State. */
    id: unknown;
    bucket: unknown;
    acl: unknown;
    grants: unknown;
    policy: unknown;
    objectLockEnabled: unknown;
    objectLockConfiguration: unknown;
    lifecycleRules: unknown;
}

/** aws.s3.Bucket, with its legacy inline settings as single objects. */
export interface BucketProperties extends BucketCommonProperties {
    serverSideEncryptionConfiguration: unknown;
    versioning: unknown;
    logging: unknown;
}

/** aws.s3.BucketV2, with its legacy inline settings as lists. */
export interface BucketV2Properties extends BucketCommonProperties {
    serverSideEncryptionConfigurations: unknown;
    versionings: unknown;
    loggings: unknown;
}

/** aws.s3.BucketPublicAccessBlock */
export interface BucketPublicAccessBlockProperties {
    bucket: unknown;
    blockPublicAcls: unknown;
    blockPublicPolicy: unknown;
    ignorePublicAcls: unknown;
    restrictPublicBuckets: unknown;
}

/** aws.s3.AccountPublicAccessBlock */
export interface AccountPublicAccessBlockProperties {
    blockPublicAcls: unknown;
    blockPublicPolicy: unknown;
    ignorePublicAcls: unknown;
    restrictPublicBuckets: unknown;
}

/** aws.s3.BucketServerSideEncryptionConfiguration and its V2 */
export interface BucketEncryptionProperties {
    bucket: unknown;
    rules: unknown;
}

/** aws.s3.BucketVersioning and its V2 */
export interface BucketVersioningProperties {
    bucket: unknown;
    versioningConfiguration: unknown;
}

/** aws.s3.BucketLifecycleConfiguration and its V2 */
export interface BucketLifecycleProperties {
    bucket: unknown;
    rules: unknown;
    transitionDefaultMinimumObjectSize: unknown;
}

/** aws.s3.BucketLogging and its V2 */
export interface BucketLoggingProperties {
    bucket: unknown;
    targetBucket: unknown;
}

/** aws.s3.BucketPolicy */
export interface BucketPolicyProperties {
    bucket: unknown;
    policy: unknown;
}

/** aws.s3.BucketAcl and its V2 */
export interface BucketAclProperties {
    bucket: unknown;
    acl: unknown;
    accessControlPolicy: unknown;
}

/** aws.s3.BucketObjectLockConfiguration and its V2 */
export interface BucketObjectLockProperties {
    bucket: unknown;
    objectLockEnabled: unknown;
    rule: unknown;
}

/** aws.s3.BucketIntelligentTieringConfiguration: the opt-in archive tiers of INTELLIGENT_TIERING */
export interface BucketIntelligentTieringProperties {
    bucket: unknown;
    status: unknown;
    filter: unknown;
    tierings: unknown;
}

/** aws.kms.Key */
export interface KmsKeyProperties {
    /** The provider's resource id: an output of every resource, though not among its Args or State. */
    id: unknown;
    arn: unknown;
    keyId: unknown;
    policy: unknown;
    enableKeyRotation: unknown;
    deletionWindowInDays: unknown;
    customerMasterKeySpec: unknown;
    keyUsage: unknown;
}

/** aws.kms.KeyPolicy */
export interface KmsKeyPolicyProperties {
    policy: unknown;
}

/** aws.kms.Alias */
export interface KmsAliasProperties {
    arn: unknown;
    name: unknown;
    targetKeyId: unknown;
}

/** aws.cloudwatch.LogGroup */
export interface LogGroupProperties {
    arn: unknown;
    name: unknown;
    kmsKeyId: unknown;
    retentionInDays: unknown;
}

/** aws.cloudwatch.LogMetricFilter */
export interface LogMetricFilterProperties {
    logGroupName: unknown;
    pattern: unknown;
    metricTransformation: unknown;
}

/** aws.cloudwatch.MetricAlarm */
export interface MetricAlarmProperties {
    namespace: unknown;
    metricName: unknown;
    dimensions: unknown;
    comparisonOperator: unknown;
    treatMissingData: unknown;
    alarmActions: unknown;
    actionsEnabled: unknown;
}

/** aws.sns.Topic */
export interface TopicProperties {
    arn: unknown;
    kmsMasterKeyId: unknown;
}

/** aws.iam.Role */
export interface RoleProperties {
    arn: unknown;
    name: unknown;
    assumeRolePolicy: unknown;
}

/** aws.glue.CatalogTable */
export interface GlueCatalogTableProperties {
    name: unknown;
    storageDescriptor: unknown;
}

/** aws.athena.Workgroup */
export interface AthenaWorkgroupProperties {
    name: unknown;
    configuration: unknown;
}

/** The properties the pack reads, by type token. */
export interface PropertiesByType {
    [TYPES.trail]: TrailProperties;
    [TYPES.bucket]: BucketProperties;
    [TYPES.bucketV2]: BucketV2Properties;
    [TYPES.publicAccessBlock]: BucketPublicAccessBlockProperties;
    [TYPES.encryption]: BucketEncryptionProperties;
    [TYPES.encryptionV2]: BucketEncryptionProperties;
    [TYPES.versioning]: BucketVersioningProperties;
    [TYPES.versioningV2]: BucketVersioningProperties;
    [TYPES.lifecycle]: BucketLifecycleProperties;
    [TYPES.lifecycleV2]: BucketLifecycleProperties;
    [TYPES.logging]: BucketLoggingProperties;
    [TYPES.loggingV2]: BucketLoggingProperties;
    [TYPES.policy]: BucketPolicyProperties;
    [TYPES.acl]: BucketAclProperties;
    [TYPES.aclV2]: BucketAclProperties;
    [TYPES.objectLock]: BucketObjectLockProperties;
    [TYPES.objectLockV2]: BucketObjectLockProperties;
    [TYPES.intelligentTiering]: BucketIntelligentTieringProperties;
    [TYPES.accountPublicAccessBlock]: AccountPublicAccessBlockProperties;
    [TYPES.kmsKey]: KmsKeyProperties;
    [TYPES.kmsKeyPolicy]: KmsKeyPolicyProperties;
    [TYPES.kmsAlias]: KmsAliasProperties;
    [TYPES.logGroup]: LogGroupProperties;
    [TYPES.metricFilter]: LogMetricFilterProperties;
    [TYPES.alarm]: MetricAlarmProperties;
    [TYPES.topic]: TopicProperties;
    [TYPES.role]: RoleProperties;
    [TYPES.glueTable]: GlueCatalogTableProperties;
    [TYPES.athenaWorkgroup]: AthenaWorkgroupProperties;
}

/** A type token of TYPES. Indexing PropertiesByType with it fails to compile if TYPES has a token the map lacks. */
export type ResourceType = (typeof TYPES)[keyof typeof TYPES];

/** The properties the pack reads of a resource of type T (of any of them, for a union). */
export type PropertiesOf<T extends ResourceType> = PropertiesByType[T];

/** The name of a property the pack reads of a resource of type T (of any of them, for a union). */
export type PropertyName<T extends ResourceType> = T extends ResourceType ? keyof PropertiesOf<T> & string : never;
