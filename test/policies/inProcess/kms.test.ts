// In-process unit tests of the KMS policies (policies/src/policies/kms.ts): rotation and an open key
// policy on every key (Analyze, inputs), and the deletion window of the keys that encrypt the audit
// trail (AnalyzeStack: the trail's key, its bucket's and its log group's, found through property
// dependencies, aliases and known ARNs). Small stacks built in memory, in preview and as deployed.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { kmsKeyDeletionWindow, kmsKeyPolicyNoPublicAccess, kmsKeyRotation } from "../../../policies/src/policies/kms";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const ALIAS = "aws:kms/alias:Alias";
const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ENCRYPTION_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

function keyStack(inputs: Record<string, unknown>, mode: "preview" | "deployed" = "deployed") {
    const stack = new InMemoryStack(mode);
    const key = stack.add(KEY, "audit-key", inputs);
    return { rendered: stack.rendered(), key };
}

describe("kms-key-rotation", () => {
    it("passes a rotating key", () => {
        expect(runPolicy(kmsKeyRotation, keyStack({ enableKeyRotation: true }).rendered)).toEqual([]);
    });

    it("blocks a symmetric key that does not rotate", () => {
        const { rendered, key } = keyStack({ enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" });
        expect(runPolicy(kmsKeyRotation, rendered)).toEqual([
            {
                policy: "kms-key-rotation",
                enforcementLevel: "mandatory",
                urn: key.urn,
                message: 'KMS key "audit-key" does not rotate (enableKeyRotation is false); set enableKeyRotation: true.',
            },
        ]);
    });

    it("blocks a key that leaves the setting out (AWS defaults it to false)", () => {
        expect(runPolicy(kmsKeyRotation, keyStack({}).rendered).map((f) => f.message)).toEqual([
            'KMS key "audit-key" does not rotate (enableKeyRotation is not set); set enableKeyRotation: true.',
        ]);
    });

    it("leaves alone keys AWS cannot rotate: asymmetric and HMAC keys, signing keys", () => {
        for (const inputs of [{ customerMasterKeySpec: "RSA_2048" }, { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }]) {
            expect(runPolicy(kmsKeyRotation, keyStack({ ...inputs, enableKeyRotation: false }).rendered), JSON.stringify(inputs)).toEqual([]);
        }
    });

    it("says it cannot decide on a computed rotation; a computed key spec or usage is not taken as unrotatable", () => {
        expect(runPolicy(kmsKeyRotation, keyStack({ enableKeyRotation: UNKNOWN_VALUE }, "preview").rendered).map((f) => [f.enforcementLevel, f.message])).toEqual([
            ["advisory", 'KMS key "audit-key": enableKeyRotation is computed, so whether it rotates is known only after `pulumi up`. (cannot be verified until the value is known)'],
        ]);
        for (const inputs of [{ customerMasterKeySpec: UNKNOWN_VALUE }, { keyUsage: UNKNOWN_VALUE }]) {
            expect(runPolicy(kmsKeyRotation, keyStack({ ...inputs, enableKeyRotation: true }, "preview").rendered), JSON.stringify(inputs)).toEqual([]);
        }
    });

    it("remediates by turning rotation on, and leaves rotating or unrotatable keys alone", () => {
        const remediate = (inputs: Record<string, unknown>) => {
            const resource = keyStack(inputs).rendered.resources[0]!;
            const args = { type: KEY, name: resource.name, urn: resource.urn, props: resource.inputs, opts: { protect: false }, stackTags: new Map(), getConfig: () => ({}) };
            return (kmsKeyRotation as { remediateResource: (a: unknown) => unknown }).remediateResource(args);
        };
        expect(remediate({ enableKeyRotation: false, deletionWindowInDays: 30 })).toEqual({ enableKeyRotation: true, deletionWindowInDays: 30 });
        expect(remediate({ enableKeyRotation: true })).toBeUndefined();
        expect(remediate({ customerMasterKeySpec: "RSA_4096" })).toBeUndefined();
    });
});

describe("kms-key-policy-no-public-access", () => {
    const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
    const EVERYONE = { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" };
    const policy = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

    it("passes a key policy that names its principals", () => {
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, keyStack({ policy: policy(ROOT) }).rendered)).toEqual([]);
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, keyStack({}).rendered)).toEqual([]);
    });

    it("blocks a statement that allows kms:* to everyone without a condition", () => {
        const { rendered, key } = keyStack({ policy: policy(ROOT, EVERYONE) });
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, rendered)).toEqual([
            {
                policy: "kms-key-policy-no-public-access",
                enforcementLevel: "mandatory",
                urn: key.urn,
                message:
                    'KMS key policy of "audit-key" (statement "Everyone") allows kms:* to every principal without a condition; name the principals (e.g. the account root) or add a condition.',
            },
        ]);
    });

    it("blocks every such statement, with or without a Sid, in any spelling of everyone and of all actions", () => {
        const { rendered } = keyStack({
            policy: { Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "*" }, { Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["kms:Decrypt", "KMS:*"] }] },
        });
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, rendered).map((f) => f.message)).toEqual([
            'KMS key policy of "audit-key" allows kms:* to every principal without a condition; name the principals (e.g. the account root) or add a condition.',
            'KMS key policy of "audit-key" allows kms:* to every principal without a condition; name the principals (e.g. the account root) or add a condition.',
        ]);
    });

    it("passes everyone narrowed by a condition, a Deny, or fewer actions than kms:*", () => {
        const narrowed = [
            { ...EVERYONE, Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } },
            { ...EVERYONE, Effect: "Deny" },
            { ...EVERYONE, Action: ["kms:Encrypt", "kms:GenerateDataKey*"] },
        ];
        for (const statement of narrowed) {
            expect(runPolicy(kmsKeyPolicyNoPublicAccess, keyStack({ policy: policy(statement) }).rendered), JSON.stringify(statement)).toEqual([]);
        }
    });

    it("checks the policy of a separate aws.kms.KeyPolicy, naming it", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "audit-key", { enableKeyRotation: true });
        const keyPolicy = stack.add(KEY_POLICY, "audit-key-policy", { keyId: stack.ref(key, "id"), policy: policy(EVERYONE) });
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, stack.rendered())).toEqual([
            {
                policy: "kms-key-policy-no-public-access",
                enforcementLevel: "mandatory",
                urn: keyPolicy.urn,
                message:
                    'KMS key policy of "audit-key-policy" (statement "Everyone") allows kms:* to every principal without a condition; name the principals (e.g. the account root) or add a condition.',
            },
        ]);
    });

    it("says it cannot decide on a computed policy, or one computed from another resource's output", () => {
        const computed = 'KMS key "audit-key": its key policy is computed, so whether it opens kms:* to every principal is known only after `pulumi up`. (cannot be verified until the value is known)';
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, keyStack({ policy: UNKNOWN_VALUE }, "preview").rendered).map((f) => [f.enforcementLevel, f.message])).toEqual([["advisory", computed]]);
        const stack = new InMemoryStack("preview");
        const trail = stack.add(TRAIL, "audit", { s3BucketName: "logs" });
        const withTrailArn = stack.apply([[trail, "arn"]], (arn) => policy({ ...EVERYONE, Resource: arn }));
        stack.add(KEY, "audit-key", { policy: withTrailArn });
        stack.add(KEY, "other-key", { policy: { Statement: [{ ...EVERYONE, Principal: stack.ref(trail, "arn") }] } });
        // A policy with a computed part is undecided as a whole: a computed principal may yet be "*".
        expect(runPolicy(kmsKeyPolicyNoPublicAccess, stack.rendered()).map((f) => [f.enforcementLevel, f.message])).toEqual([
            ["advisory", computed],
            ["advisory", computed.replace('"audit-key"', '"other-key"')],
        ]);
    });
});

