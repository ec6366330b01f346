// In-process unit tests of the trail policies (policies/src/policies/trail.ts): each check on small
// stacks built in memory, in preview and as deployed. The protocol tests beside this folder show
// the same policies reach the engine's verdicts over gRPC.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStack";
import {
    trailCloudWatchLogs,
    trailGlobalServiceEvents,
    trailKmsEncryption,
    trailLogFileValidation,
    trailManagementEvents,
    trailMultiRegion,
} from "../../../policies/src/policies/trail";
import { Policy, runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";

function trailStack(inputs: Record<string, unknown>, mode: "preview" | "deployed" = "deployed") {
    const stack = new InMemoryStack(mode);
    const trail = stack.add(TRAIL, "audit", { s3BucketName: "logs", ...inputs });
    return { rendered: stack.rendered(), trail };
}

describe("cloudtrail-multi-region", () => {
    it("passes a multi-region trail", () => {
        expect(runPolicy(trailMultiRegion, trailStack({ isMultiRegionTrail: true }).rendered)).toEqual([]);
    });

    it("blocks a single-region trail, naming the trail and the fix", () => {
        const { rendered, trail } = trailStack({ isMultiRegionTrail: false });
        expect(runPolicy(trailMultiRegion, rendered)).toEqual([
            {
                policy: "cloudtrail-multi-region",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: 'Trail "audit" records only its home region (isMultiRegionTrail is false); set isMultiRegionTrail: true.',
            },
        ]);
    });

    it("blocks a trail that leaves the setting out (AWS defaults it to false)", () => {
        expect(runPolicy(trailMultiRegion, trailStack({}).rendered).map((f) => f.message)).toEqual([
            'Trail "audit" records only its home region (isMultiRegionTrail is not set); set isMultiRegionTrail: true.',
        ]);
    });

    it("does not decide on a computed value", () => {
        expect(runPolicy(trailMultiRegion, trailStack({ isMultiRegionTrail: UNKNOWN_VALUE }, "preview").rendered)).toEqual([]);
    });

    it("is silenced by the pack config like any policy", () => {
        const { rendered } = trailStack({ isMultiRegionTrail: false });
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "disabled" })).toEqual([]);
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "advisory" })[0]?.enforcementLevel).toBe("advisory");
    });
});

/** A policy's remediation of the trail's inputs, as the engine calls it with enforcement level remediate. */
function remediate(policy: Policy, inputs: Record<string, unknown>): unknown {
    const { rendered, trail } = trailStack(inputs);
    const resource = rendered.resources.find((r) => r.urn === trail.urn)!;
    const args = { type: resource.type, name: resource.name, urn: resource.urn, props: resource.inputs, opts: { protect: false }, stackTags: new Map(), getConfig: () => ({}) };
    return (policy as { remediateResource: (a: unknown) => unknown }).remediateResource(args);
}

describe("cloudtrail-global-service-events", () => {
    it("passes a trail that includes them, or leaves the setting out (AWS defaults it to true)", () => {
        expect(runPolicy(trailGlobalServiceEvents, trailStack({ includeGlobalServiceEvents: true }).rendered)).toEqual([]);
        expect(runPolicy(trailGlobalServiceEvents, trailStack({}).rendered)).toEqual([]);
    });

    it("blocks a trail that turns them off", () => {
        const { rendered, trail } = trailStack({ includeGlobalServiceEvents: false });
        expect(runPolicy(trailGlobalServiceEvents, rendered)).toEqual([
            {
                policy: "cloudtrail-global-service-events",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: 'Trail "audit" leaves out global service events (IAM, STS, CloudFront); set includeGlobalServiceEvents: true.',
            },
        ]);
    });

    it("reads a boolean written as a string", () => {
        expect(runPolicy(trailGlobalServiceEvents, trailStack({ includeGlobalServiceEvents: "false" }).rendered)).toHaveLength(1);
        expect(runPolicy(trailGlobalServiceEvents, trailStack({ includeGlobalServiceEvents: "true" }).rendered)).toEqual([]);
    });

    it("does not decide on a computed value", () => {
        expect(runPolicy(trailGlobalServiceEvents, trailStack({ includeGlobalServiceEvents: UNKNOWN_VALUE }, "preview").rendered)).toEqual([]);
    });
});

