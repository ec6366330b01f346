// In-process unit tests of the trail policies (policies/src/policies/trail.ts): each check on small
// stacks built in memory, in preview and as deployed. The protocol tests beside this folder show
// the same policies reach the engine's verdicts over gRPC.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
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

    it("says it cannot decide on a computed value: advisory, never passed in silence", () => {
        const { rendered, trail } = trailStack({ isMultiRegionTrail: UNKNOWN_VALUE }, "preview");
        expect(runPolicy(trailMultiRegion, rendered)).toEqual([
            {
                policy: "cloudtrail-multi-region",
                enforcementLevel: "advisory",
                urn: trail.urn,
                message: 'Trail "audit": isMultiRegionTrail is computed, so whether it records every region is known only after `pulumi up`. (cannot be verified until the value is known)',
            },
        ]);
    });

    it("is silenced by the pack config like any policy", () => {
        const { rendered } = trailStack({ isMultiRegionTrail: false });
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "disabled" })).toEqual([]);
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "advisory" })[0]?.enforcementLevel).toBe("advisory");
    });

    it("rejects a setting in the pack config, saying it takes none", () => {
        const { rendered, trail } = trailStack({ isMultiRegionTrail: true });
        expect(runPolicy(trailMultiRegion, rendered, { enforcementLevel: "mandatory", minimumDays: 30 })).toEqual([
            {
                policy: "cloudtrail-multi-region",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: 'invalid config for policy "cloudtrail-multi-region": unknown key "minimumDays"; this policy takes no settings, only enforcementLevel',
            },
        ]);
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

    it("says it cannot decide on a computed value", () => {
        expect(runPolicy(trailGlobalServiceEvents, trailStack({ includeGlobalServiceEvents: UNKNOWN_VALUE }, "preview").rendered).map((f) => [f.enforcementLevel, f.message])).toEqual([
            ["advisory", 'Trail "audit": includeGlobalServiceEvents is computed, so whether it records global service events is known only after `pulumi up`. (cannot be verified until the value is known)'],
        ]);
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

    it("says it cannot decide on a computed value", () => {
        expect(runPolicy(trailLogFileValidation, trailStack({ enableLogFileValidation: UNKNOWN_VALUE }, "preview").rendered).map((f) => [f.enforcementLevel, f.message])).toEqual([
            ["advisory", 'Trail "audit": enableLogFileValidation is computed, so whether it validates its log files is known only after `pulumi up`. (cannot be verified until the value is known)'],
        ]);
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
            'Trail "audit" does not deliver to CloudWatch Logs (cloudWatchLogsRoleArn not set); set cloudWatchLogsRoleArn to a delivery role that cloudtrail.amazonaws.com can assume.',
        ]);
        const roleOnly = trailStack({ cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-delivery" }).rendered;
        expect(runPolicy(trailCloudWatchLogs, roleOnly).map((f) => f.message)).toEqual([
            'Trail "audit" does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn not set); set cloudWatchLogsGroupArn to "${logGroup.arn}:*".',
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

        it("pass when one selector records all management events", () => {
            const readOnly = { readWriteType: "ReadOnly", includeManagementEvents: true };
            const all = { readWriteType: "All" };
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [readOnly, all] }).rendered)).toEqual([]);
        });

        // CloudTrail logs an event that matches any of a trail's selectors (PutEventSelectors).
        it("pass when selectors together record all management events: one ReadOnly and one WriteOnly", () => {
            const readOnly = { readWriteType: "ReadOnly", includeManagementEvents: true };
            const writeOnly = { readWriteType: "WriteOnly", includeManagementEvents: true };
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [readOnly, writeOnly] }).rendered)).toEqual([]);
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [writeOnly, { dataResources: [] }, readOnly] }).rendered)).toEqual([]);
        });

        it("pass when each source one selector leaves out is recorded by another", () => {
            const withoutKms = { readWriteType: "All", excludeManagementEventSources: ["kms.amazonaws.com"] };
            const withoutRdsData = { readWriteType: "All", excludeManagementEventSources: ["rdsdata.amazonaws.com"] };
            const config = { allowedExcludedEventSources: [] };
            expect(runPolicy(trailManagementEvents, trailStack({ eventSelectors: [withoutKms, withoutRdsData] }).rendered, config)).toEqual([]);
        });

        it("name what the selectors together leave out", () => {
            const readOnly = { readWriteType: "ReadOnly", includeManagementEvents: true };
            // Reads are all recorded by the first selector; writes only by the last, without KMS.
            const kms = trailStack({ eventSelectors: [readOnly, { includeManagementEvents: false }, { excludeManagementEventSources: ["kms.amazonaws.com"] }] });
            expect(runPolicy(trailManagementEvents, kms.rendered)).toEqual([
                management(
                    kms.trail,
                    'Trail "audit" excludes write management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com; remove the others from excludeManagementEventSources).',
                ),
            ]);
            const reads = trailStack({ eventSelectors: [readOnly, { ...readOnly, excludeManagementEventSources: ["kms.amazonaws.com"] }] });
            expect(runPolicy(trailManagementEvents, reads.rendered).map((f) => f.message)).toEqual(['Trail "audit" records only ReadOnly management events (set readWriteType: "All").']);
            const both = trailStack({ eventSelectors: [{ readWriteType: "ReadOnly", excludeManagementEventSources: ["kms.amazonaws.com"] }] });
            expect(runPolicy(trailManagementEvents, both.rendered).map((f) => f.message)).toEqual([
                'Trail "audit" records only ReadOnly management events (set readWriteType: "All"); excludes read management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com; remove the others from excludeManagementEventSources).',
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

        it("pass with two management selectors that together cover read and write events", () => {
            const reads = managementSelector("reads", { field: "readOnly", equals: ["true"] });
            const writes = managementSelector("writes", { field: "readOnly", equals: ["false"] });
            expect(runPolicy(trailManagementEvents, trailStack({ advancedEventSelectors: [reads, writes] }).rendered)).toEqual([]);
            const rdsData = { field: "eventSource", notEquals: ["rdsdata.amazonaws.com"] };
            const kms = { field: "eventSource", notEquals: ["kms.amazonaws.com"] };
            const config = { allowedExcludedEventSources: [] };
            const withoutEach = [managementSelector("without-kms", kms), managementSelector("without-rds-data", rdsData)];
            expect(runPolicy(trailManagementEvents, trailStack({ advancedEventSelectors: withoutEach }).rendered, config)).toEqual([]);
        });

        it("name what read and write selectors together leave out", () => {
            const reads = managementSelector("reads", { field: "readOnly", equals: ["true"] });
            const writes = managementSelector("writes", { field: "readOnly", equals: ["false"] }, { field: "eventSource", notEquals: ["kms.amazonaws.com"] });
            const { rendered, trail } = trailStack({ advancedEventSelectors: [reads, writes] });
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(trail, 'Trail "audit" leaves out write management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com).'),
            ]);
            const twoReads = trailStack({ advancedEventSelectors: [reads, managementSelector("more-reads", { field: "readOnly", equals: ["true"] })] });
            expect(runPolicy(trailManagementEvents, twoReads.rendered).map((f) => f.message)).toEqual([
                'Trail "audit" records only read management events in selectors "reads", "more-reads" (remove the readOnly field).',
            ]);
        });

        it("name an unnamed selector, or one whose name is computed, by its position", () => {
            const readOnly = { field: "readOnly", equals: ["true"] };
            const data = { name: "s3-data", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] };
            const unnamed = trailStack({ advancedEventSelectors: [data, { fieldSelectors: managementSelector("", readOnly).fieldSelectors }] });
            expect(runPolicy(trailManagementEvents, unnamed.rendered).map((f) => f.message)).toEqual([
                'Trail "audit" records only read management events in selector 2 (remove the readOnly field).',
            ]);
            const empty = trailStack({ advancedEventSelectors: [managementSelector("", readOnly)] });
            expect(runPolicy(trailManagementEvents, empty.rendered).map((f) => f.message)).toEqual([
                'Trail "audit" records only read management events in selector 1 (remove the readOnly field).',
            ]);
            const computed = trailStack({ advancedEventSelectors: [{ ...managementSelector("", readOnly), name: UNKNOWN_VALUE }] }, "preview");
            expect(runPolicy(trailManagementEvents, computed.rendered).map((f) => f.message)).toEqual([
                'Trail "audit" records only read management events in selector 1 (remove the readOnly field).',
            ]);
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
            expect(runPolicy(trailManagementEvents, rendered)).toEqual([
                management(
                    trail,
                    'Trail "audit" records management events only from the event sources that selector "iam-only" lets through with equals on eventSource (filter eventSource only with notEquals, of the allowed sources: rdsdata.amazonaws.com).',
                ),
            ]);
            // Beside a selector that records them all, it takes nothing away.
            const beside = trailStack({ advancedEventSelectors: [managementSelector("iam-only", { field: "eventSource", equals: ["iam.amazonaws.com"] }), managementSelector("management")] });
            expect(runPolicy(trailManagementEvents, beside.rendered)).toEqual([]);
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

        it("are advisory when a computed readOnly filter decides whether read and write events are both recorded", () => {
            const unverified = 'Trail "audit" may record only read or only write management events: the readOnly filter of selector "m" is computed (remove the readOnly field). (cannot be verified until the value is known)';
            for (const equals of [UNKNOWN_VALUE, [UNKNOWN_VALUE]]) {
                const { rendered, trail } = trailStack({ advancedEventSelectors: [managementSelector("m", { field: "readOnly", equals })] }, "preview");
                expect(runPolicy(trailManagementEvents, rendered), JSON.stringify(equals)).toEqual([
                    { policy: "cloudtrail-management-events", enforcementLevel: "advisory", urn: trail.urn, message: unverified },
                ]);
            }
            // Beside a selector for reads it may be the one for writes.
            const reads = managementSelector("reads", { field: "readOnly", equals: ["true"] });
            const { rendered } = trailStack({ advancedEventSelectors: [reads, managementSelector("m", { field: "readOnly", equals: UNKNOWN_VALUE })] }, "preview");
            expect(runPolicy(trailManagementEvents, rendered).map((f) => [f.enforcementLevel, f.message])).toEqual([["advisory", unverified]]);
            // Beside a selector that records them all it decides nothing.
            const all = trailStack({ advancedEventSelectors: [managementSelector("all"), managementSelector("m", { field: "readOnly", equals: UNKNOWN_VALUE })] }, "preview");
            expect(runPolicy(trailManagementEvents, all.rendered)).toEqual([]);
        });

        it("still block what is known beside a computed readOnly filter", () => {
            const excluded = managementSelector("m", { field: "readOnly", equals: UNKNOWN_VALUE }, { field: "eventSource", notEquals: ["kms.amazonaws.com"] });
            const { rendered } = trailStack({ advancedEventSelectors: [excluded] }, "preview");
            expect(runPolicy(trailManagementEvents, rendered).map((f) => [f.enforcementLevel, f.message])).toEqual([
                ["mandatory", 'Trail "audit" leaves out management events from kms.amazonaws.com (allowed: rdsdata.amazonaws.com).'],
            ]);
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

        it("rejects a key it does not take, naming the one it does", () => {
            const { rendered, trail } = trailStack(rdsDataExcluded);
            expect(runPolicy(trailManagementEvents, rendered, { allowedSources: [] })).toEqual([
                management(trail, 'invalid config for policy "cloudtrail-management-events": unknown key "allowedSources"; expected one of allowedExcludedEventSources'),
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
