// Athena over an organization trail's logs written by hand (test/fixtures/programs/
// handwritten-investigation), in a stack that owns no trail, judged through the analyzer protocol:
// the pack finds the results bucket by its role (the bucket a workgroup writes to, in a stack with a
// Glue table over CloudTrail logs), blocks the broken variant with one finding per mistake, passes
// the compliant one, and gives a new stack's preview the verdict of its deployment.
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import type { StackVerdict } from "../../cli/analyzerClient/verdict";
import { renderStack } from "../../cli/mockEngine/renderEntryPoints";
import type { RenderedStack, RenderMode } from "../../cli/mockEngine/renderedStackFormat";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { stackConfigPath } from "../../cli/pulumiProject/stackConfigFile";
import { runPack } from "./inProcess/harness";
import { analyze, byPolicy, describeViolations, repositoryRoot, startPack, summary } from "./support";

const programDir = path.join(repositoryRoot, "test", "fixtures", "programs", "handwritten-investigation");
let pack: PolicyPackProcess;
const renders = new Map<string, Promise<RenderedStack>>();
const verdicts = new Map<string, Promise<StackVerdict>>();

function render(stack: string, mode: RenderMode): Promise<RenderedStack> {
    const key = `${stack}/${mode}`;
    if (!renders.has(key)) {
        const project = readPulumiProject(programDir);
        renders.set(key, renderStack(project, stackConfigPath(project, stack), stack, { mode }));
    }
    return renders.get(key)!;
}

function verdict(stack: string, mode: RenderMode): Promise<StackVerdict> {
    const key = `${stack}/${mode}`;
    if (!verdicts.has(key)) verdicts.set(key, render(stack, mode).then((r) => analyze(pack, r)));
    return verdicts.get(key)!;
}

beforeAll(async () => {
    pack = await startPack();
});

afterAll(async () => {
    await pack?.close();
});

const RESULTS = `Athena results bucket "athena-results" \\(of workgroup "investigations", which queries CloudTrail logs\\)`;
const WORKGROUP = `Athena workgroup "investigations" \\(in a stack that queries CloudTrail logs\\)`;

/** Every finding the broken variant must get, and nothing else. */
const BROKEN: [policy: string, message: RegExp][] = [
    ["athena-results-bucket-public-access-block", new RegExp(`^${RESULTS} has no BucketPublicAccessBlock; add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true\\.$`)],
    ["athena-results-bucket-no-public-grants", new RegExp(`^${RESULTS} has the canned ACL "public-read" \\(set in "athena-results-acl"\\); use "private"\\.$`)],
    ["athena-results-bucket-sse-kms", new RegExp(`^${RESULTS} encrypts with "AES256"; use sseAlgorithm "aws:kms" with a customer managed key\\.$`)],
    ["athena-results-bucket-tls-only", new RegExp(`^${RESULTS} has no bucket policy; add a BucketPolicy that denies s3:\\* when aws:SecureTransport is "false"\\.$`)],
    ["athena-workgroup-enforced-encryption", new RegExp(`^${WORKGROUP} sets enforceWorkgroupConfiguration false: `)],
    ["athena-workgroup-enforced-encryption", new RegExp(`^${WORKGROUP} encrypts query results with SSE_S3; use SSE_KMS \\(or CSE_KMS\\) with a customer managed key\\.$`)],
];

describe("hand-written Athena over an organization trail (no trail in the stack)", () => {
    for (const mode of ["preview", "deployed"] as const) {
        it(`passes the compliant variant in ${mode} mode`, async () => {
            const result = await verdict("compliant", mode);
            // Its results bucket policy is built from the bucket's ARN: in preview the pack cannot
            // read the TLS deny and says so (undecided, advisory); after deployment it passes.
            const undecided = result.violations.filter((v) => v.message.endsWith("(cannot be verified until the value is known)"));
            expect(undecided.map((v) => [v.policy, v.enforcementLevel])).toEqual(mode === "preview" ? [["athena-results-bucket-tls-only", "advisory"]] : []);
            const decided = result.violations.filter((v) => !undecided.includes(v));
            expect(decided, describeViolations(decided)).toEqual([]);
        });
    }

    for (const [policy, message] of BROKEN) {
        it(`${policy} blocks the broken variant: ${message.source.slice(1, 70)}…`, async () => {
            const found = byPolicy(await verdict("broken", "preview"), policy);
            const match = found.find((v) => message.test(v.message));
            expect(match, `${policy} said:\n${describeViolations(found)}`).toBeDefined();
            expect(match!.enforcementLevel).toBe("mandatory");
            expect(match!.urn).toMatch(/^urn:pulumi:broken::handwritten-investigation::/);
        });
    }

    it("reports nothing beyond the listed mistakes", async () => {
        const result = await verdict("broken", "preview");
        const unexpected = result.violations.filter((v) => !BROKEN.some(([p, m]) => p === v.policy && m.test(v.message)));
        expect(unexpected, describeViolations(unexpected)).toEqual([]);
        expect(result.violations).toHaveLength(BROKEN.length);
    });

    it("gets the same verdict in the preview of a new stack as after deployment, and the in-process harness agrees with the wire", async () => {
        const preview = await verdict("broken", "preview");
        expect(summary(preview)).toEqual(summary(await verdict("broken", "deployed")));
        expect(summary({ violations: runPack(await render("broken", "preview")) })).toEqual(summary(preview));
    });

    it("joins the workgroup to its results bucket through the interpolated output location: unknown in preview", async () => {
        const rendered = await render("broken", "preview");
        const workgroup = rendered.resources.find((r) => r.type === "aws:athena/workgroup:Workgroup")!;
        const bucket = rendered.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
        expect(workgroup.propertyDependencies["configuration"]).toContain(bucket.urn);
        expect(rendered.resources.some((r) => r.type === "aws:cloudtrail/trail:Trail")).toBe(false);
    });
});
