// In-process unit tests of the log group policies (policies/src/policies/logGroup.ts): the CloudWatch
// Logs group a trail delivers to must be KMS-encrypted and keep events long enough. The group is found
// through the trail's cloudWatchLogsGroupArn: its property dependency, else the known ARN or the group
// name in it. Small stacks built in memory, in preview and as deployed.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { logGroupEncryption, logGroupRetention } from "../../../policies/src/policies/logGroup";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const KEY = "aws:kms/key:Key";

/** A trail delivering to log group "trail-events" through `${logGroup.arn}:*`, as a program writes it. */
function groupStack(groupInputs: Record<string, unknown>, mode: "preview" | "deployed" = "deployed") {
    const stack = new InMemoryStack(mode);
    const group = stack.add(LOG_GROUP, "trail-events", groupInputs);
    stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: stack.apply([[group, "arn"]], (arn) => `${arn}:*`) });
    return { rendered: stack.rendered(), group };
}

/** The same trail naming its log group by a literal ARN, without a dependency. */
function literalStack(trailGroupArn: unknown, groupInputs: Record<string, unknown>, mode: "preview" | "deployed" = "deployed", outputs?: Record<string, unknown>) {
    const stack = new InMemoryStack(mode);
    const group = stack.add(LOG_GROUP, "trail-events", groupInputs, { outputs });
    stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: trailGroupArn });
    return { rendered: stack.rendered(), group };
}

const GROUP_ARN = "arn:aws:logs:eu-west-1:123456789012:log-group:trail-events";

describe("cloudtrail-log-group-kms-encryption", () => {
    const unencrypted = (group: { urn: string }, trail = "audit") => ({
        policy: "cloudtrail-log-group-kms-encryption",
        enforcementLevel: "mandatory",
        urn: group.urn,
        message: `Log group "trail-events" of trail "${trail}" is not KMS-encrypted; set kmsKeyId to a customer managed key.`,
    });

    it("passes a log group encrypted with a key of the stack, in preview and deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const stack = new InMemoryStack(mode);
            const key = stack.add(KEY, "logs-key", {});
            const group = stack.add(LOG_GROUP, "trail-events", { kmsKeyId: stack.ref(key, "arn") });
            stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: stack.apply([[group, "arn"]], (arn) => `${arn}:*`) });
            expect(runPolicy(logGroupEncryption, stack.rendered()), mode).toEqual([]);
        }
    });

    it("blocks the trail's log group without a key, in preview as deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const { rendered, group } = groupStack({ retentionInDays: 365 }, mode);
            expect(runPolicy(logGroupEncryption, rendered), mode).toEqual([unencrypted(group)]);
        }
        const { rendered, group } = groupStack({ kmsKeyId: "" });
        expect(runPolicy(logGroupEncryption, rendered)).toEqual([unencrypted(group)]);
    });

    it("does not decide on a computed key", () => {
        expect(runPolicy(logGroupEncryption, groupStack({ kmsKeyId: UNKNOWN_VALUE }, "preview").rendered)).toEqual([]);
    });

    it("leaves alone log groups no trail delivers to, and a trail's group outside the stack", () => {
        const stack = new InMemoryStack();
        stack.add(LOG_GROUP, "app-logs", {});
        stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:shared-trail-events:*" });
        stack.add(TRAIL, "computed", { s3BucketName: "logs", cloudWatchLogsGroupArn: UNKNOWN_VALUE });
        expect(runPolicy(logGroupEncryption, stack.rendered())).toEqual([]);
    });

    it("finds the group by the name in a literal ARN, and by its known ARN", () => {
        const byName = literalStack(`${GROUP_ARN}:*`, { name: "trail-events" }, "preview");
        expect(runPolicy(logGroupEncryption, byName.rendered)).toEqual([unencrypted(byName.group)]);
        // No name given (AWS generates one): only the deployed ARN joins them.
        const byArn = literalStack(`${GROUP_ARN}:*`, { namePrefix: "trail-events" }, "deployed", { arn: GROUP_ARN });
        expect(runPolicy(logGroupEncryption, byArn.rendered)).toEqual([unencrypted(byArn.group)]);
        const bare = literalStack(GROUP_ARN, { namePrefix: "trail-events" }, "deployed", { arn: GROUP_ARN });
        expect(runPolicy(logGroupEncryption, bare.rendered)).toEqual([unencrypted(bare.group)]);
    });

    it("reports a log group shared by two trails once, naming the first", () => {
        const stack = new InMemoryStack();
        const group = stack.add(LOG_GROUP, "trail-events", {});
        for (const name of ["audit", "org"]) stack.add(TRAIL, name, { s3BucketName: "logs", cloudWatchLogsGroupArn: stack.ref(group, "arn") });
        expect(runPolicy(logGroupEncryption, stack.rendered())).toEqual([unencrypted(group)]);
    });
});

