// In-process unit tests of the audit bucket policies (policies/src/policies/archiveBucket.ts): each
// check on small stacks built in memory, in preview and as deployed. They are stack policies: the
// bucket is the one a trail writes to, its settings resources are joined to it through property
// dependencies or, where a program wrote literal names, by name (policies/src/stackGraph.ts). The
// protocol tests beside this folder show the same policies reach the engine's verdicts over gRPC.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import {
    archiveBucketAccessLogging,
    archiveBucketEncryption,
    archiveBucketNoPublicGrants,
    archiveBucketObjectLock,
    archiveBucketPublicAccessBlock,
    archiveBucketRetention,
    archiveBucketTlsOnly,
    archiveBucketVersioning,
} from "../../../policies/src/policies/archiveBucket";
import { Policy, runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ACL = "aws:s3/bucketAcl:BucketAcl";
const ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ENCRYPTION_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const OBJECT_LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
const KMS_KEY = "aws:kms/key:Key";

type Mode = "preview" | "deployed";
const MODES: Mode[] = ["preview", "deployed"];

const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const ALL_BLOCKED = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function document(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** CloudTrail's write, limited to this trail. */
function cloudTrailWrite(bucketArn: string): object {
    return {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/123456789012/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    };
}

function denyPlainHttp(bucketArn: string): object {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

function publicRead(bucketArn: string): object {
    return { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucketArn}/*` };
}

/**
 * A trail writing to bucket "audit-logs" through `bucket.id`, as a program writes it, and helpers to
 * add the bucket's settings resources, each with `bucket: bucket.id`.
 */
function auditBucket(mode: Mode = "deployed", bucketInputs: Record<string, unknown> = {}, bucketType = BUCKET) {
    const stack = new InMemoryStack(mode);
    const bucket = stack.add(bucketType, "audit-logs", { forceDestroy: false, ...bucketInputs });
    const trail = stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id"), isMultiRegionTrail: true });
    const aspect = (type: string, name: string, inputs: Record<string, unknown>) => stack.add(type, name, { bucket: stack.ref(bucket, "id"), ...inputs });
    /** A BucketPolicy whose document is built from the bucket's ARN: unknown in preview. */
    const policy = (statements: (bucketArn: string) => object[], name = "audit-logs-policy") =>
        aspect(BUCKET_POLICY, name, { policy: stack.apply([[bucket, "arn"]], (arn) => document(...statements(arn as string))) });
    return { stack, bucket, trail, aspect, policy, rendered: () => stack.rendered() };
}

/** Everything every bucket policy asks for (Object Lock aside, which is opt-in). */
function compliantAuditBucket(mode: Mode) {
    const s = auditBucket(mode);
    const key = s.stack.add(KMS_KEY, "audit-key", { enableKeyRotation: true, deletionWindowInDays: 30 });
    const accessLogs = s.stack.add(BUCKET, "access-logs", {});
    s.aspect(PUBLIC_ACCESS_BLOCK, "audit-logs-public-access", ALL_BLOCKED);
    s.aspect(ACL, "audit-logs-acl", { acl: "private" });
    s.aspect(ENCRYPTION, "audit-logs-encryption", {
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: s.stack.ref(key, "arn") }, bucketKeyEnabled: true }],
    });
    s.aspect(VERSIONING, "audit-logs-versioning", { versioningConfiguration: { status: "Enabled" } });
    s.policy((arn) => [cloudTrailWrite(arn), denyPlainHttp(arn)]);
    s.aspect(LOGGING, "audit-logs-access-logging", { targetBucket: s.stack.ref(accessLogs, "id"), targetPrefix: "audit-logs/" });
    s.aspect(LIFECYCLE, "audit-logs-lifecycle", {
        rules: [{ id: "archive", status: "Enabled", filter: { prefix: "AWSLogs/" }, transitions: [{ days: 90, storageClass: "GLACIER" }], expiration: { days: 2555 } }],
    });
    return s;
}

const BUCKET_POLICIES: Policy[] = [
    archiveBucketPublicAccessBlock,
    archiveBucketNoPublicGrants,
    archiveBucketEncryption,
    archiveBucketVersioning,
    archiveBucketTlsOnly,
    archiveBucketAccessLogging,
    archiveBucketRetention,
    archiveBucketObjectLock,
];
/** Settings that turn every bucket policy on (Object Lock is off unless required). */
const ALL_ON: Record<string, Record<string, unknown>> = { "cloudtrail-bucket-object-lock": { required: true } };

describe("audit bucket joins (every bucket policy)", () => {
    it.each(BUCKET_POLICIES.map((p) => [p.name, p] as const))("%s judges nothing of a bucket outside the stack", (name, policy) => {
        for (const mode of MODES) {
            const stack = new InMemoryStack(mode);
            stack.add(TRAIL, "audit", { s3BucketName: "central-audit-logs", isMultiRegionTrail: true });
            // An unrelated bucket in the stack is not the trail's.
            stack.add(BUCKET, "scratch", { bucket: "scratch", acl: "public-read" });
            expect(runPolicy(policy, stack.rendered(), ALL_ON[name])).toEqual([]);
        }
    });

    it.each(BUCKET_POLICIES.map((p) => [p.name, p] as const))("%s judges nothing while a bucket name computed outside the stack is unknown", (name, policy) => {
        const stack = new InMemoryStack("preview");
        stack.add(BUCKET, "audit-logs", {});
        stack.add(TRAIL, "audit", { s3BucketName: UNKNOWN_VALUE, isMultiRegionTrail: true });
        expect(runPolicy(policy, stack.rendered(), ALL_ON[name])).toEqual([]);
    });

    it.each(BUCKET_POLICIES.map((p) => [p.name, p] as const))("%s joins a bucket and its settings written by name, in preview and deployed", (name, policy) => {
        for (const mode of MODES) {
            const stack = new InMemoryStack(mode);
            stack.add(BUCKET, "audit-logs", { bucket: "acme-audit-logs", objectLockEnabled: true });
            stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", isMultiRegionTrail: true });
            const arn = "arn:aws:s3:::acme-audit-logs";
            const named = (type: string, resource: string, inputs: Record<string, unknown>) => stack.add(type, resource, { bucket: "acme-audit-logs", ...inputs });
            named(PUBLIC_ACCESS_BLOCK, "audit-logs-public-access", ALL_BLOCKED);
            named(ENCRYPTION, "audit-logs-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
            named(VERSIONING, "audit-logs-versioning", { versioningConfiguration: { status: "Enabled" } });
            named(BUCKET_POLICY, "audit-logs-policy", { policy: document(cloudTrailWrite(arn), denyPlainHttp(arn)) });
            named(LOGGING, "audit-logs-access-logging", { targetBucket: "acme-access-logs" });
            named(LIFECYCLE, "audit-logs-lifecycle", { rules: [{ id: "expire", status: "Enabled", expiration: { days: 400 } }] });
            named(OBJECT_LOCK, "audit-logs-object-lock", { rule: { defaultRetention: { mode: "COMPLIANCE", days: 400 } } });
            expect(runPolicy(policy, stack.rendered(), ALL_ON[name])).toEqual([]);
        }
    });

    it("joins settings to a bucket named by its ARN", () => {
        const stack = new InMemoryStack("preview");
        const bucket = stack.add(BUCKET, "audit-logs", { bucket: "acme-audit-logs" });
        stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", isMultiRegionTrail: true });
        stack.add(VERSIONING, "audit-logs-versioning", { bucket: "arn:aws:s3:::acme-audit-logs", versioningConfiguration: { status: "Suspended" } });
        expect(runPolicy(archiveBucketVersioning, stack.rendered())).toEqual([
            { policy: "cloudtrail-bucket-versioning", enforcementLevel: "mandatory", urn: bucket.urn, message: 'Audit bucket "audit-logs" has versioning "Suspended"; set status "Enabled".' },
        ]);
    });

    it("finds the bucket through the BucketPolicy a trail's s3BucketName was taken from", () => {
        for (const mode of MODES) {
            const stack = new InMemoryStack(mode);
            const bucket = stack.add(BUCKET, "audit-logs", {});
            const policy = stack.add(BUCKET_POLICY, "audit-logs-policy", { bucket: stack.ref(bucket, "id"), policy: document(cloudTrailWrite("arn:aws:s3:::audit-logs")) });
            // The trail waits for its bucket policy: s3BucketName: policy.bucket.
            stack.add(TRAIL, "audit", { s3BucketName: stack.ref(policy, "bucket"), isMultiRegionTrail: true });
            expect(runPolicy(archiveBucketAccessLogging, stack.rendered()), mode).toEqual([
                {
                    policy: "cloudtrail-bucket-access-logging",
                    enforcementLevel: "mandatory",
                    urn: bucket.urn,
                    message: 'Audit bucket "audit-logs" has no server access logging; add a BucketLogging with a targetBucket.',
                },
            ]);
        }
    });

    it("reports a bucket two trails write to once, and each audit bucket of the stack", () => {
        const stack = new InMemoryStack("deployed");
        const first = stack.add(BUCKET, "audit-logs", {});
        const second = stack.add(BUCKET, "org-audit-logs", {});
        stack.add(TRAIL, "audit", { s3BucketName: stack.ref(first, "id") });
        stack.add(TRAIL, "audit-data-events", { s3BucketName: stack.ref(first, "id"), s3KeyPrefix: "data" });
        stack.add(TRAIL, "org", { s3BucketName: stack.ref(second, "id") });
        expect(runPolicy(archiveBucketAccessLogging, stack.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [first.urn, 'Audit bucket "audit-logs" has no server access logging; add a BucketLogging with a targetBucket.'],
            [second.urn, 'Audit bucket "org-audit-logs" has no server access logging; add a BucketLogging with a targetBucket.'],
        ]);
    });
});

describe("cloudtrail-bucket-public-access-block", () => {
    const policy = archiveBucketPublicAccessBlock;

    it.each(MODES)("passes the compliant audit bucket (%s)", (mode) => {
        expect(runPolicy(policy, compliantAuditBucket(mode).rendered())).toEqual([]);
    });

    it("passes a bucket without its own block when the account's AccountPublicAccessBlock has all four", () => {
        const s = auditBucket();
        s.stack.add(ACCOUNT_PUBLIC_ACCESS_BLOCK, "account-public-access", ALL_BLOCKED);
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("blocks a bucket with no public access block at all", () => {
        const s = auditBucket();
        // A block on another bucket does not count.
        const other = s.stack.add(BUCKET, "scratch", {});
        s.stack.add(PUBLIC_ACCESS_BLOCK, "scratch-public-access", { bucket: s.stack.ref(other, "id"), ...ALL_BLOCKED });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-public-access-block",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" has no BucketPublicAccessBlock; add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.',
            },
        ]);
    });

    it.each(MODES)("names the settings a block leaves off or unset, on the block (%s)", (mode) => {
        const s = auditBucket(mode);
        const block = s.aspect(PUBLIC_ACCESS_BLOCK, "audit-logs-public-access", { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-public-access-block",
                enforcementLevel: "mandatory",
                urn: block.urn,
                message: 'Audit bucket "audit-logs" leaves blockPublicPolicy, restrictPublicBuckets off in "audit-logs-public-access"; set all four to true.',
            },
        ]);
    });

    it("names an incomplete account block when the bucket has none, and lets a complete account block cover an incomplete bucket block", () => {
        const s = auditBucket();
        const account = s.stack.add(ACCOUNT_PUBLIC_ACCESS_BLOCK, "account-public-access", { ...ALL_BLOCKED, restrictPublicBuckets: false });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-public-access-block",
                enforcementLevel: "mandatory",
                urn: account.urn,
                message: 'Audit bucket "audit-logs" leaves restrictPublicBuckets off in "account-public-access"; set all four to true.',
            },
        ]);
        const t = auditBucket();
        t.aspect(PUBLIC_ACCESS_BLOCK, "audit-logs-public-access", { ...ALL_BLOCKED, ignorePublicAcls: false });
        t.stack.add(ACCOUNT_PUBLIC_ACCESS_BLOCK, "account-public-access", ALL_BLOCKED);
        expect(runPolicy(policy, t.rendered())).toEqual([]);
    });

    it("does not decide on a computed setting", () => {
        const s = auditBucket("preview");
        s.aspect(PUBLIC_ACCESS_BLOCK, "audit-logs-public-access", { ...ALL_BLOCKED, blockPublicPolicy: UNKNOWN_VALUE });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("joins a block written with the bucket's name, in preview too", () => {
        const stack = new InMemoryStack("preview");
        stack.add(BUCKET, "audit-logs", { bucket: "acme-audit-logs" });
        stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs" });
        const block = stack.add(PUBLIC_ACCESS_BLOCK, "audit-logs-public-access", { bucket: "acme-audit-logs", ...ALL_BLOCKED, blockPublicAcls: false });
        expect(runPolicy(policy, stack.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [block.urn, 'Audit bucket "audit-logs" leaves blockPublicAcls off in "audit-logs-public-access"; set all four to true.'],
        ]);
    });
});

