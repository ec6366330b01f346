// In-process unit tests of cloudtrail-production-protection (policies/src/policies/protection.ts): in
// production stacks the trail, its bucket and its KMS key need the `protect` resource option. A stack
// is production by the `production` setting, a stack tag, or the trail's AWS tags. Small stacks built
// in memory, in preview and as deployed.
import { describe, expect, it } from "vitest";
import { RenderedStack, UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { auditResourcesProtected } from "../../../policies/src/policies/protection";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const POLICY = "cloudtrail-production-protection";
const PRODUCTION = { production: true };

interface Options {
    mode?: "preview" | "deployed";
    protect?: boolean;
    trailInputs?: Record<string, unknown>;
    bucketType?: string;
}

/** A trail writing to its bucket (by `bucket.id`) and encrypting with its key (by `key.arn`). */
function auditStack({ mode = "deployed", protect = false, trailInputs = {}, bucketType = BUCKET }: Options = {}) {
    const stack = new InMemoryStack(mode);
    const key = stack.add(KEY, "audit-key", { enableKeyRotation: true }, { protect });
    const bucket = stack.add(bucketType, "audit-logs", {}, { protect });
    const trail = stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id"), kmsKeyId: stack.ref(key, "arn"), ...trailInputs }, { protect });
    return { rendered: stack.rendered(), key, bucket, trail };
}

function unprotected(resources: { trail: { urn: string }; bucket: { urn: string }; key: { urn: string } }, trail = "audit") {
    const finding = (urn: string, message: string) => ({ policy: POLICY, enforcementLevel: "mandatory", urn, message });
    return [
        finding(resources.trail.urn, `Production trail "${trail}" is not protected; add the resource option protect: true.`),
        finding(resources.bucket.urn, `Production bucket "audit-logs" of trail "${trail}" is not protected; add the resource option protect: true.`),
        finding(resources.key.urn, `Production KMS key "audit-key" of trail "${trail}" is not protected; add the resource option protect: true.`),
    ];
}

/** The findings with stack tags, which the engine passes from `pulumi stack tag set`. */
function runWithStackTags(rendered: RenderedStack, tags: Record<string, string>, config: Record<string, unknown> = {}) {
    return runPolicy(auditResourcesProtected, rendered, config, tags).map(({ message, urn }) => ({ message, urn }));
}

describe("cloudtrail-production-protection", () => {
    it("passes a stack that is not production, protected or not", () => {
        expect(runPolicy(auditResourcesProtected, auditStack().rendered)).toEqual([]);
        expect(runPolicy(auditResourcesProtected, auditStack({ trailInputs: { tags: { environment: "dev" } } }).rendered)).toEqual([]);
    });

    it("passes a production stack whose trail, bucket and key are protected, in preview and deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            expect(runPolicy(auditResourcesProtected, auditStack({ mode, protect: true }).rendered, PRODUCTION), mode).toEqual([]);
        }
    });

    it("blocks each unprotected member of a production trail, in preview as deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const resources = auditStack({ mode });
            expect(runPolicy(auditResourcesProtected, resources.rendered, PRODUCTION), mode).toEqual(unprotected(resources));
        }
    });

    it("names only the members that lack protect", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "audit-key", {}, { protect: true });
        const bucket = stack.add(BUCKET_V2, "audit-logs", {});
        stack.add(TRAIL, "audit", { s3BucketName: stack.ref(bucket, "id"), kmsKeyId: stack.ref(key, "arn") }, { protect: true });
        expect(runPolicy(auditResourcesProtected, stack.rendered(), PRODUCTION).map((f) => [f.urn, f.message])).toEqual([
            [bucket.urn, 'Production bucket "audit-logs" of trail "audit" is not protected; add the resource option protect: true.'],
        ]);
    });

    it("treats a trail tagged as production as production, case-insensitively, in tags or tagsAll", () => {
        for (const trailInputs of [{ tags: { Environment: "Prod" } }, { tagsAll: { ENV: "production" } }, { tags: { "trailguard:environment": "PRODUCTION" } }, { tags: { stage: "prod" } }]) {
            const resources = auditStack({ trailInputs });
            expect(runPolicy(auditResourcesProtected, resources.rendered), JSON.stringify(trailInputs)).toEqual(unprotected(resources));
        }
    });

    it("treats a stack tagged as production as production", () => {
        const resources = auditStack();
        expect(runWithStackTags(resources.rendered, { Environment: "Production" })).toEqual(
            unprotected(resources).map(({ urn, message }) => ({ urn, message })),
        );
        expect(runWithStackTags(resources.rendered, { environment: "staging" })).toEqual([]);
    });

    it("does not take computed tags for production", () => {
        const tags = { tags: UNKNOWN_VALUE, tagsAll: { environment: UNKNOWN_VALUE } };
        expect(runPolicy(auditResourcesProtected, auditStack({ mode: "preview", trailInputs: tags }).rendered)).toEqual([]);
    });

    it("judges each trail by its own tags", () => {
        const stack = new InMemoryStack();
        stack.add(TRAIL, "dev", { s3BucketName: "dev-logs", tags: { env: "dev" } });
        const prod = stack.add(TRAIL, "prod", { s3BucketName: "prod-logs", tags: { env: "prod" } });
        expect(runPolicy(auditResourcesProtected, stack.rendered()).map((f) => [f.urn, f.message])).toEqual([
            [prod.urn, 'Production trail "prod" is not protected; add the resource option protect: true.'],
        ]);
    });

    it("leaves alone a bucket and key outside the stack", () => {
        const stack = new InMemoryStack();
        const trail = stack.add(TRAIL, "audit", { s3BucketName: "org-audit-logs", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
        expect(runPolicy(auditResourcesProtected, stack.rendered(), PRODUCTION).map((f) => f.urn)).toEqual([trail.urn]);
    });

    it("joins the bucket by its known name and the key through an alias", () => {
        const stack = new InMemoryStack();
        const key = stack.add(KEY, "audit-key", {});
        const alias = stack.add(ALIAS, "audit-key-alias", { name: "alias/audit", targetKeyId: stack.ref(key, "keyId") }, { protect: true });
        const bucket = stack.add(BUCKET, "audit-logs", { bucket: "acme-audit-logs" });
        const trail = stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", kmsKeyId: stack.ref(alias, "arn") });
        expect(runPolicy(auditResourcesProtected, stack.rendered(), PRODUCTION)).toEqual(unprotected({ trail, bucket, key }));
    });

    it("takes the tag keys and values that mean production from its settings", () => {
        const resources = auditStack({ trailInputs: { tags: { Tier: "Live", environment: "prod" } } });
        const config = { productionTagKeys: ["tier"], productionTagValues: ["live"] };
        expect(runPolicy(auditResourcesProtected, resources.rendered, config)).toEqual(unprotected(resources));
        expect(runPolicy(auditResourcesProtected, resources.rendered, { productionTagKeys: ["tier"] })).toEqual([]);
        const untagged = auditStack();
        expect(runWithStackTags(untagged.rendered, { Tier: "LIVE" }, config)).toHaveLength(3);
        expect(runWithStackTags(untagged.rendered, { environment: "prod" }, config)).toEqual([]);
    });

    it("reports a setting of the wrong type, naming the key and the value", () => {
        const { rendered, key } = auditStack();
        expect(runPolicy(auditResourcesProtected, rendered, { productionTagKeys: "env" })).toEqual([
            {
                policy: POLICY,
                enforcementLevel: "mandatory",
                urn: key.urn,
                message: 'invalid config for policy "cloudtrail-production-protection", key "productionTagKeys": "env" is not a list; expected an array of strings',
            },
        ]);
    });
});
