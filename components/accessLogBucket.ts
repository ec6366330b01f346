// The bucket that receives S3 server access logs of the log archive: who read or tried to read the
// audit trail. It is as private as the archive, but encrypted with SSE-S3, because S3 server access
// log delivery supports only SSE-S3 (AES256) default encryption on the destination bucket.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuditScope, bucketArn, scopeOrLookup } from "./auditScope";
import { denyInsecureTransportStatement, hardenPrivateBucket, HardenedBucketParts } from "./bucketHardening";
import { policyJson } from "./policyDocument";
import type { Tags } from "./protection";

export interface AccessLogBucketArgs {
    /** Account, region and partition; default: the provider's, looked up. */
    scope?: pulumi.Input<AuditScope>;
    bucketName: pulumi.Input<string>;
    /** The bucket whose access logs land here; only its logs are accepted. */
    sourceBucketName: pulumi.Input<string>;
    /** Key prefix the source bucket's logs are written under, ending in `/`. */
    logPrefix: string;
    /** Access log objects expire after this many days. */
    expirationDays: number;
    /** Let `pulumi destroy` delete a bucket that still holds logs. Default false. */
    forceDestroy?: boolean;
    tags?: Tags;
}

/** Expired logs stay recoverable as noncurrent versions this long, then are gone for good. */
const NONCURRENT_GRACE_DAYS = 7;
const ABORT_MULTIPART_DAYS = 7;

export class AccessLogBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly hardening: HardenedBucketParts;
    readonly policy: aws.s3.BucketPolicy;
    readonly lifecycle: aws.s3.BucketLifecycleConfiguration;
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:s3:AccessLogBucket", name, {}, opts);

        this.bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            { bucket: args.bucketName, forceDestroy: args.forceDestroy ?? false, tags: args.tags },
            { parent: this },
        );
        this.hardening = hardenPrivateBucket(name, this.bucket, { kind: "s3" }, this);

        const policy = pulumi
            .all([scopeOrLookup(args.scope, this), args.bucketName, args.sourceBucketName])
            .apply(([scope, bucketName, sourceBucketName]) => {
                const arn = bucketArn(scope, bucketName);
                return policyJson([
                    denyInsecureTransportStatement(arn),
                    {
                        // ACLs are disabled (BucketOwnerEnforced), so log delivery is granted here,
                        // and only for the archive bucket of this account.
                        Sid: "AllowServerAccessLogDeliveryFromArchiveBucket",
                        Effect: "Allow",
                        Principal: { Service: "logging.s3.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: `${arn}/${args.logPrefix}*`,
                        Condition: {
                            ArnLike: { "aws:SourceArn": bucketArn(scope, sourceBucketName) },
                            StringEquals: { "aws:SourceAccount": scope.accountId },
                        },
                    },
                ]);
            });
        this.policy = new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket: this.bucket.id, policy },
            // S3 rejects concurrent policy and public-access-block writes on one bucket.
            { parent: this, dependsOn: [this.hardening.publicAccessBlock] },
        );

        this.lifecycle = new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: this.bucket.id,
                rules: [
                    {
                        id: "expire-access-logs",
                        status: "Enabled",
                        filter: { prefix: "" },
                        expiration: { days: args.expirationDays },
                        noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_GRACE_DAYS },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS },
                    },
                ],
            },
            { parent: this, dependsOn: [this.hardening.versioning] },
        );

        this.bucketName = this.bucket.bucket;
        this.bucketArn = this.bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