describe("cloudtrail-bucket-no-public-grants", () => {
    const policy = archiveBucketNoPublicGrants;

    it.each(MODES)("passes the compliant audit bucket (%s)", (mode) => {
        expect(runPolicy(policy, compliantAuditBucket(mode).rendered())).toEqual([]);
    });

    it("blocks a public canned ACL on a BucketAcl, naming the BucketAcl", () => {
        const s = auditBucket();
        const acl = s.aspect(ACL, "audit-logs-acl", { acl: "public-read" });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-no-public-grants",
                enforcementLevel: "mandatory",
                urn: acl.urn,
                message: 'Audit bucket "audit-logs" has the canned ACL "public-read" (set in "audit-logs-acl"); use "private".',
            },
        ]);
    });

    it("blocks a public canned ACL set inline on a Bucket or a BucketV2 (legacy arguments)", () => {
        const s = auditBucket("preview", { acl: "authenticated-read" });
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs" has the canned ACL "authenticated-read" (set in "audit-logs"); use "private".'],
        ]);
        const v2 = auditBucket("preview", { acl: "public-read-write" }, BUCKET_V2);
        expect(runPolicy(policy, v2.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [v2.bucket.urn, 'Audit bucket "audit-logs" has the canned ACL "public-read-write" (set in "audit-logs"); use "private".'],
        ]);
    });

    it("blocks an inline grant to AllUsers on the bucket (legacy arguments)", () => {
        const s = auditBucket("deployed", {
            grants: [
                { type: "CanonicalUser", id: "0123456789abcdef", permissions: ["FULL_CONTROL"] },
                { type: "Group", uri: ALL_USERS, permissions: ["READ"] },
            ],
        });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-no-public-grants",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" grants READ to AllUsers (in "audit-logs"); remove the grant.',
            },
        ]);
    });

    it("lists several permissions of an inline grant with a space between them", () => {
        const s = auditBucket("deployed", { grants: [{ type: "Group", uri: ALL_USERS, permissions: ["READ", "WRITE"] }] }, BUCKET_V2);
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual(['Audit bucket "audit-logs" grants READ, WRITE to AllUsers (in "audit-logs"); remove the grant.']);
    });

    it("blocks a grant to AuthenticatedUsers in a BucketAclV2's access control policy", () => {
        const s = auditBucket();
        const acl = s.aspect(ACL_V2, "audit-logs-acl", {
            accessControlPolicy: {
                owner: { id: "0123456789abcdef" },
                grants: [
                    { grantee: { type: "CanonicalUser", id: "0123456789abcdef" }, permission: "FULL_CONTROL" },
                    { grantee: { type: "Group", uri: AUTHENTICATED_USERS }, permission: "WRITE" },
                ],
            },
        });
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [acl.urn, 'Audit bucket "audit-logs" grants WRITE to AuthenticatedUsers (in "audit-logs-acl"); remove the grant.'],
        ]);
    });

    it("blocks a bucket policy that allows everyone without a condition, naming the actions", () => {
        const s = auditBucket();
        const bucketPolicy = s.policy((arn) => [
            cloudTrailWrite(arn),
            denyPlainHttp(arn),
            publicRead(arn),
            { Effect: "Allow", Principal: { AWS: "*" }, Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: arn },
        ]);
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-no-public-grants",
                enforcementLevel: "mandatory",
                urn: bucketPolicy.urn,
                message: 'Audit bucket "audit-logs"\'s policy (in "audit-logs-policy") allows s3:GetObject to every principal ("*") without a condition; name the principals.',
            },
            {
                policy: "cloudtrail-bucket-no-public-grants",
                enforcementLevel: "mandatory",
                urn: bucketPolicy.urn,
                message: 'Audit bucket "audit-logs"\'s policy (in "audit-logs-policy") allows s3:ListBucket, s3:GetBucketLocation to every principal ("*") without a condition; name the principals.',
            },
        ]);
    });

    it("reads a policy set inline on the bucket (legacy argument), and passes an Allow to everyone narrowed by a condition", () => {
        const arn = "arn:aws:s3:::audit-logs";
        const s = auditBucket("preview", { policy: document(publicRead(arn)) });
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs"\'s policy (in "audit-logs") allows s3:GetObject to every principal ("*") without a condition; name the principals.'],
        ]);
        const narrowed = { ...publicRead(arn), Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } };
        expect(runPolicy(policy, auditBucket("preview", { policy: document(narrowed) }).rendered())).toEqual([]);
    });

    it("checks a policy built from the bucket's ARN once it is known, not in preview", () => {
        const build = (mode: Mode) => {
            const s = auditBucket(mode);
            s.policy((arn) => [publicRead(arn)]);
            return runPolicy(policy, s.rendered());
        };
        expect(build("preview")).toEqual([]);
        expect(build("deployed").map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
    });

    it("still judges a known BucketPolicy beside a computed inline policy", () => {
        const s = auditBucket("preview", { policy: UNKNOWN_VALUE });
        const bucketPolicy = s.aspect(BUCKET_POLICY, "audit-logs-policy", { policy: document(publicRead("arn:aws:s3:::audit-logs")) });
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [bucketPolicy.urn, 'Audit bucket "audit-logs"\'s policy (in "audit-logs-policy") allows s3:GetObject to every principal ("*") without a condition; name the principals.'],
        ]);
    });

    it("does not decide on a computed ACL", () => {
        const s = auditBucket("preview", { acl: UNKNOWN_VALUE });
        s.aspect(ACL, "audit-logs-acl", { acl: UNKNOWN_VALUE });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });
});

