// In-process unit tests of the Athena policies (policies/src/policies/athenaResultsBucket.ts): the
// results bucket of a workgroup in a stack that defines a Glue table over CloudTrail logs is checked
// like the archive (public access, public grants, SSE-KMS, TLS-only), and the workgroup must enforce
// KMS-encrypted results. Stacks are built in memory, in preview and as deployed; the workgroup names
// its bucket by interpolation (a property dependency) or by a literal `s3://<bucket>/` location.
import { describe, expect, it } from "vitest";
import {
    athenaResultsBucketEncryption,
    athenaResultsBucketNoPublicGrants,
    athenaResultsBucketPublicAccessBlock,
    athenaResultsBucketTlsOnly,
    athenaWorkgroupEnforcedEncryption,
} from "../../../policies/src/policies/athenaResultsBucket";
import { Policy, runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const BUCKET = "aws:s3/bucket:Bucket";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ACL = "aws:s3/bucketAcl:BucketAcl";
const KMS_KEY = "aws:kms/key:Key";
const GLUE_TABLE = "aws:glue/catalogTable:CatalogTable";
const WORKGROUP = "aws:athena/workgroup:Workgroup";

type Mode = "preview" | "deployed";
const MODES: Mode[] = ["preview", "deployed"];
const ALL_BLOCKED = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function document(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const denyPlainHttp = (arn: string) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});

interface Options {
    /** How the Glue table marks the stack as querying CloudTrail; "none": a table over something else. */
    table?: "inputFormat" | "location" | "none";
    /** "interpolated": s3://${bucket.bucket}/…; "literal": the bucket's name written out. */
    location?: "interpolated" | "literal";
    encryptionOption?: string;
    enforce?: boolean;
}

