// The account, region and partition the baseline is deployed into, and the ARNs derived from them.
// Every cross-resource reference in a policy (key ↔ trail ↔ log group ↔ alarms ↔ topics) is computed
// here from configured physical names instead of read from resource outputs: the key policy must
// name the trail and log group before either exists, and resource outputs would make a cycle.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AuditScope {
    accountId: string;
    region: string;
    /** `aws`, `aws-cn` or `aws-us-gov`. */
    partition: string;
}

/** Looks up the caller's account, region and partition; invokes are known during preview. */
export function lookupAuditScope(opts: pulumi.InvokeOutputOptions): pulumi.Output<AuditScope> {
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    return pulumi
        .all([identity.accountId, region.region, partition.partition])
        .apply(([accountId, regionName, partitionName]) => ({ accountId, region: regionName, partition: partitionName }));
}

export function accountRootArn(scope: AuditScope): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:root`;
}

export function trailArn(scope: AuditScope, trailName: string): string {
    return `arn:${scope.partition}:cloudtrail:${scope.region}:${scope.accountId}:trail/${trailName}`;
}

/** Any trail of this account in any region: the form CloudTrail's encryption context is matched with. */
export function accountTrailsArnPattern(scope: AuditScope): string {
    return `arn:${scope.partition}:cloudtrail:*:${scope.accountId}:trail/*`;
}

/**
 * The log group ARN without the trailing `:*`: the value CloudWatch Logs puts in
 * `kms:EncryptionContext:aws:logs:arn`.
 */
export function logGroupArn(scope: AuditScope, logGroupName: string): string {
    return `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${logGroupName}`;
}

/** The `:*` form CloudTrail's `CloudWatchLogsLogGroupArn` requires. */
export function logGroupArnForTrail(scope: AuditScope, logGroupName: string): string {
    return `${logGroupArn(scope, logGroupName)}:*`;
}

/** Every log stream of the group: the only resource the CloudTrail delivery role may write to. */
export function logStreamsArn(scope: AuditScope, logGroupName: string): string {
    return `${logGroupArn(scope, logGroupName)}:log-stream:*`;
}

/** ARN pattern of the alarms whose names start with `alarmNamePrefix`. */
export function alarmArnPattern(scope: AuditScope, alarmNamePrefix: string): string {
    return `arn:${scope.partition}:cloudwatch:${scope.region}:${scope.accountId}:alarm:${alarmNamePrefix}*`;
}

export function topicArn(scope: AuditScope, topicName: string): string {
    return `arn:${scope.partition}:sns:${scope.region}:${scope.accountId}:${topicName}`;
}

export function bucketArn(scope: AuditScope, bucketName: string): string {
    return `arn:${scope.partition}:s3:::${bucketName}`;
}

/** A component's own scope: the one its caller passed, or the caller's account, region and partition. */
export function scopeOrLookup(scope: pulumi.Input<AuditScope> | undefined, parent: pulumi.Resource): pulumi.Output<AuditScope> {
    return scope === undefined ? lookupAuditScope({ parent }) : pulumi.output(scope);
}