describe("cloudtrail-bucket-sse-kms", () => {
    const policy = archiveBucketEncryption;
    const kmsRule = (sseAlgorithm: unknown) => ({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/audit" } }] });

    it.each(MODES)("passes the compliant audit bucket (%s)", (mode) => {
        expect(runPolicy(policy, compliantAuditBucket(mode).rendered())).toEqual([]);
    });

    it("passes dual-layer SSE-KMS", () => {
        const s = auditBucket();
        s.aspect(ENCRYPTION, "audit-logs-encryption", kmsRule("aws:kms:dsse"));
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("blocks a bucket without default encryption", () => {
        const s = auditBucket();
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-sse-kms",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message:
                    'Audit bucket "audit-logs" has no default encryption configuration (S3 falls back to SSE-S3); add a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and the audit KMS key.',
            },
        ]);
    });

    it.each([ENCRYPTION, ENCRYPTION_V2])("blocks SSE-S3 (AES256) set by a %s", (type) => {
        for (const mode of MODES) {
            const s = auditBucket(mode);
            s.aspect(type, "audit-logs-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
            expect(runPolicy(policy, s.rendered()), mode).toEqual([
                {
                    policy: "cloudtrail-bucket-sse-kms",
                    enforcementLevel: "mandatory",
                    urn: s.bucket.urn,
                    message: 'Audit bucket "audit-logs" encrypts with "AES256"; use sseAlgorithm "aws:kms" with a customer managed key.',
                },
            ]);
        }
    });

    it("passes a V2 encryption resource with aws:kms", () => {
        const s = auditBucket("preview");
        s.aspect(ENCRYPTION_V2, "audit-logs-encryption", kmsRule("aws:kms"));
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("reads the legacy inline serverSideEncryptionConfiguration of a Bucket", () => {
        const inline = (sseAlgorithm: string) => ({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm }, bucketKeyEnabled: true } } });
        expect(runPolicy(policy, auditBucket("preview", inline("aws:kms")).rendered())).toEqual([]);
        const s = auditBucket("preview", inline("AES256"));
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs" encrypts with "AES256"; use sseAlgorithm "aws:kms" with a customer managed key.'],
        ]);
    });

    it("says it cannot decide on computed rules or a computed algorithm", () => {
        const undecidedFinding = (s: ReturnType<typeof auditBucket>) => [["advisory", s.bucket.urn, 'Audit bucket "audit-logs": its default encryption is computed, so whether it encrypts with KMS is known only after `pulumi up`. (cannot be verified until the value is known)']];
        const rules = auditBucket("preview");
        rules.aspect(ENCRYPTION, "audit-logs-encryption", { rules: UNKNOWN_VALUE });
        expect(runPolicy(policy, rules.rendered()).map((f) => [f.enforcementLevel, f.urn, f.message])).toEqual(undecidedFinding(rules));
        const algorithm = auditBucket("preview");
        algorithm.aspect(ENCRYPTION, "audit-logs-encryption", kmsRule(UNKNOWN_VALUE));
        expect(runPolicy(policy, algorithm.rendered()).map((f) => [f.enforcementLevel, f.urn, f.message])).toEqual(undecidedFinding(algorithm));
    });

    // BucketV2's legacy argument is a list of lists (@pulumi/aws v7): serverSideEncryptionConfigurations:
    // [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm, kmsMasterKeyId }] }] }].
    it("reads the legacy inline serverSideEncryptionConfigurations of a BucketV2", () => {
        const inline = (sseAlgorithm: unknown) => ({
            serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm }], bucketKeyEnabled: true }] }],
        });
        expect(runPolicy(policy, auditBucket("preview", inline("aws:kms"), BUCKET_V2).rendered())).toEqual([]);
        // Computed: undecided, not passed.
        for (const bucket of [inline(UNKNOWN_VALUE), { serverSideEncryptionConfigurations: UNKNOWN_VALUE }]) {
            expect(runPolicy(policy, auditBucket("preview", bucket, BUCKET_V2).rendered()).map((f) => [f.enforcementLevel, f.message])).toEqual([["advisory", 'Audit bucket "audit-logs": its default encryption is computed, so whether it encrypts with KMS is known only after `pulumi up`. (cannot be verified until the value is known)']]);
        }
        const s = auditBucket("preview", inline("AES256"), BUCKET_V2);
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs" encrypts with "AES256"; use sseAlgorithm "aws:kms" with a customer managed key.'],
        ]);
    });
});