describe("cloudtrail-log-file-validation", () => {
    it("passes a trail that validates its log files", () => {
        expect(runPolicy(trailLogFileValidation, trailStack({ enableLogFileValidation: true }).rendered)).toEqual([]);
    });

    it("blocks a trail that turns validation off", () => {
        const { rendered, trail } = trailStack({ enableLogFileValidation: false });
        expect(runPolicy(trailLogFileValidation, rendered)).toEqual([
            {
                policy: "cloudtrail-log-file-validation",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: 'Trail "audit" does not validate log files (enableLogFileValidation is false); set enableLogFileValidation: true.',
            },
        ]);
    });

    it("blocks a trail that leaves the setting out (AWS defaults it to false)", () => {
        expect(runPolicy(trailLogFileValidation, trailStack({}).rendered).map((f) => f.message)).toEqual([
            'Trail "audit" does not validate log files (enableLogFileValidation is not set); set enableLogFileValidation: true.',
        ]);
    });

    it("does not decide on a computed value", () => {
        expect(runPolicy(trailLogFileValidation, trailStack({ enableLogFileValidation: UNKNOWN_VALUE }, "preview").rendered)).toEqual([]);
    });

    it("remediates by turning validation on, keeping the other inputs, and leaves a validating trail alone", () => {
        expect(remediate(trailLogFileValidation, { enableLogFileValidation: false, isMultiRegionTrail: true })).toEqual({
            s3BucketName: "logs",
            isMultiRegionTrail: true,
            enableLogFileValidation: true,
        });
        expect(remediate(trailLogFileValidation, {})).toEqual({ s3BucketName: "logs", enableLogFileValidation: true });
        expect(remediate(trailLogFileValidation, { enableLogFileValidation: true })).toBeUndefined();
    });
});

describe("cloudtrail-kms-encryption", () => {
    it("passes a trail encrypted with a key of the stack, also in preview when the key's ARN is computed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const stack = new InMemoryStack(mode);
            const key = stack.add(KEY, "audit-key", { enableKeyRotation: true });
            stack.add(TRAIL, "audit", { s3BucketName: "logs", kmsKeyId: stack.ref(key, "arn") });
            expect(runPolicy(trailKmsEncryption, stack.rendered()), mode).toEqual([]);
        }
    });

    it("passes a trail encrypted with a key outside the stack (an ARN or alias written out)", () => {
        expect(runPolicy(trailKmsEncryption, trailStack({ kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }).rendered)).toEqual([]);
        expect(runPolicy(trailKmsEncryption, trailStack({ kmsKeyId: "alias/audit" }).rendered)).toEqual([]);
    });

    it("blocks a trail without a key (SSE-S3 only), naming the fix", () => {
        const { rendered, trail } = trailStack({});
        expect(runPolicy(trailKmsEncryption, rendered)).toEqual([
            {
                policy: "cloudtrail-kms-encryption",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: 'Trail "audit" has no kmsKeyId; set kmsKeyId to the ARN of a customer managed KMS key.',
            },
        ]);
    });

    it("blocks an empty kmsKeyId like a missing one", () => {
        expect(runPolicy(trailKmsEncryption, trailStack({ kmsKeyId: "" }).rendered)).toHaveLength(1);
    });

    it("does not decide on a computed value", () => {
        expect(runPolicy(trailKmsEncryption, trailStack({ kmsKeyId: UNKNOWN_VALUE }, "preview").rendered)).toEqual([]);
    });
});

