// A CloudTrail setup written by hand with @pulumi/aws (test/fixtures/programs/handwritten-trail),
// judged through the analyzer protocol: the compliant variant passes in preview and deployed mode,
// the broken variant is blocked by every policy (warned by the advisory ones) with a message that
// names the resource and says what to change, and a new stack's preview gets the same verdict as its
// deployment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import type { StackVerdict } from "../../cli/analyzerClient/verdict";
import { runPack } from "./inProcess/harness";
import { analyze, byPolicy, describeViolations, mandatory, renderHandwritten, startPack, summary } from "./support";

let pack: PolicyPackProcess;
const verdicts = new Map<string, StackVerdict>();

async function verdict(stack: string, mode: "preview" | "deployed", overrides: Record<string, string> = {}): Promise<StackVerdict> {
    const key = JSON.stringify([stack, mode, overrides]);
    if (!verdicts.has(key)) verdicts.set(key, await analyze(pack, await renderHandwritten(stack, mode, overrides)));
    return verdicts.get(key)!;
}

beforeAll(async () => {
    pack = await startPack();
});

afterAll(async () => {
    await pack?.close();
});

describe("the in-process harness (test/policies/inProcess)", () => {
    for (const variant of ["compliant", "broken"] as const) {
        for (const mode of ["preview", "deployed"] as const) {
            it(`gives the pack's findings over the wire for the ${variant} variant in ${mode} mode`, async () => {
                const rendered = await renderHandwritten(variant, mode);
                expect(summary({ violations: runPack(rendered) })).toEqual(summary(await verdict(variant, mode)));
            });
        }
    }
});

describe("compliant hand-written program", () => {
    for (const mode of ["preview", "deployed"] as const) {
        it(`passes every policy, without even an advisory, in ${mode} mode (separate S3 resources)`, async () => {
            const result = await verdict("compliant", mode);
            expect(result.resources).toBeGreaterThan(40);
            expect(result.violations, describeViolations(result.violations)).toEqual([]);
        });
    }

    it("passes with the legacy inline S3 arguments and an account-wide public access block", async () => {
        const result = await verdict("legacy", "preview");
        expect(result.violations, describeViolations(result.violations)).toEqual([]);
    });
});

/**
 * Every policy the broken variant (separate S3 resources) violates, with what its message must say,
 * and its enforcement level when that is not mandatory (a policy that is advisory by default).
 */