describe("cloudtrail-bucket-versioning", () => {
    const policy = archiveBucketVersioning;
    const versioning = (status: unknown) => ({ versioningConfiguration: { status } });
    const objectLockSuspended = (name: string) =>
        `Audit bucket "audit-logs" has Object Lock, but BucketVersioning "${name}" sets its versioning to "Suspended": AWS refuses to suspend versioning on an Object Lock bucket, so \`pulumi up\` would fail at "${name}"; set status "Enabled".`;

    it.each(MODES)("passes the compliant audit bucket (%s)", (mode) => {
        expect(runPolicy(policy, compliantAuditBucket(mode).rendered())).toEqual([]);
    });

    it("blocks a bucket without versioning", () => {
        const s = auditBucket();
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-versioning",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" has no versioning; add a BucketVersioning with status "Enabled".',
            },
        ]);
    });

    it.each([VERSIONING, VERSIONING_V2])("blocks versioning Suspended by a %s, and passes Enabled", (type) => {
        for (const mode of MODES) {
            const s = auditBucket(mode);
            s.aspect(type, "audit-logs-versioning", versioning("Suspended"));
            expect(runPolicy(policy, s.rendered()), mode).toEqual([
                {
                    policy: "cloudtrail-bucket-versioning",
                    enforcementLevel: "mandatory",
                    urn: s.bucket.urn,
                    message: 'Audit bucket "audit-logs" has versioning "Suspended"; set status "Enabled".',
                },
            ]);
            const t = auditBucket(mode);
            t.aspect(type, "audit-logs-versioning", versioning("Enabled"));
            expect(runPolicy(policy, t.rendered()), mode).toEqual([]);
        }
    });

    it("reads the legacy inline versioning of a Bucket", () => {
        expect(runPolicy(policy, auditBucket("preview", { versioning: { enabled: true } }).rendered())).toEqual([]);
        expect(runPolicy(policy, auditBucket("preview", { versioning: { enabled: UNKNOWN_VALUE } }).rendered()).map((f) => [f.enforcementLevel, f.message])).toEqual([["advisory", 'Audit bucket "audit-logs": its versioning is computed, so whether it keeps versions is known only after `pulumi up`. (cannot be verified until the value is known)']]);
        expect(runPolicy(policy, auditBucket("preview", { versioning: { enabled: false } }).rendered()).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" has no versioning; add a BucketVersioning with status "Enabled".',
        ]);
    });

    it("counts Object Lock as versioning: objectLockEnabled on a Bucket or BucketV2, or an inline objectLockConfiguration", () => {
        expect(runPolicy(policy, auditBucket("preview", { objectLockEnabled: true }).rendered())).toEqual([]);
        expect(runPolicy(policy, auditBucket("preview", { objectLockEnabled: true }, BUCKET_V2).rendered())).toEqual([]);
        expect(runPolicy(policy, auditBucket("preview", { objectLockConfiguration: { objectLockEnabled: "Enabled" } }).rendered())).toEqual([]);
    });

    it.each(MODES)("blocks Suspended versioning on an Object Lock bucket at the BucketVersioning, where `pulumi up` would fail (%s)", (mode) => {
        const s = auditBucket(mode, { objectLockEnabled: true });
        const suspended = s.aspect(VERSIONING, "audit-logs-versioning", versioning("Suspended"));
        expect(runPolicy(policy, s.rendered())).toEqual([
            { policy: "cloudtrail-bucket-versioning", enforcementLevel: "mandatory", urn: suspended.urn, message: objectLockSuspended("audit-logs-versioning") },
        ]);
    });

    it("takes Object Lock from a BucketObjectLockConfiguration(V2) too, and names each suspending BucketVersioning", () => {
        const s = auditBucket();
        s.aspect(OBJECT_LOCK_V2, "audit-logs-object-lock", { rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } });
        const first = s.aspect(VERSIONING, "audit-logs-versioning", versioning("Suspended"));
        const second = s.aspect(VERSIONING_V2, "audit-logs-versioning-v2", versioning("Suspended"));
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [first.urn, objectLockSuspended("audit-logs-versioning")],
            [second.urn, objectLockSuspended("audit-logs-versioning-v2")],
        ]);
    });

    it("judges Suspended versioning on a bucket whose Object Lock is computed as plain suspended versioning", () => {
        const s = auditBucket("preview", { objectLockEnabled: UNKNOWN_VALUE });
        s.aspect(VERSIONING, "audit-logs-versioning", versioning("Suspended"));
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-versioning",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" has versioning "Suspended"; set status "Enabled".',
            },
        ]);
    });

    it("says it cannot decide on a computed status", () => {
        const s = auditBucket("preview");
        s.aspect(VERSIONING, "audit-logs-versioning", versioning(UNKNOWN_VALUE));
        expect(runPolicy(policy, s.rendered()).map((f) => [f.enforcementLevel, f.urn, f.message])).toEqual([["advisory", s.bucket.urn, 'Audit bucket "audit-logs": its versioning is computed, so whether it keeps versions is known only after `pulumi up`. (cannot be verified until the value is known)']]);
    });

    // BucketV2's legacy argument is `versionings: [{ enabled }]` (@pulumi/aws v7).
    it("reads the legacy inline versionings of a BucketV2", () => {
        expect(runPolicy(policy, auditBucket("preview", { versionings: [{ enabled: true }] }, BUCKET_V2).rendered())).toEqual([]);
        for (const versionings of [[{ enabled: UNKNOWN_VALUE }], UNKNOWN_VALUE]) {
            expect(runPolicy(policy, auditBucket("preview", { versionings }, BUCKET_V2).rendered()).map((f) => [f.enforcementLevel, f.message])).toEqual([["advisory", 'Audit bucket "audit-logs": its versioning is computed, so whether it keeps versions is known only after `pulumi up`. (cannot be verified until the value is known)']]);
        }
        const s = auditBucket("preview", { versionings: [{ enabled: false }] }, BUCKET_V2);
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs" has no versioning; add a BucketVersioning with status "Enabled".'],
        ]);
    });
});

