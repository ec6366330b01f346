// The checks every bucket that holds audit data gets, whatever its role: the trail's archive
// (archiveBucket.ts) and the results bucket of an Athena workgroup that queries it
// (athenaResultsBucket.ts). One function per concern, so a bucket of either role is judged alike;
// each policy names the role in its messages through `label`.
import { deniesInsecureTransport, hasCondition, Statement, statementsOf } from "../policyDocumentReader";
import { type Report, undecided } from "../policyDefinition";
import { inlineEncryption, JoinedBucket, Node, StackGraph, TYPES } from "../stackGraph";
import { at, bool, gather, isUnknown, items, show, UNKNOWN, Unknown } from "../values";

const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** A bucket's BucketPublicAccessBlock, or the account's AccountPublicAccessBlock: both have the four flags. */
type PublicAccessBlockNode = Node<typeof TYPES.publicAccessBlock | typeof TYPES.accountPublicAccessBlock>;

/** All four Block Public Access flags, on the bucket's own block or the account's. */
export function checkPublicAccessBlock(graph: StackGraph, bucket: JoinedBucket, label: string, report: Report): void {
    const account = graph.ofType(TYPES.accountPublicAccessBlock);
    const blocks = [...(bucket.aspects.get("publicAccessBlock") ?? []), ...account];
    const off = (block: PublicAccessBlockNode) => PUBLIC_ACCESS_FLAGS.filter((flag) => bool(block.props[flag]) !== true && !isUnknown(block.props[flag]));
    if (blocks.some((block) => off(block).length === 0)) return;
    const message =
        blocks.length === 0
            ? `${label} has no BucketPublicAccessBlock; add one with ${PUBLIC_ACCESS_FLAGS.join(", ")} all true.`
            : `${label} leaves ${off(blocks[0]).join(", ")} off in "${blocks[0].name}"; set all four to true.`;
    report({ urn: blocks[0]?.urn ?? bucket.bucket.urn, message });
}

const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

/** No public canned ACL, no grant to AllUsers or AuthenticatedUsers, no unconditional Allow to "*". */
export function checkNoPublicGrants(bucket: JoinedBucket, label: string, report: Report): void {
    const acls: [Node, unknown, unknown][] = [
        [bucket.bucket, bucket.bucket.props.acl, bucket.bucket.props.grants],
        ...(bucket.aspects.get("acl") ?? []).map((n): [Node, unknown, unknown] => [n, n.props.acl, at(n.props.accessControlPolicy, "grants")]),
    ];
    for (const [node, acl, grants] of acls) {
        if (typeof acl === "string" && PUBLIC_ACLS.has(acl)) {
            report({ urn: node.urn, message: `${label} has the canned ACL "${acl}" (set in "${node.name}"); use "private".` });
        }
        for (const grant of items(grants)) {
            const uri = at(grant, "uri") ?? at(grant, "grantee", "uri");
            if (typeof uri === "string" && PUBLIC_GROUPS.includes(uri)) {
                report({ urn: node.urn, message: `${label} grants ${permissionsText(grant)} to ${uri.split("/").pop()} (in "${node.name}"); remove the grant.` });
            }
        }
    }
    for (const [node, statements] of bucketPolicies(bucket)) {
        if (statements === UNKNOWN) continue;
        for (const statement of statements) {
            if (statement.effect !== "Allow" || !statement.anyPrincipal || hasCondition(statement)) continue;
            report({
                urn: node.urn,
                message: `${label}'s policy (in "${node.name}") allows ${statement.actionsAsWritten.join(", ")} to every principal ("*") without a condition; name the principals.`,
            });
        }
    }
}

/** A grant's permissions as written: BucketAclV2's `permission`, or the inline grant's `permissions` list. */
function permissionsText(grant: unknown): string {
    const permissions = [...gather(grant, "permission"), ...gather(grant, "permissions")];
    return permissions.map((p) => (typeof p === "string" && !isUnknown(p) ? p : show(p))).join(", ") || "access";
}

/** The bucket's policy documents: the inline `policy` and every BucketPolicy joined to it. */
function bucketPolicies(bucket: JoinedBucket): [Node, Statement[] | Unknown][] {
    const out: [Node, Statement[] | Unknown][] = [];
    for (const node of [bucket.bucket, ...(bucket.aspects.get("policy") ?? [])]) {
        const statements = statementsOf(node.props.policy);
        if (statements !== undefined) out.push([node, statements]);
    }
    return out;
}

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** Default encryption with a KMS key (SSE-KMS or DSSE-KMS), not SSE-S3 or none. */
export function checkKmsEncryption(bucket: JoinedBucket, label: string, report: Report): void {
    const algorithms: unknown[] = [];
    for (const node of bucket.aspects.get("encryption") ?? []) {
        if (isUnknown(node.props.rules)) algorithms.push(UNKNOWN);
        for (const rule of items(node.props.rules)) algorithms.push(at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"));
    }
    for (const { settings } of inlineEncryption(bucket.bucket)) algorithms.push(at(settings, "sseAlgorithm"));
    if (algorithms.some((a) => typeof a === "string" && KMS_ALGORITHMS.has(a))) return;
    if (algorithms.some(isUnknown)) {
        report(undecided(label, "its default encryption", "it encrypts with KMS", bucket.bucket.urn));
        return;
    }
    const found = algorithms.filter((a) => typeof a === "string");
    report({
        urn: bucket.bucket.urn,
        message:
            found.length === 0
                ? `${label} has no default encryption configuration (S3 falls back to SSE-S3); add a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and the audit KMS key.`
                : `${label} encrypts with ${found.map((a) => `"${String(a)}"`).join(", ")}; use sseAlgorithm "aws:kms" with a customer managed key.`,
    });
}

/** A bucket policy that denies every request without TLS. */
export function checkTlsOnly(bucket: JoinedBucket, label: string, report: Report): void {
    const policies = bucketPolicies(bucket);
    if (policies.some(([, statements]) => statements !== UNKNOWN && statements.some(deniesInsecureTransport))) return;
    const computed = policies.find(([, statements]) => statements === UNKNOWN);
    if (computed) {
        // Preview cannot see a policy built from computed values (an ARN through jsonStringify): say so.
        report({
            urn: computed[0].urn,
            unverified: true,
            message: `${label}'s policy is computed, so whether it denies requests without TLS is known only after \`pulumi up\`; build it from names known before deployment to have it checked in preview.`,
        });
        return;
    }
    report({
        urn: policies[0]?.[0].urn ?? bucket.bucket.urn,
        message:
            policies.length === 0
                ? `${label} has no bucket policy; add a BucketPolicy that denies s3:* when aws:SecureTransport is "false".`
                : `${label}'s policy does not deny requests without TLS; add a Deny of s3:* for "*" when aws:SecureTransport is "false".`,
    });
}