/** The stack's keys that encrypt the audit trail, with their deletion windows. */
describe("kms-audit-key-deletion-window", () => {
    const short = (key: { urn: string }, role: string, days = 7, minimum = 30) => ({
        policy: "kms-audit-key-deletion-window",
        enforcementLevel: "mandatory",
        urn: key.urn,
        message: `KMS key "${key.urn.split("::").pop()}" ${role} but can be deleted after ${days} days; set deletionWindowInDays to at least ${minimum}.`,
    });

    function trailKeyStack(keyInputs: Record<string, unknown>, mode: "preview" | "deployed" = "deployed") {
        const stack = new InMemoryStack(mode);
        const key = stack.add(KEY, "audit-key", { enableKeyRotation: true, ...keyInputs });
        stack.add(TRAIL, "audit", { s3BucketName: "logs", kmsKeyId: stack.ref(key, "arn") });
        return { rendered: stack.rendered(), key };
    }

    it("passes the trail's key with a 30-day window, or none set (AWS defaults it to 30)", () => {
        expect(runPolicy(kmsKeyDeletionWindow, trailKeyStack({ deletionWindowInDays: 30 }).rendered)).toEqual([]);
        expect(runPolicy(kmsKeyDeletionWindow, trailKeyStack({}).rendered)).toEqual([]);
    });

    it("blocks the trail's key with a short window, in preview as deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const { rendered, key } = trailKeyStack({ deletionWindowInDays: 7 }, mode);
            expect(runPolicy(kmsKeyDeletionWindow, rendered), mode).toEqual([short(key, 'encrypts the log files of trail "audit"')]);
        }
    });

    it("says it cannot decide on a computed window", () => {
        const { rendered, key } = trailKeyStack({ deletionWindowInDays: UNKNOWN_VALUE }, "preview");
        expect(runPolicy(kmsKeyDeletionWindow, rendered).map((f) => [f.enforcementLevel, f.urn, f.message])).toEqual([
            ["advisory", key.urn, 'KMS key "audit-key": deletionWindowInDays is computed, so whether it waits at least 30 days before deletion is known only after `pulumi up`. (cannot be verified until the value is known)'],
        ]);
    });

    it("leaves alone keys that encrypt nothing of the trail's", () => {
        const stack = new InMemoryStack();
        stack.add(KEY, "app-key", { deletionWindowInDays: 7 });
        stack.add(TRAIL, "audit", { s3BucketName: "logs" });
        expect(runPolicy(kmsKeyDeletionWindow, stack.rendered())).toEqual([]);
    });

    it("blocks the key of the trail's bucket, set by a BucketServerSideEncryptionConfiguration (or its V2)", () => {
        for (const type of [ENCRYPTION, ENCRYPTION_V2]) {
            const stack = new InMemoryStack("preview");
            const key = stack.add(KEY, "bucket-key", { deletionWindowInDays: 10 });
            const bucket = stack.add(BUCKET, "audit-logs", {});
            stack.add(type, "audit-logs-encryption", {
                bucket: stack.ref(bucket, "id"),
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: stack.ref(key, "arn") }, bucketKeyEnabled: true }],
            });
            stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id") });
            expect(runPolicy(kmsKeyDeletionWindow, stack.rendered()), type).toEqual([short(key, 'encrypts bucket "audit-logs"', 10)]);
        }
    });

    it("blocks the key of the trail's bucket set inline (legacy serverSideEncryptionConfiguration)", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "bucket-key", { deletionWindowInDays: 7 });
        const bucket = stack.add(BUCKET, "audit-logs", {
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: stack.ref(key, "arn") } } },
        });
        stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "bucket") });
        expect(runPolicy(kmsKeyDeletionWindow, stack.rendered())).toEqual([short(key, 'encrypts bucket "audit-logs"')]);
    });

    it("blocks the key of the trail's BucketV2 set inline (legacy serverSideEncryptionConfigurations)", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const stack = new InMemoryStack(mode);
            const key = stack.add(KEY, "bucket-key", { deletionWindowInDays: 7 });
            const bucket = stack.add(BUCKET_V2, "audit-logs", {
                serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: stack.ref(key, "arn") }] }] }],
            });
            stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id") });
            expect(runPolicy(kmsKeyDeletionWindow, stack.rendered()), mode).toEqual([short(key, 'encrypts bucket "audit-logs"')]);
        }
    });

    it("blocks the key of the trail's BucketV2, joined by its known name", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "bucket-key", { deletionWindowInDays: 7 });
        const bucket = stack.add(BUCKET_V2, "audit-logs", { bucket: "acme-audit-logs" });
        stack.add(ENCRYPTION_V2, "audit-logs-encryption", {
            bucket: stack.ref(bucket, "id"),
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: stack.ref(key, "arn") } }],
        });
        stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs" });
        expect(runPolicy(kmsKeyDeletionWindow, stack.rendered())).toEqual([short(key, 'encrypts bucket "audit-logs"')]);
    });

    it("blocks the key of the trail's log group", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "logs-key", { deletionWindowInDays: 14 });
        const group = stack.add(LOG_GROUP, "trail-events", { kmsKeyId: stack.ref(key, "arn") });
        stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: stack.apply([[group, "arn"]], (arn) => `${arn}:*`) });
        expect(runPolicy(kmsKeyDeletionWindow, stack.rendered())).toEqual([short(key, 'encrypts log group "trail-events"', 14)]);
    });

    it("reports a key that encrypts several parts of the trail once, for the first part", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "audit-key", { deletionWindowInDays: 7 });
        const group = stack.add(LOG_GROUP, "trail-events", { kmsKeyId: stack.ref(key, "arn") });
        stack.add(TRAIL, "audit", { s3BucketName: "logs", kmsKeyId: stack.ref(key, "arn"), cloudWatchLogsGroupArn: stack.ref(group, "arn") });
        expect(runPolicy(kmsKeyDeletionWindow, stack.rendered())).toEqual([short(key, 'encrypts the log files of trail "audit"')]);
    });

    it("follows an alias to its key: by dependency, and by the alias name written out", () => {
        for (const byName of [false, true]) {
            const stack = new InMemoryStack();
            const key = stack.add(KEY, "audit-key", { deletionWindowInDays: 7 });
            const alias = stack.add(ALIAS, "audit-key-alias", { name: "alias/audit", targetKeyId: stack.ref(key, "keyId") });
            stack.add(TRAIL, "audit", { s3BucketName: "logs", kmsKeyId: byName ? "alias/audit" : stack.ref(alias, "arn") });
            expect(runPolicy(kmsKeyDeletionWindow, stack.rendered()), `by name: ${byName}`).toEqual([short(key, 'encrypts the log files of trail "audit"')]);
        }
    });

    it("finds a deployed key by its ARN written out, and leaves alone a key outside the stack", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "audit-key", { deletionWindowInDays: 7 });
        stack.add(TRAIL, "audit", { s3BucketName: "logs", kmsKeyId: key.outputs["arn"] });
        stack.add(TRAIL, "external", { s3BucketName: "logs", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
        expect(runPolicy(kmsKeyDeletionWindow, stack.rendered())).toEqual([short(key, 'encrypts the log files of trail "audit"')]);
    });

    it("takes its minimum from the setting minimumDays", () => {
        expect(runPolicy(kmsKeyDeletionWindow, trailKeyStack({ deletionWindowInDays: 7 }).rendered, { minimumDays: 7 })).toEqual([]);
        const { rendered, key } = trailKeyStack({ deletionWindowInDays: 14 });
        expect(runPolicy(kmsKeyDeletionWindow, rendered, { minimumDays: 21 })).toEqual([short(key, 'encrypts the log files of trail "audit"', 14, 21)]);
    });

    it("reports a minimumDays outside what AWS allows (7 to 30), naming the key and the range", () => {
        const { rendered, key } = trailKeyStack({ deletionWindowInDays: 30 });
        expect(runPolicy(kmsKeyDeletionWindow, rendered, { minimumDays: 5 })).toEqual([
            {
                policy: "kms-audit-key-deletion-window",
                enforcementLevel: "mandatory",
                urn: key.urn,
                message: 'invalid config for policy "kms-audit-key-deletion-window", key "minimumDays": 5 is below the minimum; expected an integer from 7 to 30',
            },
        ]);
    });
});