describe("cloudtrail-bucket-tls-only", () => {
    const policy = archiveBucketTlsOnly;

    // The in-memory bucket's ARN is computed, so a policy built from it is unknown in preview.
    const undecided = (urn: string) => ({
        policy: "cloudtrail-bucket-tls-only",
        enforcementLevel: "advisory",
        urn,
        message:
            'Audit bucket "audit-logs"\'s policy is computed, so whether it denies requests without TLS is known only after `pulumi up`; build it from names known before deployment to have it checked in preview. (cannot be verified until the value is known)',
    });

    it("passes the compliant audit bucket once deployed; in preview, its policy built from the ARN is undecided, not passed", () => {
        expect(runPolicy(policy, compliantAuditBucket("deployed").rendered())).toEqual([]);
        const preview = compliantAuditBucket("preview");
        const bucketPolicy = preview.stack.resources.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")!;
        expect(runPolicy(policy, preview.rendered())).toEqual([undecided(bucketPolicy.urn)]);
    });

    it("blocks a bucket without a bucket policy", () => {
        const s = auditBucket();
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-tls-only",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" has no bucket policy; add a BucketPolicy that denies s3:* when aws:SecureTransport is "false".',
            },
        ]);
    });

    it("blocks a bucket policy without the TLS deny, naming the policy; a narrower deny does not count", () => {
        const s = auditBucket();
        const bucketPolicy = s.policy((arn) => [
            cloudTrailWrite(arn),
            { ...denyPlainHttp(arn), Action: "s3:GetObject" },
            { ...denyPlainHttp(arn), Principal: { Service: "cloudtrail.amazonaws.com" } },
        ]);
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-tls-only",
                enforcementLevel: "mandatory",
                urn: bucketPolicy.urn,
                message: 'Audit bucket "audit-logs"\'s policy does not deny requests without TLS; add a Deny of s3:* for "*" when aws:SecureTransport is "false".',
            },
        ]);
    });

    it('passes a deny of "*" for { AWS: "*" } with aws:SecureTransport false as a boolean', () => {
        const s = auditBucket();
        s.policy((arn) => [{ ...denyPlainHttp(arn), Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": false } } }]);
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("reads a policy set inline on the bucket (legacy argument)", () => {
        const arn = "arn:aws:s3:::audit-logs";
        expect(runPolicy(policy, auditBucket("preview", { policy: document(denyPlainHttp(arn)) }).rendered())).toEqual([]);
        const s = auditBucket("preview", { policy: document(cloudTrailWrite(arn)) });
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs"\'s policy does not deny requests without TLS; add a Deny of s3:* for "*" when aws:SecureTransport is "false".'],
        ]);
    });

    it("checks a policy built from the bucket's ARN once it is known; in preview it says it cannot decide", () => {
        const build = (mode: Mode) => {
            const s = auditBucket(mode);
            const bucketPolicy = s.policy((arn) => [cloudTrailWrite(arn)]);
            return { findings: runPolicy(policy, s.rendered()), urn: bucketPolicy.urn };
        };
        const preview = build("preview");
        expect(preview.findings).toEqual([undecided(preview.urn)]);
        expect(build("deployed").findings.map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
    });
});

describe("cloudtrail-bucket-access-logging", () => {
    const policy = archiveBucketAccessLogging;
    const noLogging = 'Audit bucket "audit-logs" has no server access logging; add a BucketLogging with a targetBucket.';

    it.each(MODES)("passes the compliant audit bucket (%s)", (mode) => {
        expect(runPolicy(policy, compliantAuditBucket(mode).rendered())).toEqual([]);
    });

    it("blocks a bucket without access logging, and a BucketLogging with an empty target", () => {
        const s = auditBucket();
        expect(runPolicy(policy, s.rendered())).toEqual([{ policy: "cloudtrail-bucket-access-logging", enforcementLevel: "mandatory", urn: s.bucket.urn, message: noLogging }]);
        const empty = auditBucket();
        empty.aspect(LOGGING, "audit-logs-access-logging", { targetBucket: "" });
        expect(runPolicy(policy, empty.rendered()).map((f) => [f.urn, f.message])).toEqual([[empty.bucket.urn, noLogging]]);
    });

    it("passes a BucketLoggingV2 and the legacy inline logging of a Bucket", () => {
        const s = auditBucket("preview");
        s.aspect(LOGGING_V2, "audit-logs-access-logging", { targetBucket: "acme-access-logs" });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
        expect(runPolicy(policy, auditBucket("preview", { logging: { targetBucket: "acme-access-logs", targetPrefix: "audit/" } }).rendered())).toEqual([]);
    });

    it("takes a computed target bucket as set", () => {
        const s = auditBucket("preview");
        const accessLogs = s.stack.add(BUCKET, "access-logs", {});
        s.aspect(LOGGING, "audit-logs-access-logging", { targetBucket: s.stack.ref(accessLogs, "id") });
        expect(s.rendered().resources.at(-1)!.outputs["targetBucket"]).toBe(UNKNOWN_VALUE);
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    // BucketV2's legacy argument is `loggings: [{ targetBucket }]` (@pulumi/aws v7).
    it("reads the legacy inline loggings of a BucketV2", () => {
        expect(runPolicy(policy, auditBucket("preview", { loggings: [{ targetBucket: "acme-access-logs" }] }, BUCKET_V2).rendered())).toEqual([]);
        expect(runPolicy(policy, auditBucket("preview", { loggings: UNKNOWN_VALUE }, BUCKET_V2).rendered())).toEqual([]);
        const s = auditBucket("preview", { loggings: [{ targetBucket: "" }] }, BUCKET_V2);
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([[s.bucket.urn, noLogging]]);
    });
});

describe("cloudtrail-bucket-retention", () => {
    const policy = archiveBucketRetention;
    const rule = (extra: Record<string, unknown> = {}) => ({ id: "expire-logs", status: "Enabled", expiration: { days: 30 }, ...extra });
    const thirtyDays = 'Audit bucket "audit-logs" expires log files after 30 days (lifecycle rule "expire-logs" in "audit-logs-lifecycle"); keep them at least 365 days.';

    it.each(MODES)("passes the compliant audit bucket (%s)", (mode) => {
        expect(runPolicy(policy, compliantAuditBucket(mode).rendered())).toEqual([]);
    });

    it.each([LIFECYCLE, LIFECYCLE_V2])("blocks a %s rule that expires log files too early, naming the rule", (type) => {
        for (const mode of MODES) {
            const s = auditBucket(mode);
            const lifecycle = s.aspect(type, "audit-logs-lifecycle", { rules: [rule()] });
            expect(runPolicy(policy, s.rendered()), mode).toEqual([{ policy: "cloudtrail-bucket-retention", enforcementLevel: "mandatory", urn: lifecycle.urn, message: thirtyDays }]);
        }
    });

    it("blocks a rule whose prefix covers the trail's AWSLogs/ prefix", () => {
        for (const filter of [{ prefix: "AWSLogs/" }, { prefix: "AWS" }, { prefix: "AWSLogs/123456789012/CloudTrail/" }, { and: { prefix: "AWSLogs/", objectSizeGreaterThan: 0 } }]) {
            const s = auditBucket();
            s.aspect(LIFECYCLE, "audit-logs-lifecycle", { rules: [rule({ filter })] });
            expect(runPolicy(policy, s.rendered()).map((f) => f.message), JSON.stringify(filter)).toEqual([thirtyDays]);
        }
    });

    it("passes short rules that are disabled, long enough, or leave the trail's objects alone (other prefix, tag filters)", () => {
        const s = auditBucket();
        s.aspect(LIFECYCLE, "audit-logs-lifecycle", {
            rules: [
                rule({ status: "Disabled" }),
                rule({ expiration: { days: 365 } }),
                rule({ filter: { prefix: "tmp/" } }),
                rule({ filter: { tag: { key: "retention", value: "short" } } }),
                rule({ filter: { and: { prefix: "AWSLogs/", tags: { retention: "short" } } } }),
                rule({ expiration: undefined, noncurrentVersionExpiration: { noncurrentDays: 30 } }),
            ],
        });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("follows the trail's s3KeyPrefix", () => {
        const build = (prefix: string) => {
            const stack = new InMemoryStack("deployed");
            const bucket = stack.add(BUCKET, "audit-logs", {});
            stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id"), s3KeyPrefix: "cloudtrail/" });
            stack.add(LIFECYCLE, "audit-logs-lifecycle", { bucket: stack.ref(bucket, "id"), rules: [rule({ filter: { prefix } })] });
            return runPolicy(policy, stack.rendered()).map((f) => f.message);
        };
        expect(build("AWSLogs/")).toEqual([]);
        expect(build("cloudtrail/AWSLogs/")).toEqual([thirtyDays]);
        expect(build("cloudtrail/")).toEqual([thirtyDays]);
    });

    it("reads the legacy inline lifecycleRules of a Bucket", () => {
        const s = auditBucket("preview", {
            lifecycleRules: [
                { id: "expire", enabled: true, expiration: { days: 90 } },
                { id: "old", enabled: false, expiration: { days: 1 } },
                { id: "tmp", enabled: true, prefix: "tmp/", expiration: { days: 1 } },
                { id: "tagged", enabled: true, tags: { retention: "short" }, expiration: { days: 1 } },
            ],
        });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-bucket-retention",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" expires log files after 90 days (lifecycle rule "expire" in "audit-logs"); keep them at least 365 days.',
            },
        ]);
    });

    it("takes the minimum from minimumRetentionDays", () => {
        const s = auditBucket();
        s.aspect(LIFECYCLE, "audit-logs-lifecycle", { rules: [rule({ expiration: { days: 400 } })] });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
        expect(runPolicy(policy, s.rendered(), { minimumRetentionDays: 400 })).toEqual([]);
        expect(runPolicy(policy, s.rendered(), { minimumRetentionDays: 2555 }).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" expires log files after 400 days (lifecycle rule "expire-logs" in "audit-logs-lifecycle"); keep them at least 2555 days.',
        ]);
    });

    it("reports an invalid minimumRetentionDays instead of judging", () => {
        const s = auditBucket();
        expect(runPolicy(policy, s.rendered(), { minimumRetentionDays: 0 })).toEqual([
            {
                policy: "cloudtrail-bucket-retention",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'invalid config for policy "cloudtrail-bucket-retention", key "minimumRetentionDays": 0 is below the minimum; expected an integer ≥ 1',
            },
        ]);
    });

    it("is advisory while a short rule's status or prefix is computed, and silent while its days are", () => {
        const unverified = `${thirtyDays} (cannot be verified until the value is known)`;
        for (const extra of [{ status: UNKNOWN_VALUE }, { filter: { prefix: UNKNOWN_VALUE } }]) {
            const s = auditBucket("preview");
            const lifecycle = s.aspect(LIFECYCLE, "audit-logs-lifecycle", { rules: [rule(extra)] });
            expect(runPolicy(policy, s.rendered()), JSON.stringify(extra)).toEqual([
                { policy: "cloudtrail-bucket-retention", enforcementLevel: "advisory", urn: lifecycle.urn, message: unverified },
            ]);
        }
        const days = auditBucket("preview");
        days.aspect(LIFECYCLE, "audit-logs-lifecycle", { rules: [rule({ expiration: { days: UNKNOWN_VALUE } })] });
        expect(runPolicy(policy, days.rendered())).toEqual([]);
    });

    it("is advisory when a computed s3KeyPrefix decides whether a rule's prefix covers the logs", () => {
        const stack = new InMemoryStack("preview");
        const bucket = stack.add(BUCKET, "audit-logs", {});
        stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id"), s3KeyPrefix: UNKNOWN_VALUE });
        const lifecycle = stack.add(LIFECYCLE, "audit-logs-lifecycle", { bucket: stack.ref(bucket, "id"), rules: [rule({ filter: { prefix: "cloudtrail/" } })] });
        expect(runPolicy(policy, stack.rendered())).toEqual([
            { policy: "cloudtrail-bucket-retention", enforcementLevel: "advisory", urn: lifecycle.urn, message: `${thirtyDays} (cannot be verified until the value is known)` },
        ]);
    });

    // A BucketV2 lifecycle rule's expiration is `expirations: [{ days }]` (@pulumi/aws v7).
    it("reads the legacy inline lifecycleRules of a BucketV2", () => {
        const s = auditBucket("preview", { lifecycleRules: [{ id: "expire", enabled: true, expirations: [{ days: 30 }] }] }, BUCKET_V2);
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" expires log files after 30 days (lifecycle rule "expire" in "audit-logs"); keep them at least 365 days.',
        ]);
        const fine = auditBucket(
            "preview",
            {
                lifecycleRules: [
                    { id: "keep", enabled: true, expirations: [{ days: 400 }] },
                    { id: "old", enabled: false, expirations: [{ days: 1 }] },
                    { id: "tmp", enabled: true, prefix: "tmp/", expirations: [{ days: 1 }] },
                    { id: "computed", enabled: true, expirations: [{ days: UNKNOWN_VALUE }] },
                    { id: "computed-list", enabled: true, expirations: UNKNOWN_VALUE },
                ],
            },
            BUCKET_V2,
        );
        expect(runPolicy(policy, fine.rendered())).toEqual([]);
    });

    it("says day, not days, for a single day", () => {
        const s = auditBucket();
        s.aspect(LIFECYCLE, "audit-logs-lifecycle", { rules: [rule({ expiration: { days: 1 } })] });
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" expires log files after 1 day (lifecycle rule "expire-logs" in "audit-logs-lifecycle"); keep them at least 365 days.',
        ]);
    });
});

