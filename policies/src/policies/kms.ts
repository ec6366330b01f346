// KMS keys: rotation and key policies on every key (Analyze), the deletion window of the keys that
// protect the audit trail (AnalyzeStack, since which keys those are is a matter of references).
import { cisV14, cisV30, nist, pciDss, securityHub } from "../frameworks";
import { hasCondition, statementsOf } from "../policyDocumentReader";
import { resourcePolicy, stackPolicy, undecided } from "../policyDefinition";
import type { KmsKeyProperties } from "../resourceProperties";
import { inlineEncryption, KMS_KEY_TYPES, KmsKeyNode, StackGraph, TYPES } from "../stackGraph";
import { bool, num, show, str, UNKNOWN } from "../values";

const SYMMETRIC = "SYMMETRIC_DEFAULT";

export const kmsKeyRotation = resourcePolicy(
    {
        name: "kms-key-rotation",
        displayName: "KMS key rotation",
        description: "Symmetric customer managed KMS keys must rotate their key material yearly.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Set `enableKeyRotation: true` on the aws.kms.Key. With enforcement level `remediate` the pack sets it during `pulumi up`.",
        references: [cisV14("3.8"), cisV30("3.6"), securityHub("KMS.4"), pciDss("3.7.4"), nist("SC-12")],
    },
    [TYPES.kmsKey],
    (key, _settings, report) => {
        if (!rotatable(key.props)) return;
        const rotation = bool(key.props.enableKeyRotation);
        if (rotation === true) return;
        if (rotation === UNKNOWN) return report(undecided(`KMS key "${key.name}"`, "enableKeyRotation", "it rotates"));
        report({ message: `KMS key "${key.name}" does not rotate (enableKeyRotation is ${show(key.props.enableKeyRotation)}); set enableKeyRotation: true.` });
    },
    (key) => (rotatable(key.props) && bool(key.props.enableKeyRotation) !== true ? { ...key.props, enableKeyRotation: true } : undefined),
);

/** AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot be rotated. */
function rotatable(props: KmsKeyProperties): boolean {
    const spec = str(props.customerMasterKeySpec);
    const usage = str(props.keyUsage);
    return (spec === undefined || spec === SYMMETRIC) && (usage === undefined || usage === "ENCRYPT_DECRYPT");
}

export const kmsKeyPolicyNoPublicAccess = resourcePolicy(
    {
        name: "kms-key-policy-no-public-access",
        displayName: "No KMS key open to everyone",
        description: "A key policy must not allow kms:* to any principal (\"*\") without a condition that narrows it.",
        severity: "critical",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Grant kms:* only to the account root (arn:aws:iam::<account>:root) or named roles; give services such as cloudtrail.amazonaws.com only the actions they need, with aws:SourceArn or kms:EncryptionContext conditions.",
        references: [securityHub("KMS.5"), pciDss("3.6.1"), nist("AC-3"), nist("AU-9")],
    },
    [TYPES.kmsKey, TYPES.kmsKeyPolicy],
    (key, _settings, report) => {
        const statements = statementsOf(key.props.policy);
        if (statements === undefined) return;
        if (statements === UNKNOWN) return report(undecided(`KMS key "${key.name}"`, "its key policy", "it opens kms:* to every principal"));
        for (const statement of statements) {
            if (statement.effect !== "Allow" || !statement.anyPrincipal || hasCondition(statement)) continue;
            if (!statement.actions.some((a) => a === "*" || a === "kms:*")) continue;
            const sid = statement.sid ? ` (statement "${statement.sid}")` : "";
            report({
                message: `KMS key policy of "${key.name}"${sid} allows kms:* to every principal without a condition; name the principals (e.g. the account root) or add a condition.`,
            });
        }
    },
);

/** The keys that encrypt the audit trail: the trail's, its bucket's and its log group's. */
function auditKeys(graph: StackGraph): Map<KmsKeyNode, string> {
    const keys = new Map<KmsKeyNode, string>();
    const add = (key: KmsKeyNode | undefined, role: string) => {
        if (key && !keys.has(key)) keys.set(key, role);
    };
    for (const audit of graph.trails()) {
        add(audit.key, `encrypts the log files of trail "${audit.trail.name}"`);
        if (audit.bucket) {
            const role = `encrypts bucket "${audit.bucket.bucket.name}"`;
            for (const encryption of audit.bucket.aspects.get("encryption") ?? []) add(graph.followToType(encryption, "rules", KMS_KEY_TYPES), role);
            // Inline on the bucket: Bucket's serverSideEncryptionConfiguration or BucketV2's serverSideEncryptionConfigurations.
            for (const property of new Set(inlineEncryption(audit.bucket.bucket).map((e) => e.property))) {
                add(graph.followToType(audit.bucket.bucket, property, KMS_KEY_TYPES), role);
            }
        }
        if (audit.logGroup) add(graph.resolveKey(audit.logGroup, "kmsKeyId"), `encrypts log group "${audit.logGroup.name}"`);
    }
    return keys;
}

export interface DeletionWindowSettings {
    minimumDays: number;
}

export const kmsKeyDeletionWindow = stackPolicy<DeletionWindowSettings>(
    {
        name: "kms-audit-key-deletion-window",
        displayName: "Audit keys keep a long deletion window",
        description: "KMS keys that encrypt audit logs must wait long enough before deletion for someone to notice and cancel it.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps: "Set `deletionWindowInDays` on the aws.kms.Key to at least the configured minimum (AWS allows 7–30; the default is 30).",
        references: [securityHub("KMS.3"), pciDss("3.6.1"), nist("AU-9"), nist("SC-12")],
        settings: {
            minimumDays: {
                type: "integer",
                description: "Shortest acceptable deletionWindowInDays for keys that encrypt audit logs.",
                default: 30,
                minimum: 7,
                maximum: 30,
            },
        },
    },
    TYPES.trail,
    ({ graph }, settings, report) => {
        for (const [key, role] of auditKeys(graph)) {
            const days = num(key.props.deletionWindowInDays);
            if (days === UNKNOWN) {
                report(undecided(`KMS key "${key.name}"`, "deletionWindowInDays", `it waits at least ${settings.minimumDays} days before deletion`, key.urn));
                continue;
            }
            if (days === undefined || days >= settings.minimumDays) continue;
            report({
                urn: key.urn,
                message: `KMS key "${key.name}" ${role} but can be deleted after ${days} days; set deletionWindowInDays to at least ${settings.minimumDays}.`,
            });
        }
    },
);
