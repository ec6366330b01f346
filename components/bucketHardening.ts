// The hardening both trailguard buckets share: versioning, default encryption, all four public
// access blocks, ACLs disabled (BucketOwnerEnforced), and the TLS-only policy statement. One
// function, so the two buckets cannot drift apart.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policyDocument";

export type BucketEncryption =
    /** SSE-KMS with a customer managed key and S3 Bucket Keys (fewer KMS calls, same key). */
    | { kind: "kms"; kmsKeyArn: pulumi.Input<string> }
    /** SSE-S3: the only default encryption S3 server access log delivery writes with. */
    | { kind: "s3" };

export interface HardenedBucketParts {
    versioning: aws.s3.BucketVersioning;
    encryption: aws.s3.BucketServerSideEncryptionConfiguration;
    publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    ownershipControls: aws.s3.BucketOwnershipControls;
}

/** Creates the bucket's hardening resources as children of `parent`, named `<name>-<concern>`. */
export function hardenPrivateBucket(
    name: string,
    bucket: aws.s3.Bucket,
    encryption: BucketEncryption,
    parent: pulumi.Resource,
): HardenedBucketParts {
    const versioning = new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        { parent },
    );
    const sse = new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
            bucket: bucket.id,
            rules: [
                encryption.kind === "kms"
                    ? {
                          applyServerSideEncryptionByDefault: {
                              sseAlgorithm: "aws:kms",
                              kmsMasterKeyId: encryption.kmsKeyArn,
                          },
                          bucketKeyEnabled: true,
                      }
                    : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            ],
        },
        { parent },
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access-block`,
        {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        { parent },
    );
    const ownershipControls = new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        { parent },
    );
    return { versioning, encryption: sse, publicAccessBlock, ownershipControls };
}

/** Denies every request to the bucket or its objects that does not arrive over TLS. */
export function denyInsecureTransportStatement(bucketArn: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}
