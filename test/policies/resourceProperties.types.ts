// A type-level test, checked by `npx tsc -p test/tsconfig.json` (which `npm test` runs) and never
// executed: every property policies/src/resourceProperties.ts lists, and so every property a policy
// can read, is an input or output property of the real @pulumi/aws resource of that type token.
// A misspelt or invented name fails to compile here, with the token and the name in the message:
//   Type 'true' is not assignable to type '"not declared by @pulumi/aws: aws:cloudtrail/trail:Trail: isMultiRegionTrial"'.
// The pack itself has no dependency on @pulumi/aws; the root package has it (devDependency of this check).
import type * as aws from "@pulumi/aws";
import type { PropertiesByType, ResourceType } from "../../policies/src/resourceProperties";
import type { ResourceInput } from "../../policies/src/policyDefinition";
import type { Node, TYPES } from "../../policies/src/stackGraph";

/** A resource's property names: its inputs, its outputs, and the id every resource has. */
type Declared<Args, State> = keyof Args | keyof State | "id";

/** What @pulumi/aws declares for each type token the pack reads. A token missing here does not compile. */
interface AwsProperties {
    "aws:cloudtrail/trail:Trail": Declared<aws.cloudtrail.TrailArgs, aws.cloudtrail.TrailState>;
    "aws:s3/bucket:Bucket": Declared<aws.s3.BucketArgs, aws.s3.BucketState>;
    "aws:s3/bucketV2:BucketV2": Declared<aws.s3.BucketV2Args, aws.s3.BucketV2State>;
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": Declared<aws.s3.BucketPublicAccessBlockArgs, aws.s3.BucketPublicAccessBlockState>;
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": Declared<
        aws.s3.BucketServerSideEncryptionConfigurationArgs,
        aws.s3.BucketServerSideEncryptionConfigurationState
    >;
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": Declared<
        aws.s3.BucketServerSideEncryptionConfigurationV2Args,
        aws.s3.BucketServerSideEncryptionConfigurationV2State
    >;
    "aws:s3/bucketVersioning:BucketVersioning": Declared<aws.s3.BucketVersioningArgs, aws.s3.BucketVersioningState>;
    "aws:s3/bucketVersioningV2:BucketVersioningV2": Declared<aws.s3.BucketVersioningV2Args, aws.s3.BucketVersioningV2State>;
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": Declared<aws.s3.BucketLifecycleConfigurationArgs, aws.s3.BucketLifecycleConfigurationState>;
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": Declared<
        aws.s3.BucketLifecycleConfigurationV2Args,
        aws.s3.BucketLifecycleConfigurationV2State
    >;
    "aws:s3/bucketLogging:BucketLogging": Declared<aws.s3.BucketLoggingArgs, aws.s3.BucketLoggingState>;
    "aws:s3/bucketLoggingV2:BucketLoggingV2": Declared<aws.s3.BucketLoggingV2Args, aws.s3.BucketLoggingV2State>;
    "aws:s3/bucketPolicy:BucketPolicy": Declared<aws.s3.BucketPolicyArgs, aws.s3.BucketPolicyState>;
    "aws:s3/bucketAcl:BucketAcl": Declared<aws.s3.BucketAclArgs, aws.s3.BucketAclState>;
    "aws:s3/bucketAclV2:BucketAclV2": Declared<aws.s3.BucketAclV2Args, aws.s3.BucketAclV2State>;
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": Declared<
        aws.s3.BucketObjectLockConfigurationArgs,
        aws.s3.BucketObjectLockConfigurationState
    >;
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": Declared<
        aws.s3.BucketObjectLockConfigurationV2Args,
        aws.s3.BucketObjectLockConfigurationV2State
    >;
    "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration": Declared<
        aws.s3.BucketIntelligentTieringConfigurationArgs,
        aws.s3.BucketIntelligentTieringConfigurationState
    >;
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": Declared<aws.s3.AccountPublicAccessBlockArgs, aws.s3.AccountPublicAccessBlockState>;
    "aws:kms/key:Key": Declared<aws.kms.KeyArgs, aws.kms.KeyState>;
    "aws:kms/keyPolicy:KeyPolicy": Declared<aws.kms.KeyPolicyArgs, aws.kms.KeyPolicyState>;
    "aws:kms/alias:Alias": Declared<aws.kms.AliasArgs, aws.kms.AliasState>;
    "aws:cloudwatch/logGroup:LogGroup": Declared<aws.cloudwatch.LogGroupArgs, aws.cloudwatch.LogGroupState>;
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": Declared<aws.cloudwatch.LogMetricFilterArgs, aws.cloudwatch.LogMetricFilterState>;
    "aws:cloudwatch/metricAlarm:MetricAlarm": Declared<aws.cloudwatch.MetricAlarmArgs, aws.cloudwatch.MetricAlarmState>;
    "aws:sns/topic:Topic": Declared<aws.sns.TopicArgs, aws.sns.TopicState>;
    "aws:iam/role:Role": Declared<aws.iam.RoleArgs, aws.iam.RoleState>;
    "aws:glue/catalogTable:CatalogTable": Declared<aws.glue.CatalogTableArgs, aws.glue.CatalogTableState>;
    "aws:athena/workgroup:Workgroup": Declared<aws.athena.WorkgroupArgs, aws.athena.WorkgroupState>;
}

/** "<token>: <name>" for every listed name of type T that @pulumi/aws does not declare. */
type UndeclaredOf<T extends ResourceType> = Exclude<keyof PropertiesByType[T], AwsProperties[T]> & string;

type Undeclared = { [T in ResourceType]: `${T}: ${UndeclaredOf<T>}` }[ResourceType];

/** true when there are none, else a type naming each, which `true` is not assignable to. */
type NoneOf<U, Problem extends string> = [U] extends [never] ? true : `${Problem}: ${U & string}`;

export const everyPropertyIsDeclaredByAws: NoneOf<Undeclared, "not declared by @pulumi/aws"> = true;

// The check itself catches a misspelt name.
type TrailToken = typeof TYPES.trail;
// @ts-expect-error "isMultiRegionTrial" is not a property of aws.cloudtrail.Trail.
export const misspeltNameIsCaught: NoneOf<Exclude<"isMultiRegionTrial", AwsProperties[TrailToken]>, "not declared"> = true;

// And a policy cannot read a property resourceProperties.ts does not list, by name or by index.
declare const trail: Node<TrailToken>;
declare const key: ResourceInput<typeof TYPES.kmsKey>;
export const typedReads: unknown[] = [
    trail.props.isMultiRegionTrail,
    key.props.enableKeyRotation,
    // @ts-expect-error misspelt
    trail.props.isMultiRegionTrial,
    // @ts-expect-error no string index
    trail.props["isMultiRegionTrial"],
    // @ts-expect-error misspelt
    key.props.enableKeyRotaton,
];