describe("cloudtrail-bucket-object-lock", () => {
    const policy = archiveBucketObjectLock;
    const required = { required: true };
    /** An Object Lock bucket with a default retention. */
    const locked = (mode: Mode, defaultRetention: Record<string, unknown>, type = OBJECT_LOCK) => {
        const s = auditBucket(mode, { objectLockEnabled: true });
        s.aspect(type, "audit-logs-object-lock", { rule: { defaultRetention } });
        return s;
    };

    it("is off unless required", () => {
        expect(runPolicy(policy, auditBucket().rendered())).toEqual([]);
        expect(runPolicy(policy, auditBucket().rendered(), { required: false })).toEqual([]);
    });

    it.each(MODES)("passes, when required, an Object Lock bucket with a long enough COMPLIANCE retention (%s)", (mode) => {
        expect(runPolicy(policy, locked(mode, { mode: "COMPLIANCE", days: 365 }).rendered(), required)).toEqual([]);
        expect(runPolicy(policy, locked(mode, { mode: "GOVERNANCE", years: 1 }, OBJECT_LOCK_V2).rendered(), required)).toEqual([]);
    });

    it("blocks, when required, a bucket created without Object Lock", () => {
        const s = auditBucket();
        expect(runPolicy(policy, s.rendered(), required)).toEqual([
            {
                policy: "cloudtrail-bucket-object-lock",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" was created without Object Lock; it must be created with objectLockEnabled: true.',
            },
        ]);
    });

    it("blocks an Object Lock bucket without a default retention", () => {
        const s = auditBucket("deployed", { objectLockEnabled: true });
        expect(runPolicy(policy, s.rendered(), required)).toEqual([
            {
                policy: "cloudtrail-bucket-object-lock",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message:
                    'Audit bucket "audit-logs" has Object Lock but no default retention; add a BucketObjectLockConfiguration with a COMPLIANCE or GOVERNANCE retention of at least 365 days.',
            },
        ]);
    });

    it("blocks a default retention that is too short", () => {
        const s = locked("preview", { mode: "COMPLIANCE", days: 30 });
        expect(runPolicy(policy, s.rendered(), required)).toEqual([
            {
                policy: "cloudtrail-bucket-object-lock",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" has a default retention of "COMPLIANCE" 30 days; it needs COMPLIANCE or GOVERNANCE for at least 365 days.',
            },
        ]);
    });

    it("takes the minimum and the allowed modes from its settings", () => {
        const governance = locked("deployed", { mode: "GOVERNANCE", years: 2 });
        expect(runPolicy(policy, governance.rendered(), required)).toEqual([]);
        expect(runPolicy(policy, governance.rendered(), { ...required, allowedModes: ["COMPLIANCE"] }).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" has a default retention of "GOVERNANCE" 2 years; it needs COMPLIANCE for at least 365 days.',
        ]);
        const year = locked("deployed", { mode: "COMPLIANCE", days: 365 });
        expect(runPolicy(policy, year.rendered(), { ...required, minimumRetentionDays: 2555 }).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" has a default retention of "COMPLIANCE" 365 days; it needs COMPLIANCE or GOVERNANCE for at least 2555 days.',
        ]);
        expect(runPolicy(policy, year.rendered(), { ...required, minimumRetentionDays: 30, allowedModes: ["COMPLIANCE"] })).toEqual([]);
    });

    it("reads the legacy inline objectLockConfiguration of a Bucket", () => {
        const inline = (defaultRetention: Record<string, unknown>) => ({ objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention } } });
        expect(runPolicy(policy, auditBucket("preview", inline({ mode: "COMPLIANCE", days: 400 })).rendered(), required)).toEqual([]);
        const s = auditBucket("preview", inline({ mode: "COMPLIANCE", days: 7 }));
        expect(runPolicy(policy, s.rendered(), required).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs" has a default retention of "COMPLIANCE" 7 days; it needs COMPLIANCE or GOVERNANCE for at least 365 days.'],
        ]);
    });

    it("does not decide on a computed objectLockEnabled, retention or retention days", () => {
        expect(runPolicy(policy, auditBucket("preview", { objectLockEnabled: UNKNOWN_VALUE }).rendered(), required)).toEqual([]);
        const retention = auditBucket("preview", { objectLockEnabled: true });
        retention.aspect(OBJECT_LOCK, "audit-logs-object-lock", { rule: { defaultRetention: UNKNOWN_VALUE } });
        expect(runPolicy(policy, retention.rendered(), required)).toEqual([]);
        expect(runPolicy(policy, locked("preview", { mode: "COMPLIANCE", days: UNKNOWN_VALUE }).rendered(), required)).toEqual([]);
    });

    it("still blocks a retention whose known mode fails although its days are computed", () => {
        const s = locked("preview", { mode: "GOVERNANCE", days: UNKNOWN_VALUE });
        expect(runPolicy(policy, s.rendered(), { ...required, allowedModes: ["COMPLIANCE"] })).toEqual([
            {
                policy: "cloudtrail-bucket-object-lock",
                enforcementLevel: "mandatory",
                urn: s.bucket.urn,
                message: 'Audit bucket "audit-logs" has a default retention of "GOVERNANCE" (computed) days; it needs COMPLIANCE for at least 365 days.',
            },
        ]);
    });

    // BucketV2's legacy objectLockConfiguration has `rules: [{ defaultRetentions: [{ mode, days, years }] }]`
    // (@pulumi/aws v7) where Bucket's has `rule: { defaultRetention }`.
    it("reads the legacy inline objectLockConfiguration rules of a BucketV2", () => {
        const inline = (defaultRetention: Record<string, unknown>) => ({ objectLockConfiguration: { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [defaultRetention] }] } });
        expect(runPolicy(policy, auditBucket("preview", inline({ mode: "COMPLIANCE", days: 400 }), BUCKET_V2).rendered(), required)).toEqual([]);
        expect(runPolicy(policy, auditBucket("preview", inline({ mode: "COMPLIANCE", days: UNKNOWN_VALUE }), BUCKET_V2).rendered(), required)).toEqual([]);
        const s = auditBucket("preview", inline({ mode: "COMPLIANCE", days: 30 }), BUCKET_V2);
        expect(runPolicy(policy, s.rendered(), required).map((f) => [f.urn, f.message])).toEqual([
            [s.bucket.urn, 'Audit bucket "audit-logs" has a default retention of "COMPLIANCE" 30 days; it needs COMPLIANCE or GOVERNANCE for at least 365 days.'],
        ]);
    });

    it("says year and day, not years and days, for one", () => {
        const year = locked("deployed", { mode: "GOVERNANCE", years: 1 });
        expect(runPolicy(policy, year.rendered(), { ...required, minimumRetentionDays: 400 }).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" has a default retention of "GOVERNANCE" 1 year; it needs COMPLIANCE or GOVERNANCE for at least 400 days.',
        ]);
        const day = locked("deployed", { mode: "GOVERNANCE", days: 1 });
        expect(runPolicy(policy, day.rendered(), required).map((f) => f.message)).toEqual([
            'Audit bucket "audit-logs" has a default retention of "GOVERNANCE" 1 day; it needs COMPLIANCE or GOVERNANCE for at least 365 days.',
        ]);
    });
});