describe("cloudtrail-cloudwatch-logs", () => {
    function deliveringStack(mode: "preview" | "deployed") {
        const stack = new InMemoryStack(mode);
        const group = stack.add(LOG_GROUP, "trail-events", { retentionInDays: 365 });
        const role = stack.add(ROLE, "trail-delivery", { assumeRolePolicy: "{}" });
        stack.add(TRAIL, "audit", {
            s3BucketName: "logs",
            cloudWatchLogsGroupArn: stack.apply([[group, "arn"]], (arn) => `${arn}:*`),
            cloudWatchLogsRoleArn: stack.ref(role, "arn"),
        });
        return stack.rendered();
    }

    it("passes a trail with a log group and a delivery role, also in preview when both ARNs are computed", () => {
        expect(runPolicy(trailCloudWatchLogs, deliveringStack("deployed"))).toEqual([]);
        expect(runPolicy(trailCloudWatchLogs, deliveringStack("preview"))).toEqual([]);
    });

    it("blocks a trail that does not deliver to CloudWatch Logs at all", () => {
        const { rendered, trail } = trailStack({});
        expect(runPolicy(trailCloudWatchLogs, rendered)).toEqual([
            {
                policy: "cloudtrail-cloudwatch-logs",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message:
                    'Trail "audit" does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn and cloudWatchLogsRoleArn not set); set cloudWatchLogsGroupArn to "${logGroup.arn}:*" and cloudWatchLogsRoleArn to a delivery role.',
            },
        ]);
    });

    it("blocks a trail with a log group but no role, and one with a role but no log group, naming what is missing", () => {
        const groupOnly = trailStack({ cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:trail-events:*" }).rendered;
        expect(runPolicy(trailCloudWatchLogs, groupOnly).map((f) => f.message)).toEqual([
            'Trail "audit" does not deliver to CloudWatch Logs (cloudWatchLogsRoleArn not set); set cloudWatchLogsGroupArn to "${logGroup.arn}:*" and cloudWatchLogsRoleArn to a delivery role.',
        ]);
        const roleOnly = trailStack({ cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-delivery" }).rendered;
        expect(runPolicy(trailCloudWatchLogs, roleOnly).map((f) => f.message)).toEqual([
            'Trail "audit" does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn not set); set cloudWatchLogsGroupArn to "${logGroup.arn}:*" and cloudWatchLogsRoleArn to a delivery role.',
        ]);
    });

    it("does not decide on computed ARNs", () => {
        const { rendered } = trailStack({ cloudWatchLogsGroupArn: UNKNOWN_VALUE, cloudWatchLogsRoleArn: UNKNOWN_VALUE }, "preview");
        expect(runPolicy(trailCloudWatchLogs, rendered)).toEqual([]);
    });
});

describe("cloudtrail-management-events", () => {
    const management = (trail: { urn: string }, message: string) => ({
        policy: "cloudtrail-management-events",
        enforcementLevel: "mandatory",
        urn: trail.urn,
        message,
    });
    const managementSelector = (name: string, ...more: Record<string, unknown>[]) => ({
        name,
        fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, ...more],
    });

    it("passes a logging trail without selectors (all management events are the default)", () => {
        expect(runPolicy(trailManagementEvents, trailStack({}).rendered)).toEqual([]);
        expect(runPolicy(trailManagementEvents, trailStack({ enableLogging: true, eventSelectors: [], advancedEventSelectors: [] }).rendered)).toEqual([]);
    });

    it("blocks a trail that is not logging", () => {
        const { rendered, trail } = trailStack({ enableLogging: false });
        expect(runPolicy(trailManagementEvents, rendered)).toEqual([
            management(trail, 'Trail "audit" is not logging (enableLogging: false); remove enableLogging: false.'),
        ]);
    });

    describe("event selectors", () => {
        it("pass with read and write management events, or leaving out only the allowed RDS Data API", () => {
            const all = { readWriteType: "All", includeManagementEvents: true };
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [all] }).rendered)).toEqual([]);
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [{ dataResources: [] }] }).rendered)).toEqual([]);
            const rdsData = { ...all, excludeManagementEventSources: ["rdsdata.amazonaws.com"] };
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [rdsData] }).rendered)).toEqual([]);
        });

        it("block a selector that records only writes", () => {
            const { rendered, trail } = trailStack({ eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }] });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(trail, 'Trail "audit" records only WriteOnly management events (set readWriteType: "All").'),
            ]);
        });

        it("block a selector that leaves out KMS events, which CIS 4.7 watches", () => {
            const { rendered, trail } = trailStack({
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: ["rdsdata.amazonaws.com", "kms.amazonaws.com"] }],
            });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(
                    trail,
                    'Trail "audit" excludes management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com; remove the others from excludeManagementEventSources).',
                ),
            ]);
        });

        it("block selectors that include no management events (data events only)", () => {
            const { rendered, trail } = trailStack({
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
            });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(trail, 'Trail "audit" records no management events (set includeManagementEvents: true, readWriteType: "All").'),
            ]);
        });

        it("pass when one selector records all management events, and name each problem when none does", () => {
            const readOnly = { readWriteType: "ReadOnly", includeManagementEvents: true };
            const all = { readWriteType: "All" };
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [readOnly, all] }).rendered)).toEqual([]);
            const { rendered, trail } = trailStack({
                eventSelectors: [readOnly, { includeManagementEvents: false }, { excludeManagementEventSources: ["kms.amazonaws.com"] }],
            });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(
                    trail,
                    'Trail "audit" records only ReadOnly management events (set readWriteType: "All"); excludes management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com; remove the others from excludeManagementEventSources).',
                ),
            ]);
        });

        it("report a trail that is not logging and records too little as two findings", () => {
            const { rendered, trail } = trailStack({ enableLogging: false, eventSelectors: [{ readWriteType: "WriteOnly" }] });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(trail, 'Trail "audit" is not logging (enableLogging: false); remove enableLogging: false.'),
                management(trail, 'Trail "audit" records only WriteOnly management events (set readWriteType: "All").'),
            ]);
        });
    });

    describe("advanced event selectors", () => {
        it("pass with a management selector that has no readOnly field, or leaves out only allowed sources", () => {
            expect(runPolicy(trailManagementEvents, trailStack({ advancedEventSelectors: [managementSelector("management")] }).rendered)).toEqual([]);
            const rdsData = managementSelector("management", { field: "eventSource", notEquals: ["rdsdata.amazonaws.com"] });
            expect(runPolicy(trailManagementEvents, trailStack({ advancedEventSelectors: [rdsData] }).rendered)).toEqual([]);
        });

        it("take precedence over basic selectors", () => {
            const { rendered } = trailStack({ eventSelectors: [{ readWriteType: "WriteOnly" }], advancedEventSelectors: [managementSelector("management")] });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([]);
        });

        it("block a management selector limited to read or to write events", () => {
            const reads = trailStack({ advancedEventSelectors: [managementSelector("reads", { field: "readOnly", equals: ["true"] })] });
            expect(runPolicy(trailManagementEvents, reads.rendered)).toEqual([
                management(reads.trail, 'Trail "audit" records only read management events in selector "reads" (remove the readOnly field).'),
            ]);
            const writes = trailStack({ advancedEventSelectors: [managementSelector("writes", { field: "readOnly", equals: ["false"] })] });
            expect(runPolicy(trailManagementEvents, writes.rendered).map((f) => f.message)).toEqual([
                'Trail "audit" records only write management events in selector "writes" (remove the readOnly field).',
            ]);
        });

        it("block a management selector that leaves out KMS events", () => {
            const { rendered, trail } = trailStack({
                advancedEventSelectors: [managementSelector("management", { field: "eventSource", notEquals: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] })],
            });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(trail, 'Trail "audit" leaves out management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com).'),
            ]);
        });

        it("block a management selector that picks event sources (any eventSource filter but notEquals)", () => {
            const { rendered, trail } = trailStack({
                advancedEventSelectors: [managementSelector("iam-only", { field: "eventSource", equals: ["iam.amazonaws.com"] })],
            });
            const findings = runPolicy(trailManagementEvents, rendered);
            expect(findings.map((f) => [f.enforcementLevel, f.urn])).toEqual([["mandatory", trail.urn]]);
            // The wording ("leaves out management events from (an eventSource filter other than notEquals)") is awkward; see the report.
            expect(findings[0]!.message).toMatch(/^Trail "audit" leaves out management events from .*eventSource filter other than notEquals/);
        });

        it("block advanced selectors that select only data events", () => {
            const { rendered, trail } = trailStack({
                advancedEventSelectors: [
                    {
                        name: "s3-data",
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Data"] },
                            { field: "resources.type", equals: ["AWS::S3::Object"] },
                        ],
                    },
                ],
            });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(
                    trail,
                    'Trail "audit" has no advanced event selector that records all management events; add one with fieldSelectors [{ field: "eventCategory", equals: ["Management"] }].',
                ),
            ]);
        });
    });

    describe("computed values", () => {
        it("do not decide: enableLogging, the selector lists, or a field inside a selector", () => {
            const cases: Record<string, unknown>[] = [
                { enableLogging: UNKNOWN_VALUE },
                { eventSelectors: UNKNOWN_VALUE },
                { eventSelectors: [{ readWriteType: UNKNOWN_VALUE }] },
                { eventSelectors: [{ readWriteType: "All", excludeManagementEventSources: UNKNOWN_VALUE }] },
                { eventSelectors: [{ includeManagementEvents: UNKNOWN_VALUE }] },
                { advancedEventSelectors: UNKNOWN_VALUE },
                { advancedEventSelectors: [{ name: "m", fieldSelectors: UNKNOWN_VALUE }] },
                { advancedEventSelectors: [{ name: "m", fieldSelectors: [{ field: "eventCategory", equals: UNKNOWN_VALUE }] }] },
                { advancedEventSelectors: [managementSelector("m", { field: "eventSource", notEquals: UNKNOWN_VALUE })] },
            ];
            for (const inputs of cases) {
                expect(runPolicy(trailManagementEvents, trailStack(inputs, "preview").rendered), JSON.stringify(inputs)).toEqual([]);
            }
        });

        it("still block what is known beside them: enableLogging false", () => {
            const { rendered } = trailStack({ enableLogging: false, eventSelectors: UNKNOWN_VALUE }, "preview");
            expect(runPolicy(trailManagementEvents, rendered).map((f) => f.message)).toEqual([
                'Trail "audit" is not logging (enableLogging: false); remove enableLogging: false.',
            ]);
        });
    });

    describe("setting allowedExcludedEventSources", () => {
        const kmsExcluded = { eventSelectors: [{ readWriteType: "All", excludeManagementEventSources: ["kms.amazonaws.com"] }] };
        const rdsDataExcluded = { eventSelectors: [{ readWriteType: "All", excludeManagementEventSources: ["rdsdata.amazonaws.com"] }] };

        it("may allow leaving out KMS events too", () => {
            const config = { allowedExcludedEventSources: ["rdsdata.amazonaws.com", "kms.amazonaws.com"] };
            expect(runPolicy(trailManagementEvents, trailStack(kmsExcluded).rendered, config)).toEqual([]);
            const advanced = { advancedEventSelectors: [managementSelector("m", { field: "eventSource", notEquals: ["kms.amazonaws.com"] })] };
            expect(runPolicy(trailManagementEvents, trailStack(advanced).rendered, config)).toEqual([]);
        });

        it("may allow no source at all, which blocks leaving out the RDS Data API", () => {
            const { rendered, trail } = trailStack(rdsDataExcluded);
            expect(runPolicy(trailManagementEvents, rendered, { allowedExcludedEventSources: [] })).toEqual([
                management(
                    trail,
                    'Trail "audit" excludes management events from rdsdata.amazonaws.com (allowed: none; remove the others from excludeManagementEventSources).',
                ),
            ]);
        });

        it("rejects a source outside the list it offers, naming the key and the choices", () => {
            const { rendered, trail } = trailStack(rdsDataExcluded);
            expect(runPolicy(trailManagementEvents, rendered, { allowedExcludedEventSources: ["s3.amazonaws.com"] })).toEqual([
                management(
                    trail,
                    'invalid config for policy "cloudtrail-management-events", key "allowedExcludedEventSources": ["s3.amazonaws.com"] contains "s3.amazonaws.com"; expected items from "rdsdata.amazonaws.com", "kms.amazonaws.com"',
                ),
            ]);
        });
    });
});
