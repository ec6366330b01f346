// The evaluator the policy proofs rely on: the known iam-simulate defect it works around (pinned, so
// a library fix is noticed), the behaviour of the work-around, and the licence boundary (the
// AGPL-3.0 library is a test-only devDependency that shipped code never imports).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { trailguardRoot } from "../../cli/trailguardRoot";
import { ANONYMOUS, evaluate, EvaluationRequest, PolicyUnderTest, runValidated } from "./iamEvaluator";

const ACCOUNT = "123456789012";
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/audit`;
const OTHER_TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/other`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const CONTEXT_KEY = "kms:EncryptionContext:aws:cloudtrail:arn";

const keyPolicy: PolicyUnderTest = {
    kind: "resource",
    name: "key policy",
    document: {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudTrailEncryptsThisTrail",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: { StringEquals: { [CONTEXT_KEY]: TRAIL } },
            },
        ],
    },
};

function generateDataKey(context: Record<string, string>): EvaluationRequest {
    return { principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", resource: KEY, resourceAccount: ACCOUNT, context };
}

describe("iam-simulate: kms:EncryptionContext keys", () => {
    it("runSimulation drops kms:EncryptionContext:* keys (known defect; when this fails the library is fixed and the work-around can go)", async () => {
        const matching = await runValidated(generateDataKey({ [CONTEXT_KEY]: TRAIL }), keyPolicy);
        expect(matching.droppedKeys).toEqual([CONTEXT_KEY]);
        // The request AWS would allow is denied, because the condition never sees the key.
        expect(matching.decision).toBe("ImplicitlyDenied");
    });

    it("the work-around evaluates the encryption context: a matching context is allowed", async () => {
        const result = await evaluate(generateDataKey({ [CONTEXT_KEY]: TRAIL }), keyPolicy);
        expect(result.decision).toBe("Allowed");
        expect(result.droppedKeys).toEqual([CONTEXT_KEY]);
    });

    it("the work-around evaluates the encryption context: a mismatching or missing context is denied", async () => {
        expect((await evaluate(generateDataKey({ [CONTEXT_KEY]: OTHER_TRAIL }), keyPolicy)).decision).toBe("ImplicitlyDenied");
        expect((await evaluate(generateDataKey({}), keyPolicy)).decision).toBe("ImplicitlyDenied");
    });

    it("the work-around honours other condition operators on the encryption context (ArnLike, StringLike)", async () => {
        const like: PolicyUnderTest = {
            ...keyPolicy,
            document: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AnyTrailOfTheAccount",
                        Effect: "Allow",
                        Principal: { Service: "cloudtrail.amazonaws.com" },
                        Action: "kms:GenerateDataKey*",
                        Resource: "*",
                        Condition: { StringLike: { [CONTEXT_KEY]: `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } },
                    },
                ],
            },
        };
        expect((await evaluate(generateDataKey({ [CONTEXT_KEY]: OTHER_TRAIL }), like)).decision).toBe("Allowed");
        expect((await evaluate(generateDataKey({ [CONTEXT_KEY]: "arn:aws:cloudtrail:eu-west-1:999999999999:trail/x" }), like)).decision).toBe(
            "ImplicitlyDenied",
        );
    });

    it("still refuses any other key the validated run would drop, so typos cannot vanish silently", async () => {
        await expect(evaluate(generateDataKey({ "aws:SourceArnn": TRAIL }), keyPolicy)).rejects.toThrow(/aws:SourceArnn/);
    });

    it("agrees with runSimulation whenever nothing was dropped", async () => {
        const bucketPolicy: PolicyUnderTest = {
            kind: "resource",
            name: "bucket policy",
            document: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            },
        };
        for (const secure of ["true", "false"]) {
            const request: EvaluationRequest = {
                principal: ANONYMOUS,
                action: "s3:GetObject",
                resource: "arn:aws:s3:::b/k",
                resourceAccount: ACCOUNT,
                context: { "aws:SecureTransport": secure },
            };
            const result = await evaluate(request, bucketPolicy);
            expect(result.droppedKeys).toEqual([]);
            expect(result.decision).toBe(result.validatedDecision);
            expect(result.decision).toBe(secure === "true" ? "ImplicitlyDenied" : "ExplicitlyDenied");
        }
    });
});

describe("iam-simulate: principals", () => {
    const topicArn = `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`;
    const topicPolicy: PolicyUnderTest = {
        kind: "resource",
        name: "topic policy",
        document: {
            Version: "2012-10-17",
            Statement: [
                { Sid: "Alarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "SNS:Publish", Resource: topicArn },
                { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "SNS:Publish", Resource: topicArn },
            ],
        },
    };
    const publish = (principal: string): EvaluationRequest => ({ principal, action: "SNS:Publish", resource: topicArn, resourceAccount: ACCOUNT, context: {} });

    it("allows a service principal on the resource policy alone (a service has no identity policy)", async () => {
        expect((await evaluate(publish("cloudwatch.amazonaws.com"), topicPolicy)).decision).toBe("Allowed");
        expect((await evaluate(publish("events.amazonaws.com"), topicPolicy)).decision).toBe("ImplicitlyDenied");
    });

    it("models another account's principal as allowed by its own account, so only the resource policy decides", async () => {
        expect((await evaluate(publish("arn:aws:iam::999999999999:root"), topicPolicy)).decision).toBe("Allowed");
        expect((await evaluate(publish("arn:aws:iam::888888888888:root"), topicPolicy)).decision).toBe("ImplicitlyDenied");
    });
});

describe("iam-simulate licence boundary (AGPL-3.0: test-only)", () => {
    const root = trailguardRoot();
    const LIBRARY = "@cloud-copilot/";
    const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "test", "dist", "coverage", ".vitest"]);
    const CODE = /\.(ts|js|mjs|cjs|json)$/;

    function shippedFiles(dir: string): string[] {
        return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                const relative = path.relative(root, full);
                return SKIPPED_DIRECTORIES.has(entry.name) || relative === path.join("policies", "bin") ? [] : shippedFiles(full);
            }
            return CODE.test(entry.name) ? [full] : [];
        });
    }

    it("is not referenced by any file outside test/ (besides the root package manifests)", () => {
        const manifests = new Set([path.join(root, "package.json"), path.join(root, "package-lock.json")]);
        const offenders = shippedFiles(root)
            .filter((file) => !manifests.has(file))
            .filter((file) => fs.readFileSync(file, "utf8").includes(LIBRARY))
            .map((file) => path.relative(root, file));
        expect(offenders).toEqual([]);
    });

    it("is a devDependency pinned to an exact version, never a dependency", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith(LIBRARY))).toEqual([]);
        expect(manifest.devDependencies["@cloud-copilot/iam-simulate"]).toMatch(/^\d+\.\d+\.\d+$/);
    });
});
