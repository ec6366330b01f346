// The audit key, the log archive bucket and the access-log bucket, resource by resource, for every
// stack in stacks/, in preview and as deployed.
import { beforeAll, describe, expect, it } from "vitest";
import {
    ACCOUNT_ID,
    asList,
    BaselineView,
    expectReference,
    MODES,
    ORGANIZATION_ID,
    policyOf,
    renderBaseline,
    RenderedBaseline,
    stackNames,
    statement,
    TYPES,
} from "./support/renderedBaseline";

describe.each(stackNames())("stack %s: key and buckets", (stack) => {
    let rendered: RenderedBaseline;
    beforeAll(async () => {
        rendered = await renderBaseline(stack);
    });

    describe.each(MODES)("%s", (mode) => {
        const view = (): BaselineView => rendered.byMode[mode];
        const trailArn = () => `arn:aws:cloudtrail:${rendered.region}:${ACCOUNT_ID}:trail/${rendered.settings.trail.name}`;

        describe("AuditKey", () => {
            it("is a rotating customer managed key with a 30-day deletion window and an alias", () => {
                const component = view().component(TYPES.auditKey);
                const key = view().childOf(component, TYPES.key);
                expect(key.inputs.enableKeyRotation).toBe(true);
                expect(key.inputs.deletionWindowInDays).toBe(30);
                const alias = view().childOf(component, TYPES.alias);
                expect(alias.inputs.name).toBe(`alias/${rendered.settings.namePrefix}-cloudtrail`);
                expectReference(alias, "targetKeyId", key, "keyId");
            });

            it("lets CloudTrail encrypt and describe only for this trail", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const policy = policyOf(key);
                const encrypt = statement(policy, "AllowCloudTrailToEncryptLogsOfThisTrail");
                expect(encrypt.Effect).toBe("Allow");
                expect(encrypt.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
                expect(asList(encrypt.Action)).toEqual(["kms:GenerateDataKey*"]);
                expect(encrypt.Condition?.StringEquals?.["aws:SourceArn"]).toBe(trailArn());
                expect(encrypt.Condition?.StringLike?.["kms:EncryptionContext:aws:cloudtrail:arn"]).toBe(
                    `arn:aws:cloudtrail:*:${ACCOUNT_ID}:trail/*`,
                );
                const describeKey = statement(policy, "AllowCloudTrailToDescribeKey");
                expect(asList(describeKey.Action)).toEqual(["kms:DescribeKey"]);
                expect(describeKey.Condition?.StringEquals?.["aws:SourceArn"]).toBe(trailArn());
            });

            it("lets CloudTrail decrypt for this trail only, as S3 Bucket Keys on the archive require", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const decrypt = statement(policyOf(key), "AllowCloudTrailToDecryptForS3BucketKey");
                expect(decrypt.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
                expect(asList(decrypt.Action)).toEqual(["kms:Decrypt"]);
                expect(decrypt.Condition?.StringEquals?.["aws:SourceArn"]).toBe(trailArn());
            });

            it("lets CloudWatch Logs use it for the trail's log group only", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const logs = statement(policyOf(key), "AllowCloudWatchLogsForTheTrailLogGroup");
                expect(logs.Principal).toEqual({ Service: `logs.${rendered.region}.amazonaws.com` });
                expect(asList(logs.Action)).toEqual(
                    expect.arrayContaining(["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"]),
                );
                const logGroup = view().childOf(view().component(TYPES.auditTrail), TYPES.logGroup);
                // The encryption context holds the group ARN without ':*'.
                expect(logs.Condition?.ArnEquals?.["kms:EncryptionContext:aws:logs:arn"]).toBe(
                    `arn:aws:logs:${rendered.region}:${ACCOUNT_ID}:log-group:${logGroup.inputs.name}`,
                );
            });

            it("lets alarms use it for the alert topic only, enforcing the source keys whenever sent", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const alarms = statement(policyOf(key), "AllowCloudWatchAlarmsToPublishToEncryptedTopic");
                expect(alarms.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
                expect(asList(alarms.Action).sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
                // IfExists: a source key CloudWatch did not send must never silence the alarms.
                const topic = view().childOf(view().component(TYPES.alertTopic), TYPES.topic);
                expect(alarms.Condition).toEqual({
                    StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": `arn:aws:sns:${rendered.region}:${ACCOUNT_ID}:${topic.inputs.name}` },
                    StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT_ID },
                    ArnLikeIfExists: { "aws:SourceArn": `arn:aws:cloudwatch:${rendered.region}:${ACCOUNT_ID}:alarm:${rendered.settings.namePrefix}-alarm-*` },
                });
            });

            it("lets principals of this account decrypt log files, conditioned on kms:CallerAccount", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const decrypt = statement(policyOf(key), "AllowAccountPrincipalsToDecryptLogFiles");
                expect(asList(decrypt.Action)).toContain("kms:Decrypt");
                expect(decrypt.Condition?.StringEquals?.["kms:CallerAccount"]).toBe(ACCOUNT_ID);
            });

            it("grants kms:* only to the account root, and nothing to a wildcard principal without conditions", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const policy = policyOf(key);
                const admin = statement(policy, "EnableAccountAdministration");
                expect(admin.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT_ID}:root` });
                for (const s of policy.Statement) {
                    const wildcard =
                        s.Principal === "*" || asList((s.Principal as { AWS?: string | string[] })?.AWS).includes("*");
                    if (wildcard) expect(s.Condition, `${s.Sid} has conditions`).toBeDefined();
                    if (asList(s.Action).includes("kms:*")) {
                        expect(s.Principal, `${s.Sid}: kms:* only for the account root`).toEqual({
                            AWS: `arn:aws:iam::${ACCOUNT_ID}:root`,
                        });
                    }
                }
            });

            it("lets CloudTrail use the key for its delivery topic exactly when delivery notifications are on", () => {
                const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
                const sids = policyOf(key).Statement.map((s) => s.Sid);
                expect(sids.includes("AllowCloudTrailToPublishToEncryptedDeliveryTopic")).toBe(
                    rendered.settings.trail.deliveryNotifications,
                );
                if (!rendered.settings.trail.deliveryNotifications) return;
                // Never without an encryption context: that would let CloudTrail generate data keys
                // without aws:cloudtrail:arn and undo the log-encryption statement's restriction.
                const delivery = statement(policyOf(key), "AllowCloudTrailToPublishToEncryptedDeliveryTopic");
                const topic = view().childOf(view().component(TYPES.auditTrail), TYPES.topic);
                expect(delivery.Condition).toEqual({
                    StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": `arn:aws:sns:${rendered.region}:${ACCOUNT_ID}:${topic.inputs.name}` },
                });
            });
        });

        describe("LogArchiveBucket", () => {
            const archive = () => view().component(TYPES.archive);
            const bucket = () => view().childOf(archive(), TYPES.bucket);
            const key = () => view().childOf(view().component(TYPES.auditKey), TYPES.key);

            it("is named from the prefix and account, and only force-destroyable where settings allow", () => {
                expect(bucket().inputs.bucket).toBe(`${rendered.settings.namePrefix}-cloudtrail-${ACCOUNT_ID}`);
                expect(bucket().inputs.forceDestroy).toBe(rendered.settings.protection.forceDestroy);
            });

            it("is versioned", () => {
                const versioning = view().configuring(bucket(), TYPES.versioning);
                expect(versioning.parent).toBe(archive().urn);
                expect(versioning.inputs.versioningConfiguration).toEqual({ status: "Enabled" });
            });

            it("encrypts with SSE-KMS under the audit key, with S3 Bucket Keys", () => {
                const sse = view().configuring(bucket(), TYPES.encryption);
                expect(sse.parent).toBe(archive().urn);
                const rules = sse.inputs.rules as any[];
                expect(rules).toHaveLength(1);
                expect(rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).toBe("aws:kms");
                expect(rules[0].bucketKeyEnabled).toBe(true);
                expect(sse.propertyDependencies.rules).toContain(key().urn);
                if (mode === "deployed") {
                    expect(rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId).toBe(key().outputs.arn);
                }
            });

            it("blocks all public access and disables ACLs", () => {
                const pab = view().configuring(bucket(), TYPES.publicAccessBlock);
                for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
                    expect(pab.inputs[flag], flag).toBe(true);
                }
                const ownership = view().configuring(bucket(), TYPES.ownership);
                expect(ownership.inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
            });

            it("has a policy that denies non-TLS requests and admits CloudTrail only for this trail", () => {
                const policyResource = view().configuring(bucket(), TYPES.bucketPolicy);
                const policy = policyOf(policyResource);
                const bucketArn = `arn:aws:s3:::${bucket().inputs.bucket}`;
                const tls = statement(policy, "DenyInsecureTransport");
                expect(tls.Effect).toBe("Deny");
                expect(tls.Principal).toBe("*");
                expect(asList(tls.Action)).toEqual(["s3:*"]);
                expect(asList(tls.Resource).sort()).toEqual([bucketArn, `${bucketArn}/*`]);
                expect(tls.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });

                const acl = statement(policy, "AllowCloudTrailAclCheck");
                expect(acl.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
                expect(asList(acl.Action)).toEqual(["s3:GetBucketAcl"]);
                expect(asList(acl.Resource)).toEqual([bucketArn]);
                expect(acl.Condition?.StringEquals?.["aws:SourceArn"]).toBe(trailArn());

                const write = statement(policy, "AllowCloudTrailWrite");
                expect(asList(write.Action)).toEqual(["s3:PutObject"]);
                const expectedPrefixes = [`${bucketArn}/AWSLogs/${ACCOUNT_ID}/*`];
                if (rendered.settings.trail.organizationTrail) expectedPrefixes.push(`${bucketArn}/AWSLogs/${ORGANIZATION_ID}/*`);
                expect(asList(write.Resource).sort()).toEqual(expectedPrefixes.sort());
                expect(write.Condition?.StringEquals).toEqual({
                    "aws:SourceArn": trailArn(),
                    "s3:x-amz-acl": "bucket-owner-full-control",
                });
                // Nothing else is allowed: the two CloudTrail grants and the TLS deny are the whole policy.
                expect(policy.Statement.filter((s) => s.Effect === "Allow").map((s) => s.Sid).sort()).toEqual([
                    "AllowCloudTrailAclCheck",
                    "AllowCloudTrailWrite",
                ]);
            });

            it("has the lifecycle the stack's settings ask for", () => {
                const lifecycle = view().configuring(bucket(), TYPES.lifecycle);
                const archiveSettings = rendered.settings.retention.archive;
                const rules = lifecycle.inputs.rules as any[];
                expect(rules).toHaveLength(1);
                expect(rules[0].status).toBe("Enabled");
                expect(rules[0].transitions ?? []).toEqual(
                    archiveSettings.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
                );
                expect(rules[0].expiration).toEqual({ days: archiveSettings.expirationDays });
                expect(rules[0].noncurrentVersionExpiration).toEqual({
                    noncurrentDays: archiveSettings.noncurrentVersionExpirationDays,
                });
                expect(rules[0].abortIncompleteMultipartUpload).toEqual({
                    daysAfterInitiation: archiveSettings.abortIncompleteMultipartUploadDays,
                });
                // Written on the resource, not left to S3's default (docs/retention.md).
                expect(lifecycle.inputs.transitionDefaultMinimumObjectSize).toBe(archiveSettings.transitionDefaultMinimumObjectSize);
                expect(["all_storage_classes_128K", "varies_by_storage_class"]).toContain(lifecycle.inputs.transitionDefaultMinimumObjectSize);
            });

            it("has Object Lock exactly when configured, enabled at bucket creation", () => {
                const objectLock = rendered.settings.retention.objectLock;
                const configs = view().dependentsOf(bucket(), TYPES.objectLock, "bucket");
                if (!objectLock) {
                    expect(configs).toHaveLength(0);
                    expect(bucket().inputs.objectLockEnabled ?? false).toBe(false);
                    return;
                }
                expect(bucket().inputs.objectLockEnabled).toBe(true);
                expect(configs).toHaveLength(1);
                expect(configs[0]!.inputs.objectLockEnabled).toBe("Enabled");
                expect(configs[0]!.inputs.rule).toEqual({ defaultRetention: { mode: objectLock.mode, days: objectLock.days } });
            });

            it("logs server access to the access-log bucket", () => {
                const logging = view().configuring(bucket(), TYPES.logging);
                const accessBucket = view().childOf(view().component(TYPES.accessLogs), TYPES.bucket);
                expectReference(logging, "targetBucket", accessBucket, "id");
                expect(logging.inputs.targetPrefix).toBe("cloudtrail-archive/");
            });
        });

        describe("AccessLogBucket", () => {
            const component = () => view().component(TYPES.accessLogs);
            const bucket = () => view().childOf(component(), TYPES.bucket);

            it("is private, TLS-only, versioned and encrypted with SSE-S3 (what access-log delivery supports)", () => {
                expect(bucket().inputs.bucket).toBe(`${rendered.settings.namePrefix}-s3-access-logs-${ACCOUNT_ID}`);
                expect(bucket().inputs.forceDestroy).toBe(rendered.settings.protection.forceDestroy);
                const pab = view().configuring(bucket(), TYPES.publicAccessBlock);
                for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
                    expect(pab.inputs[flag], flag).toBe(true);
                }
                expect(view().configuring(bucket(), TYPES.ownership).inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
                expect(view().configuring(bucket(), TYPES.versioning).inputs.versioningConfiguration).toEqual({ status: "Enabled" });
                const rules = view().configuring(bucket(), TYPES.encryption).inputs.rules as any[];
                expect(rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
            });

            it("admits S3 log delivery only from the archive bucket of this account", () => {
                const policy = policyOf(view().configuring(bucket(), TYPES.bucketPolicy));
                const arn = `arn:aws:s3:::${bucket().inputs.bucket}`;
                expect(statement(policy, "DenyInsecureTransport").Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
                const delivery = statement(policy, "AllowServerAccessLogDeliveryFromArchiveBucket");
                expect(delivery.Principal).toEqual({ Service: "logging.s3.amazonaws.com" });
                expect(asList(delivery.Action)).toEqual(["s3:PutObject"]);
                expect(asList(delivery.Resource)).toEqual([`${arn}/cloudtrail-archive/*`]);
                const archiveBucket = view().childOf(view().component(TYPES.archive), TYPES.bucket);
                expect(delivery.Condition?.ArnLike?.["aws:SourceArn"]).toBe(`arn:aws:s3:::${archiveBucket.inputs.bucket}`);
                expect(delivery.Condition?.StringEquals?.["aws:SourceAccount"]).toBe(ACCOUNT_ID);
            });

            it("expires access logs after settings.retention.accessLogExpirationDays", () => {
                const rules = view().configuring(bucket(), TYPES.lifecycle).inputs.rules as any[];
                expect(rules).toHaveLength(1);
                expect(rules[0].status).toBe("Enabled");
                expect(rules[0].expiration).toEqual({ days: rendered.settings.retention.accessLogExpirationDays });
                expect(rules[0].noncurrentVersionExpiration?.noncurrentDays).toBeGreaterThan(0);
            });

            it("has no access logging of its own (it would log into itself)", () => {
                expect(view().dependentsOf(bucket(), TYPES.logging, "bucket")).toHaveLength(0);
            });
        });
    });
});