describe("cloudtrail-log-group-retention", () => {
    const tooShort = (group: { urn: string }, days: number, minimum = 365) => ({
        policy: "cloudtrail-log-group-retention",
        enforcementLevel: "mandatory",
        urn: group.urn,
        message: `Log group "trail-events" of trail "audit" keeps events ${days} days; set retentionInDays to at least ${minimum}.`,
    });

    it("passes a year or more, and no retention at all (unset or 0: CloudWatch keeps events forever)", () => {
        for (const inputs of [{ retentionInDays: 365 }, { retentionInDays: 3653 }, {}, { retentionInDays: 0 }]) {
            expect(runPolicy(logGroupRetention, groupStack(inputs).rendered), JSON.stringify(inputs)).toEqual([]);
        }
    });

    it("blocks a shorter retention on the trail's log group, in preview as deployed", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const { rendered, group } = groupStack({ retentionInDays: 30 }, mode);
            expect(runPolicy(logGroupRetention, rendered), mode).toEqual([tooShort(group, 30)]);
        }
    });

    it("says day, not days, for CloudWatch's one-day retention", () => {
        const { rendered, group } = groupStack({ retentionInDays: 1 });
        expect(runPolicy(logGroupRetention, rendered)).toEqual([
            { ...tooShort(group, 1), message: 'Log group "trail-events" of trail "audit" keeps events 1 day; set retentionInDays to at least 365.' },
        ]);
    });

    it("reads a retention written as a string", () => {
        const { rendered, group } = groupStack({ retentionInDays: "90" });
        expect(runPolicy(logGroupRetention, rendered)).toEqual([tooShort(group, 90)]);
    });

    it("says it cannot decide on a computed retention", () => {
        const { rendered, group } = groupStack({ retentionInDays: UNKNOWN_VALUE }, "preview");
        expect(runPolicy(logGroupRetention, rendered).map((f) => [f.enforcementLevel, f.urn, f.message])).toEqual([
            ["advisory", group.urn, 'Log group "trail-events" of trail "audit": retentionInDays is computed, so whether it keeps events at least 365 days is known only after `pulumi up`. (cannot be verified until the value is known)'],
        ]);
    });

    it("leaves alone log groups no trail delivers to", () => {
        const stack = new InMemoryStack();
        stack.add(LOG_GROUP, "app-logs", { retentionInDays: 1 });
        stack.add(TRAIL, "audit", { s3BucketName: "logs" });
        expect(runPolicy(logGroupRetention, stack.rendered())).toEqual([]);
    });

    it("finds the group by the name in a literal ARN", () => {
        const { rendered, group } = literalStack(`${GROUP_ARN}:*`, { name: "trail-events", retentionInDays: 7 }, "preview");
        expect(runPolicy(logGroupRetention, rendered)).toEqual([tooShort(group, 7)]);
    });

    it("takes its minimum from the setting minimumRetentionDays", () => {
        expect(runPolicy(logGroupRetention, groupStack({ retentionInDays: 30 }).rendered, { minimumRetentionDays: 30 })).toEqual([]);
        const { rendered, group } = groupStack({ retentionInDays: 365 });
        expect(runPolicy(logGroupRetention, rendered, { minimumRetentionDays: 400 })).toEqual([tooShort(group, 365, 400)]);
    });

    it("reports a minimumRetentionDays below 1, naming the key and what is expected", () => {
        const { rendered, group } = groupStack({ retentionInDays: 365 });
        expect(runPolicy(logGroupRetention, rendered, { minimumRetentionDays: 0 })).toEqual([
            {
                policy: "cloudtrail-log-group-retention",
                enforcementLevel: "mandatory",
                urn: group.urn,
                message: 'invalid config for policy "cloudtrail-log-group-retention", key "minimumRetentionDays": 0 is below the minimum; expected an integer ≥ 1',
            },
        ]);
    });
});