/** A hand-written investigation setup: a Glue table over CloudTrail logs, a results bucket, a workgroup. */
function investigation(mode: Mode, options: Options = {}) {
    const stack = new InMemoryStack(mode);
    const key = stack.add(KMS_KEY, "audit-key", { enableKeyRotation: true });
    const table = options.table ?? "inputFormat";
    stack.add(GLUE_TABLE, "cloudtrail", {
        name: "cloudtrail",
        storageDescriptor:
            table === "inputFormat"
                ? { location: "s3://org-trail-logs/AWSLogs/o-abc/", inputFormat: "com.amazon.emr.cloudtrail.CloudTrailInputFormat" }
                : table === "location"
                  ? { location: "s3://org-trail-logs/AWSLogs/", inputFormat: "org.apache.hadoop.mapred.TextInputFormat" }
                  : { location: "s3://sales-data/orders/", inputFormat: "org.apache.hadoop.mapred.TextInputFormat" },
    });
    const bucket = stack.add(BUCKET, "query-results", { bucket: "query-results-123456789012" });
    const aspect = (type: string, name: string, inputs: Record<string, unknown>) => stack.add(type, name, { bucket: stack.ref(bucket, "id"), ...inputs });
    const outputLocation = options.location === "literal" ? "s3://query-results-123456789012/athena/" : stack.apply([[bucket, "bucket"]], (name) => `s3://${String(name)}/athena/`);
    const workgroup = stack.add(WORKGROUP, "investigations", {
        name: "investigations",
        configuration: {
            enforceWorkgroupConfiguration: options.enforce ?? true,
            resultConfiguration: {
                outputLocation,
                encryptionConfiguration: { encryptionOption: options.encryptionOption ?? "SSE_KMS", kmsKeyArn: stack.ref(key, "arn") },
            },
        },
    });
    const harden = () => {
        aspect(PUBLIC_ACCESS_BLOCK, "query-results-public-access", ALL_BLOCKED);
        aspect(ENCRYPTION, "query-results-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: stack.ref(key, "arn") } }] });
        aspect(BUCKET_POLICY, "query-results-policy", { policy: stack.apply([[bucket, "arn"]], (arn) => document(denyPlainHttp(arn as string))) });
    };
    return { stack, bucket, workgroup, aspect, harden };
}

const RESULTS_POLICIES: Policy[] = [athenaResultsBucketPublicAccessBlock, athenaResultsBucketNoPublicGrants, athenaResultsBucketEncryption, athenaResultsBucketTlsOnly];
const findings = (policy: Policy, s: { stack: InMemoryStack }) => runPolicy(policy, s.stack.rendered());

describe("Athena results bucket joins (every results-bucket policy)", () => {
    it.each(RESULTS_POLICIES.map((p) => [p.name, p] as const))("%s passes a hardened results bucket, found by interpolation or by literal name", (_name, policy) => {
        for (const mode of MODES) {
            for (const location of ["interpolated", "literal"] as const) {
                const s = investigation(mode, { location });
                s.harden();
                const found = findings(policy, s);
                if (mode === "preview" && policy.name === athenaResultsBucketTlsOnly.name) {
                    // The bucket policy is built from the bucket's ARN: preview cannot read its TLS deny,
                    // so the policy says it is undecided (advisory), never a silent pass (issue #11).
                    expect(found.map((f) => [f.policy, f.enforcementLevel]), location).toEqual([["athena-results-bucket-tls-only", "advisory"]]);
                    expect(found[0]!.message).toMatch(/policy is computed, so whether it denies requests without TLS is known only after `pulumi up`.* \(cannot be verified until the value is known\)$/);
                } else {
                    expect(found, `${mode} ${location}`).toEqual([]);
                }
            }
        }
    });

    it.each(RESULTS_POLICIES.map((p) => [p.name, p] as const))("%s judges nothing when the stack has no Glue table over CloudTrail logs", (_name, policy) => {
        for (const mode of MODES) expect(findings(policy, investigation(mode, { table: "none" })), mode).toEqual([]);
    });

    it("treats a table located under AWSLogs/ as CloudTrail even without CloudTrail's input format", () => {
        const s = investigation("deployed", { table: "location" });
        expect(findings(athenaResultsBucketTlsOnly, s).map((f) => f.policy)).toEqual(["athena-results-bucket-tls-only"]);
    });
});

describe("athena-results-bucket-public-access-block", () => {
    it("reports a results bucket without a public access block, naming the bucket and the workgroup", () => {
        for (const mode of MODES) {
            const f = findings(athenaResultsBucketPublicAccessBlock, investigation(mode));
            expect(f, mode).toHaveLength(1);
            expect(f[0]!.message).toBe(
                `Athena results bucket "query-results" (of workgroup "investigations", which queries CloudTrail logs) has no BucketPublicAccessBlock; add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.`,
            );
            expect(f[0]!.enforcementLevel).toBe("mandatory");
        }
    });

    it("reports the flags left off", () => {
        const s = investigation("deployed");
        s.aspect(PUBLIC_ACCESS_BLOCK, "query-results-public-access", { ...ALL_BLOCKED, restrictPublicBuckets: false });
        expect(findings(athenaResultsBucketPublicAccessBlock, s)[0]!.message).toContain(`leaves restrictPublicBuckets off in "query-results-public-access"`);
    });
});

describe("athena-results-bucket-no-public-grants", () => {
    it("reports a public-read ACL and an unconditional Allow to everyone", () => {
        const s = investigation("deployed");
        s.aspect(ACL, "query-results-acl", { acl: "public-read" });
        s.aspect(BUCKET_POLICY, "query-results-policy", { policy: document({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::query-results-123456789012/*" }) });
        const messages = findings(athenaResultsBucketNoPublicGrants, s).map((f) => f.message);
        expect(messages).toHaveLength(2);
        expect(messages[0]).toContain(`has the canned ACL "public-read" (set in "query-results-acl")`);
        expect(messages[1]).toContain(`allows s3:GetObject to every principal ("*") without a condition`);
    });
});

describe("athena-results-bucket-sse-kms", () => {
    it("reports no default encryption and SSE-S3", () => {
        expect(findings(athenaResultsBucketEncryption, investigation("deployed"))[0]!.message).toContain("has no default encryption configuration");
        const s = investigation("deployed");
        s.aspect(ENCRYPTION, "query-results-encryption", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
        expect(findings(athenaResultsBucketEncryption, s)[0]!.message).toContain(`encrypts with "AES256"; use sseAlgorithm "aws:kms"`);
    });
});

describe("athena-results-bucket-tls-only", () => {
    it("reports a missing policy, and a policy without the TLS deny", () => {
        expect(findings(athenaResultsBucketTlsOnly, investigation("deployed"))[0]!.message).toContain("has no bucket policy");
        const s = investigation("deployed");
        s.aspect(BUCKET_POLICY, "query-results-policy", { policy: document({ Sid: "Nothing", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::query-results-123456789012" }) });
        expect(findings(athenaResultsBucketTlsOnly, s)[0]!.message).toContain("'s policy does not deny requests without TLS");
    });
});

describe("athena-workgroup-enforced-encryption", () => {
    it("passes an enforced SSE_KMS or CSE_KMS workgroup", () => {
        for (const mode of MODES) {
            for (const encryptionOption of ["SSE_KMS", "CSE_KMS"]) expect(findings(athenaWorkgroupEnforcedEncryption, investigation(mode, { encryptionOption })), `${mode} ${encryptionOption}`).toEqual([]);
        }
    });

    it("reports a workgroup that lets clients override it, and one that encrypts with SSE_S3", () => {
        const unenforced = findings(athenaWorkgroupEnforcedEncryption, investigation("deployed", { enforce: false }));
        expect(unenforced.map((f) => f.message)).toEqual([
            `Athena workgroup "investigations" (in a stack that queries CloudTrail logs) sets enforceWorkgroupConfiguration false: a client can pick another result location or drop encryption; set it to true.`,
        ]);
        const s3 = findings(athenaWorkgroupEnforcedEncryption, investigation("preview", { encryptionOption: "SSE_S3" }));
        expect(s3.map((f) => f.message)).toEqual([
            `Athena workgroup "investigations" (in a stack that queries CloudTrail logs) encrypts query results with SSE_S3; use SSE_KMS (or CSE_KMS) with a customer managed key.`,
        ]);
    });

    it("judges no workgroup of a stack without a CloudTrail table", () => {
        expect(findings(athenaWorkgroupEnforcedEncryption, investigation("deployed", { table: "none", enforce: false, encryptionOption: "SSE_S3" }))).toEqual([]);
    });
});
