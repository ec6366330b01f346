// The S3 bucket CloudTrail delivers log and digest files to: the system of record for API activity.
// Private and TLS-only, SSE-KMS with the audit key, versioned, optionally Object Lock (WORM), its
// own access logged to the AccessLogBucket, and writable by CloudTrail only for this account's trail.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ArchiveRetention, ObjectLockSettings } from "../config/settings";
import { AuditScope, bucketArn, scopeOrLookup, trailArn } from "./auditScope";
import { denyInsecureTransportStatement, hardenPrivateBucket, HardenedBucketParts } from "./bucketHardening";
import { policyJson, PolicyStatement } from "./policyDocument";
import { EvidenceProtection, evidenceOptions, Tags } from "./protection";

export interface LogArchiveBucketArgs {
    /** Account, region and partition; default: the provider's, looked up. */
    scope?: pulumi.Input<AuditScope>;
    bucketName: pulumi.Input<string>;
    /** ARN of the audit key: the bucket's default SSE-KMS key. */
    kmsKeyArn: pulumi.Input<string>;
    /** The only trail allowed to write here. */
    trailName: string;
    /** Set for an organization trail: member accounts' logs arrive under `AWSLogs/<organizationId>/`. */
    organizationId?: pulumi.Input<string>;
    retention: ArchiveRetention;
    /** WORM retention of every log object; the bucket is created with Object Lock enabled. */
    objectLock?: ObjectLockSettings;
    /** Where S3 server access logs of this bucket go. */
    accessLogs: { bucketName: pulumi.Input<string>; prefix: string; dependsOn?: pulumi.Resource[] };
    forceDestroy?: boolean;
    protection?: EvidenceProtection;
    tags?: Tags;
}

export class LogArchiveBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly hardening: HardenedBucketParts;
    readonly policy: aws.s3.BucketPolicy;
    readonly lifecycle: aws.s3.BucketLifecycleConfiguration;
    readonly objectLock?: aws.s3.BucketObjectLockConfiguration;
    readonly logging: aws.s3.BucketLogging;
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: LogArchiveBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:s3:LogArchiveBucket", name, {}, opts);

        this.bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            {
                bucket: args.bucketName,
                // Object Lock can only be switched on when the bucket is created.
                objectLockEnabled: args.objectLock !== undefined,
                forceDestroy: args.forceDestroy ?? false,
                tags: args.tags,
            },
            { parent: this, ...evidenceOptions(args.protection) },
        );
        this.hardening = hardenPrivateBucket(name, this.bucket, { kind: "kms", kmsKeyArn: args.kmsKeyArn }, this);

        const policy = pulumi
            .all([scopeOrLookup(args.scope, this), args.bucketName, args.organizationId])
            .apply(([scope, bucketName, organizationId]) =>
                policyJson(logArchiveBucketPolicyStatements(scope, bucketName, args.trailName, organizationId)),
            );
        this.policy = new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket: this.bucket.id, policy },
            { parent: this, dependsOn: [this.hardening.publicAccessBlock] },
        );

        const retention = args.retention;
        this.lifecycle = new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: this.bucket.id,
                // Stated, not inherited from S3's default, because the archive's economics rest on
                // it: log files under 128 KB stay in STANDARD (docs/retention.md).
                transitionDefaultMinimumObjectSize: retention.transitionDefaultMinimumObjectSize,
                rules: [
                    {
                        id: "archive-cloudtrail-logs",
                        status: "Enabled",
                        filter: { prefix: "" },
                        transitions: retention.transitions,
                        expiration: { days: retention.expirationDays },
                        noncurrentVersionExpiration: { noncurrentDays: retention.noncurrentVersionExpirationDays },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: retention.abortIncompleteMultipartUploadDays },
                    },
                ],
            },
            { parent: this, dependsOn: [this.hardening.versioning] },
        );

        if (args.objectLock) {
            this.objectLock = new aws.s3.BucketObjectLockConfiguration(
                `${name}-object-lock`,
                {
                    bucket: this.bucket.id,
                    objectLockEnabled: "Enabled",
                    rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } },
                },
                { parent: this, dependsOn: [this.hardening.versioning] },
            );
        }

        this.logging = new aws.s3.BucketLogging(
            `${name}-access-logging`,
            {
                bucket: this.bucket.id,
                targetBucket: args.accessLogs.bucketName,
                targetPrefix: args.accessLogs.prefix,
                // Date-partitioned keys: Athena and SIEM ingestion can prune by day.
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            },
            { parent: this, dependsOn: args.accessLogs.dependsOn },
        );

        this.bucketName = this.bucket.bucket;
        this.bucketArn = this.bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}

/** The archive bucket policy: TLS only, and CloudTrail writes only for this account's trail. */
function logArchiveBucketPolicyStatements(
    scope: AuditScope,
    bucketName: string,
    trailName: string,
    organizationId?: string,
): PolicyStatement[] {
    const arn = bucketArn(scope, bucketName);
    const trail = trailArn(scope, trailName);
    const logPrefixes = [`${arn}/AWSLogs/${scope.accountId}/*`];
    if (organizationId) logPrefixes.push(`${arn}/AWSLogs/${organizationId}/*`);
    return [
        denyInsecureTransportStatement(arn),
        {
            Sid: "AllowCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceArn": trail } },
        },
        {
            Sid: "AllowCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: logPrefixes,
            Condition: {
                StringEquals: { "aws:SourceArn": trail, "s3:x-amz-acl": "bucket-owner-full-control" },
            },
        },
    ];
}