const BROKEN_SEPARATE: [policy: string, message: RegExp, level?: "advisory"][] = [
    ["cloudtrail-multi-region", /^Trail "audit" records only its home region \(isMultiRegionTrail is false\); set isMultiRegionTrail: true\.$/],
    ["cloudtrail-global-service-events", /^Trail "audit" leaves out global service events .*; set includeGlobalServiceEvents: true\.$/],
    ["cloudtrail-management-events", /^Trail "audit" records only WriteOnly management events \(set readWriteType: "All"\)\.$/],
    ["cloudtrail-log-file-validation", /^Trail "audit" does not validate log files \(enableLogFileValidation is false\); set enableLogFileValidation: true\.$/],
    ["cloudtrail-bucket-public-access-block", /^Audit bucket "audit-logs" leaves blockPublicPolicy off in "audit-logs-public-access"; set all four to true\.$/],
    ["cloudtrail-bucket-no-public-grants", /^Audit bucket "audit-logs" has the canned ACL "public-read" \(set in "audit-logs-acl"\); use "private"\.$/],
    ["cloudtrail-bucket-no-public-grants", /^Audit bucket "audit-logs"'s policy \(in "audit-logs-policy"\) allows s3:GetObject to every principal \("\*"\) without a condition; name the principals\.$/],
    ["cloudtrail-bucket-sse-kms", /^Audit bucket "audit-logs" encrypts with "AES256"; use sseAlgorithm "aws:kms"/],
    [
        "cloudtrail-bucket-versioning",
        /^Audit bucket "audit-logs" has Object Lock, but BucketVersioning "audit-logs-versioning" sets its versioning to "Suspended": AWS refuses to suspend versioning on an Object Lock bucket, so `pulumi up` would fail at "audit-logs-versioning"; set status "Enabled"\.$/,
    ],
    ["cloudtrail-bucket-tls-only", /^Audit bucket "audit-logs"'s policy does not deny requests without TLS; add a Deny of s3:\* .*aws:SecureTransport/],
    ["cloudtrail-bucket-access-logging", /^Audit bucket "audit-logs" has no server access logging; add a BucketLogging with a targetBucket\.$/],
    ["cloudtrail-bucket-retention", /^Audit bucket "audit-logs" expires log files after 30 days \(lifecycle rule "expire-logs" in "audit-logs-lifecycle"\); keep them at least 365 days\.$/],
    ["kms-key-rotation", /^KMS key "audit-key" does not rotate \(enableKeyRotation is false\); set enableKeyRotation: true\.$/],
    ["kms-audit-key-deletion-window", /^KMS key "audit-key" encrypts the log files of trail "audit" but can be deleted after 7 days; set deletionWindowInDays to at least 30\.$/],
    ["kms-key-policy-no-public-access", /^KMS key policy of "audit-key" \(statement "Everyone"\) allows kms:\* to every principal without a condition/],
    ["cloudtrail-log-group-kms-encryption", /^Log group "trail-events" of trail "audit" is not KMS-encrypted; set kmsKeyId/],
    ["cloudtrail-log-group-retention", /^Log group "trail-events" of trail "audit" keeps events 30 days; set retentionInDays to at least 365\.$/],
    ["cis-monitoring-alarms", /^CIS 4\.3 \(Usage of the "root" user\): no metric filter on log group "trail-events" has the CIS pattern; add a LogMetricFilter with pattern \{\$\.userIdentity\.type="Root"/],
    ["cis-monitoring-alarms", /^CIS 4\.1 \(Unauthorized API calls\): alarm "cis-4\.1-alarm" notifies nobody; set alarmActions to an SNS topic\.$/],
    ["metric-filter-pattern-syntax", /^Metric filter "typo" has an invalid pattern, which AWS would reject:\n\{ \(\$\.eventName = "DeleteTrail"\) \|\| \}\n {35}\^ at position 35: expected a condition/],
    ["cis-alarm-topic-encryption", /^SNS topic "security-alerts" \(notified by alarm "cis-4\.\d+-alarm"\) is not encrypted; set kmsMasterKeyId/],
    ["cloudtrail-production-protection", /^Production trail "audit" is not protected; add the resource option protect: true\.$/],
    ["cloudtrail-production-protection", /^Production bucket "audit-logs" of trail "audit" is not protected/],
    ["cloudtrail-production-protection", /^Production KMS key "audit-key" of trail "audit" is not protected/],
    [
        "cloudtrail-cloudwatch-delivery-role-trust",
        /^Delivery role "trail-delivery" of trail "audit" lets cloudtrail\.amazonaws\.com sts:AssumeRole only under conditions on aws:SourceArn and aws:SourceAccount \(statement "ThisTrailOnly": StringEquals on aws:SourceArn, StringEquals on aws:SourceAccount\), keys CloudTrail does not send when it assumes its CloudWatch Logs role: CloudTrail cannot assume the role, so delivery to CloudWatch Logs stops and every metric-filter alarm on log group "trail-events" goes silent \(they treat missing data as not breaching\)\. Remove the conditions on aws:SourceArn and aws:SourceAccount from its assumeRolePolicy\.$/,
    ],
    [
        "cloudtrail-delivery-heartbeat",
        /^Log group "trail-events" is watched by 14 metric-filter alarms \(such as "cis-4\.1-alarm"\) but has no heartbeat alarm: when delivery stops .* stay quiet .*\. Add a MetricAlarm on AWS\/Logs IncomingLogEvents with dimensions \{ LogGroupName: "trail-events-[0-9a-f]+" \}, comparisonOperator "LessThanThreshold", treatMissingData "breaching" and alarmActions\.$/,
        "advisory",
    ],
];

describe("broken hand-written program (separate S3 resources)", () => {
    for (const [policy, message, level] of BROKEN_SEPARATE) {
        it(`${policy} ${level === "advisory" ? "warns about" : "blocks"} it: ${message.source.slice(1, 60)}…`, async () => {
            const result = await verdict("broken", "preview");
            const found = byPolicy(result, policy);
            const match = found.find((v) => message.test(v.message));
            expect(match, `${policy} said:\n${describeViolations(found)}`).toBeDefined();
            expect(match!.enforcementLevel).toBe(level ?? "mandatory");
            expect(match!.urn).toMatch(/^urn:pulumi:broken::handwritten-trail::/);
            expect(match!.frameworks.length).toBeGreaterThan(0);
        });
    }

    it("reports nothing beyond the listed mistakes", async () => {
        const result = await verdict("broken", "preview");
        const unexpected = result.violations.filter((v) => !BROKEN_SEPARATE.some(([p, m]) => p === v.policy && m.test(v.message)));
        expect(unexpected, describeViolations(unexpected)).toEqual([]);
    });

    it("gets the same verdict in the preview of a new stack (unknown ids and ARNs) as after deployment", async () => {
        const preview = await verdict("broken", "preview");
        const deployed = await verdict("broken", "deployed");
        expect(preview.resources).toBe(deployed.resources);
        expect(summary(preview)).toEqual(summary(deployed));
    });

    it("joins the S3 settings to the bucket through property dependencies: in preview their `bucket` is unknown", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const versioning = rendered.resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning")!;
        expect(versioning.inputs["bucket"]).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        const bucket = rendered.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.name === "audit-logs")!;
        expect(versioning.propertyDependencies["bucket"]).toEqual([bucket.urn]);
        const result = await verdict("broken", "preview");
        // The Object Lock finding needs both joins: the bucket's objectLockEnabled, its versioning's status.
        expect(byPolicy(result, "cloudtrail-bucket-versioning").map((v) => v.urn)).toEqual([versioning.urn]);
        expect(bucket.inputs["objectLockEnabled"]).toBe(true);
    });

    it("joins the delivery role to the trail through property dependencies: in preview its ARN is unknown", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const trail = rendered.resources.find((r) => r.type === "aws:cloudtrail/trail:Trail")!;
        const role = rendered.resources.find((r) => r.type === "aws:iam/role:Role")!;
        expect(trail.inputs["cloudWatchLogsRoleArn"]).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        expect(trail.propertyDependencies["cloudWatchLogsRoleArn"]).toEqual([role.urn]);
        const result = await verdict("broken", "preview");
        expect(byPolicy(result, "cloudtrail-cloudwatch-delivery-role-trust").map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", role.urn]]);
    });
});

describe("broken hand-written program (legacy inline S3 arguments, no CloudWatch Logs delivery)", () => {
    const overrides = { variant: "broken" };
    const expected: [string, RegExp][] = [
        ["cloudtrail-cloudwatch-logs", /^Trail "audit" does not deliver to CloudWatch Logs \(cloudWatchLogsGroupArn and cloudWatchLogsRoleArn not set\)/],
        ["cis-monitoring-alarms", /^Trail "audit" delivers no events to CloudWatch Logs, so none of CIS 4\.1, 4\.2, .*4\.15 can be monitored/],
        ["cloudtrail-bucket-public-access-block", /^Audit bucket "audit-logs" has no BucketPublicAccessBlock; add one/],
        ["cloudtrail-bucket-sse-kms", /^Audit bucket "audit-logs" encrypts with "AES256"/],
        ["cloudtrail-bucket-versioning", /^Audit bucket "audit-logs" has no versioning; add a BucketVersioning with status "Enabled"\.$/],
        ["cloudtrail-bucket-retention", /^Audit bucket "audit-logs" expires log files after 30 days \(lifecycle rule "expire" in "audit-logs"\)/],
        ["cloudtrail-bucket-access-logging", /^Audit bucket "audit-logs" has no server access logging/],
        ["cloudtrail-bucket-tls-only", /^Audit bucket "audit-logs"'s policy does not deny requests without TLS/],
        ["cloudtrail-bucket-no-public-grants", /^Audit bucket "audit-logs"'s policy \(in "audit-logs"\) allows s3:GetObject to every principal/],
    ];
    for (const [policy, message] of expected) {
        it(`${policy} reads the inline form: ${message.source.slice(1, 50)}…`, async () => {
            const result = await verdict("legacy", "deployed", overrides);
            const found = byPolicy(result, policy);
            expect(found.some((v) => message.test(v.message) && v.enforcementLevel === "mandatory"), describeViolations(found)).toBe(true);
        });
    }
});

describe("a stack that owns no trail", () => {
    it("passes by default: an organization-wide pack also runs on stacks without a trail", async () => {
        const result = await verdict("compliant", "preview", { variant: "noTrail" });
        expect(result.violations, describeViolations(result.violations)).toEqual([]);
        expect(result.policies.find((p) => p.name === "cloudtrail-required")!.enforcementLevel).toBe("disabled");
    });

    it("is blocked when cloudtrail-required is switched on in the policy config", async () => {
        const rendered = await renderHandwritten("compliant", "preview", { variant: "noTrail" });
        const result = await analyze(pack, rendered, { policyConfig: { "cloudtrail-required": "mandatory" } });
        expect(mandatory(result).map((v) => [v.policy, v.message])).toEqual([
            ["cloudtrail-required", "The stack has no logging CloudTrail trail; add an aws.cloudtrail.Trail with isMultiRegionTrail: true."],
        ]);
    });

    it("with cloudtrail-required on, a stack of single-region trails is told to make one multi-region", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const result = await analyze(pack, rendered, { policyConfig: { "cloudtrail-required": "mandatory" } });
        expect(byPolicy(result, "cloudtrail-required").map((v) => v.message)).toEqual([
            'The stack\'s trails ("audit") are all single-region; make one multi-region (isMultiRegionTrail: true).',
        ]);
    });
});

describe("values computed in preview (unknown until deployment)", () => {
    const objectLock = { "cloudtrail-bucket-object-lock": { required: true } };

    it("an Object Lock retention whose days are computed is no mandatory violation, and passes once known", async () => {
        for (const mode of ["preview", "deployed"] as const) {
            const rendered = await renderHandwritten("compliant", mode, { objectLockDays: "computed" });
            const lock = rendered.resources.find((r) => r.type === "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")!;
            expect((lock.inputs["rule"] as any).defaultRetention.days).toBe(mode === "preview" ? "04da6b54-80e4-46f7-96ec-b56ff0331ba9" : 400);
            const result = await analyze(pack, rendered, { policyConfig: objectLock });
            expect(byPolicy(result, "cloudtrail-bucket-object-lock"), `${mode}: ${describeViolations(result.violations)}`).toEqual([]);
            expect(mandatory(result), `${mode}: ${describeViolations(mandatory(result))}`).toEqual([]);
        }
    });

    it("an Object Lock retention known to be too short still blocks", async () => {
        const result = await analyze(pack, await renderHandwritten("compliant", "preview", { objectLockDays: "30" }), { policyConfig: objectLock });
        expect(mandatory(result).map((v) => [v.policy, v.message])).toEqual([
            [
                "cloudtrail-bucket-object-lock",
                'Audit bucket "audit-logs" has a default retention of "COMPLIANCE" 30 days; it needs COMPLIANCE or GOVERNANCE for at least 365 days.',
            ],
        ]);
    });

    it("an alarm whose metricName is computed (not from its filter) makes the missing alarm advisory, not mandatory", async () => {
        const preview = await verdict("compliant", "preview", { computed: "alarmMetric" });
        expect(mandatory(preview), describeViolations(mandatory(preview))).toEqual([]);
        expect(byPolicy(preview, "cis-monitoring-alarms").map((v) => [v.enforcementLevel, v.message])).toEqual([
            [
                "advisory",
                'CIS 4.1 (Unauthorized API calls): no alarm watches metric CISBenchmark/UnauthorizedApiCalls of filter "cis-4.1"; add a MetricAlarm on it with alarmActions. (cannot be verified until the value is known)',
            ],
        ]);
        // Once known, the alarm joins its filter by metric name and namespace.
        const deployed = await verdict("compliant", "deployed", { computed: "alarmMetric" });
        expect(deployed.violations, describeViolations(deployed.violations)).toEqual([]);
    });

    for (const input of ["lifecycleStatus", "lifecyclePrefix"]) {
        it(`a too-short lifecycle rule whose ${input} is computed is advisory in preview and blocks once known`, async () => {
            const retention = (result: StackVerdict) => byPolicy(result, "cloudtrail-bucket-retention").map((v) => v.enforcementLevel);
            const preview = await verdict("broken", "preview", { computed: input });
            expect(retention(preview), describeViolations(byPolicy(preview, "cloudtrail-bucket-retention"))).toEqual(["advisory"]);
            expect(retention(await verdict("broken", "deployed", { computed: input }))).toEqual(["mandatory"]);
        });
    }
});

// The shapes of a trust policy, a heartbeat and Object Lock, computed ones included, are the
// in-process unit tests' (test/policies/inProcess), which judge as the pack does over the wire
// (sameVerdicts.test.ts). Here: a policy's level set by the pack config, over the wire.
describe("the delivery heartbeat alarm", () => {
    it("is advisory by default and blocks when the policy config makes it mandatory", async () => {
        const heartbeat = (result: StackVerdict) => byPolicy(result, "cloudtrail-delivery-heartbeat").map((v) => [v.enforcementLevel, v.urn!.split("::").pop()]);
        const rendered = await renderHandwritten("broken", "preview");
        expect(heartbeat(await analyze(pack, rendered))).toEqual([["advisory", "trail-events"]]);
        const result = await analyze(pack, rendered, { policyConfig: { "cloudtrail-delivery-heartbeat": "mandatory" } });
        expect(heartbeat(result)).toEqual([["mandatory", "trail-events"]]);
    });
});

describe("remediation", () => {
    it("with enforcement level remediate, turns on log-file validation and key rotation instead of blocking", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const result = await analyze(pack, rendered, {
            policyConfig: { "cloudtrail-log-file-validation": "remediate", "kms-key-rotation": "remediate" },
        });
        const byName = Object.fromEntries(result.remediations.map((r) => [r.policy, r]));
        expect(Object.keys(byName).sort()).toEqual(["cloudtrail-log-file-validation", "kms-key-rotation"]);
        expect(byName["cloudtrail-log-file-validation"].properties["enableLogFileValidation"]).toBe(true);
        expect(byName["cloudtrail-log-file-validation"].urn).toMatch(/aws:cloudtrail\/trail:Trail::audit$/);
        expect(byName["kms-key-rotation"].properties["enableKeyRotation"]).toBe(true);
        // The remediated inputs are what gets analysed, so the fixed settings no longer block.
        expect(byPolicy(result, "cloudtrail-log-file-validation")).toEqual([]);
        expect(byPolicy(result, "kms-key-rotation")).toEqual([]);
        expect(byPolicy(result, "cloudtrail-multi-region")).toHaveLength(1);
    });
});
