// Athena over CloudTrail logs (trailguard's `investigation`, or any program's): query results are
// copies of audit records, so the bucket a workgroup writes them to is checked like the archive
// itself (auditDataBucketChecks.ts), and the workgroup must not let a client write them elsewhere or
// unencrypted. A stack's workgroups count when the stack also defines a Glue table over CloudTrail
// logs (stackGraph.ts, queriesCloudTrail); checked over the stack (AnalyzeStack).
import { nist, pciDss, securityHub, HIPAA_AUDIT_CONTROLS } from "../frameworks";
import { stackPolicy } from "../policyDefinition";
import { JoinedBucket, StackGraph, TYPES } from "../stackGraph";
import { at, bool, isUnknown, str } from "../values";
import { checkKmsEncryption, checkNoPublicGrants, checkPublicAccessBlock, checkTlsOnly } from "./auditDataBucketChecks";

interface ResultsBucket {
    bucket: JoinedBucket;
    /** How findings name it: the bucket and the first workgroup that writes to it. */
    label: string;
}

/** Each results bucket in the stack once, with the first workgroup that writes to it. */
function resultsBuckets(graph: StackGraph): ResultsBucket[] {
    const seen = new Set<unknown>();
    return graph.cloudTrailWorkgroups().flatMap(({ workgroup, bucket }) => {
        if (!bucket || seen.has(bucket.bucket)) return [];
        seen.add(bucket.bucket);
        return [{ bucket, label: `Athena results bucket "${bucket.bucket.name}" (of workgroup "${workgroup.name}", which queries CloudTrail logs)` }];
    });
}

export const athenaResultsBucketPublicAccessBlock = stackPolicy(
    {
        name: "athena-results-bucket-public-access-block",
        displayName: "Athena results bucket blocks public access",
        description: "The bucket an Athena workgroup over CloudTrail logs writes query results to must turn on all four S3 Block Public Access settings.",
        severity: "critical",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Add an aws.s3.BucketPublicAccessBlock with `bucket: bucket.id` and blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true (or one aws.s3.AccountPublicAccessBlock with all four).",
        references: [securityHub("S3.8"), pciDss("10.3.2"), nist("AU-9"), nist("AC-3")],
    },
    TYPES.athenaWorkgroup,
    ({ graph }, _settings, report) => {
        for (const { bucket, label } of resultsBuckets(graph)) checkPublicAccessBlock(graph, bucket, label, report);
    },
);

export const athenaResultsBucketNoPublicGrants = stackPolicy(
    {
        name: "athena-results-bucket-no-public-grants",
        displayName: "Athena results bucket grants nothing to the public",
        description: "Neither an ACL nor the bucket policy of an Athena results bucket over CloudTrail logs may grant access to everyone.",
        severity: "critical",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Use no ACL (BucketOwnerEnforced ownership) or the `private` canned ACL, and give the bucket policy's Allow statements named principals instead of \"*\"; responders reach results through their own IAM policies.",
        references: [securityHub("S3.2"), securityHub("S3.3"), pciDss("10.3.1"), nist("AC-3"), nist("AU-9")],
    },
    TYPES.athenaWorkgroup,
    ({ graph }, _settings, report) => {
        for (const { bucket, label } of resultsBuckets(graph)) checkNoPublicGrants(bucket, label, report);
    },
);

export const athenaResultsBucketEncryption = stackPolicy(
    {
        name: "athena-results-bucket-sse-kms",
        displayName: "Athena results bucket encrypts with KMS",
        description: "An Athena results bucket over CloudTrail logs must encrypt objects by default with a KMS key (SSE-KMS), as the archive does.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Add an aws.s3.BucketServerSideEncryptionConfiguration with `bucket: bucket.id` and a rule whose applyServerSideEncryptionByDefault has sseAlgorithm "aws:kms" and kmsMasterKeyId set to the audit key.',
        references: [securityHub("S3.17"), pciDss("10.3.2"), HIPAA_AUDIT_CONTROLS, nist("AU-9(3)"), nist("SC-28")],
    },
    TYPES.athenaWorkgroup,
    ({ graph }, _settings, report) => {
        for (const { bucket, label } of resultsBuckets(graph)) checkKmsEncryption(bucket, label, report);
    },
);

export const athenaResultsBucketTlsOnly = stackPolicy(
    {
        name: "athena-results-bucket-tls-only",
        displayName: "Athena results bucket refuses plain HTTP",
        description: "The policy of an Athena results bucket over CloudTrail logs must deny every request made without TLS (aws:SecureTransport false).",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Add to the bucket policy a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
        references: [securityHub("S3.5"), pciDss("4.2.1"), nist("SC-8")],
    },
    TYPES.athenaWorkgroup,
    ({ graph }, _settings, report) => {
        for (const { bucket, label } of resultsBuckets(graph)) checkTlsOnly(bucket, label, report);
    },
);

const KMS_RESULT_ENCRYPTION = new Set(["SSE_KMS", "CSE_KMS"]);

export const athenaWorkgroupEnforcedEncryption = stackPolicy(
    {
        name: "athena-workgroup-enforced-encryption",
        displayName: "Athena workgroup over CloudTrail enforces encrypted results",
        description:
            "An Athena workgroup of a stack that queries CloudTrail logs must enforce its configuration (so no client picks another result location or drops encryption) and encrypt results with a KMS key.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Set on the aws.athena.Workgroup `configuration: { enforceWorkgroupConfiguration: true, resultConfiguration: { outputLocation: "s3://<results bucket>/…", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: <audit key ARN> } } }`.',
        references: [pciDss("10.3.2"), HIPAA_AUDIT_CONTROLS, nist("AU-9(3)"), nist("SC-28")],
    },
    TYPES.athenaWorkgroup,
    ({ graph }, _settings, report) => {
        for (const { workgroup } of graph.cloudTrailWorkgroups()) {
            const configuration = workgroup.props.configuration;
            if (isUnknown(configuration)) continue;
            const label = `Athena workgroup "${workgroup.name}" (in a stack that queries CloudTrail logs)`;
            // The provider's default for enforceWorkgroupConfiguration is true.
            const enforced = at(configuration, "enforceWorkgroupConfiguration");
            if (enforced !== undefined && !isUnknown(enforced) && bool(enforced) !== true) {
                report({ urn: workgroup.urn, message: `${label} sets enforceWorkgroupConfiguration false: a client can pick another result location or drop encryption; set it to true.` });
            }
            const option = str(at(configuration, "resultConfiguration", "encryptionConfiguration", "encryptionOption"));
            if (isUnknown(option) || (typeof option === "string" && KMS_RESULT_ENCRYPTION.has(option))) continue;
            report({
                urn: workgroup.urn,
                message:
                    option === undefined
                        ? `${label} does not encrypt query results; set resultConfiguration.encryptionConfiguration to SSE_KMS with the audit key.`
                        : `${label} encrypts query results with ${String(option)}; use SSE_KMS (or CSE_KMS) with a customer managed key.`,
            });
        }
    },
);
