// The policy documents of a rendered baseline, found the way a reviewer would (by the component
// that owns them), and the facts the request matrix's templates are expanded with.
import { expect } from "vitest";
import { generatedPolicies, partitionOf, renderedNames, type GeneratedPolicyName } from "../baseline/support/generatedPolicies";
import { ACCOUNT_ID, BaselineView, DeployedBaseline, ORGANIZATION_ID, TYPES } from "../baseline/support/renderedBaseline";
import type { PolicyTarget, StackFacts, StackFeatures } from "./requestMatrix";
import type { Settings } from "../../config/settings";

const FOREIGN_ACCOUNT = "999999999999";
const MEMBER_ACCOUNT = "111122223333";
const OTHER_ORGANIZATION_ID = "o-otherorg0000";

export function featuresOf(settings: Settings): StackFeatures {
    return {
        organizationTrail: settings.trail.organizationTrail,
        deliveryNotifications: settings.trail.deliveryNotifications,
        insights: settings.trail.insights.length > 0,
        investigation: settings.investigation.enabled,
    };
}

/** The matrix's name for each policy docs/policy-statements.md lists. */
const TARGET_OF: Record<GeneratedPolicyName, PolicyTarget> = {
    "archive-bucket": "archiveBucketPolicy",
    "access-log-bucket": "accessLogBucketPolicy",
    "audit-key": "keyPolicy",
    "alert-topic": "alertTopicPolicy",
    "delivery-topic": "deliveryTopicPolicy",
    "delivery-role-trust": "deliveryRoleTrustPolicy",
    "delivery-role-inline": "deliveryRoleInlinePolicy",
    "athena-results-bucket": "athenaResultsBucketPolicy",
};

/** Each policy document the matrix targets; the delivery topic's only when the stack has one. */
export function renderedPolicies(view: BaselineView): Partial<Record<PolicyTarget, unknown>> {
    return Object.fromEntries(
        generatedPolicies(view).map((p) => [TARGET_OF[p.name], { Version: "2012-10-17", Statement: p.statements }]),
    );
}

/**
 * Facts for the matrix: the names the stack deployed with, read from the render, and ARNs formatted
 * here from the AWS ARN formats, not with the baseline's own helpers. The key ARN and an alarm
 * name come from the deployed render.
 */
export function stackFacts(deployed: DeployedBaseline): StackFacts {
    const { view, region } = deployed;
    const names = renderedNames(view);
    const partition = partitionOf(region);
    const account = ACCOUNT_ID;
    const arn = (service: string, resource: string, acct = account, reg = region) => `arn:${partition}:${service}:${reg}:${acct}:${resource}`;
    const keyArn = view.childOf(view.component(TYPES.auditKey), TYPES.key).outputs.arn;
    expect(typeof keyArn, "the deployed key has an ARN").toBe("string");
    expect(names.alarms.length, "the stack has security alarms").toBeGreaterThan(0);
    const alarmName = names.alarms[0]!;
    const logging = view.childOf(view.component(TYPES.archive), TYPES.logging);
    return {
        partition,
        account,
        region,
        foreignAccount: FOREIGN_ACCOUNT,
        trailName: names.trail,
        trailArn: arn("cloudtrail", `trail/${names.trail}`),
        otherTrailArn: arn("cloudtrail", `trail/${names.trail}-shadow`),
        foreignTrailArn: arn("cloudtrail", `trail/${names.trail}`, FOREIGN_ACCOUNT),
        archiveBucketName: names.archiveBucket,
        archiveBucketArn: `arn:${partition}:s3:::${names.archiveBucket}`,
        accessLogBucketArn: `arn:${partition}:s3:::${names.accessLogBucket}`,
        accessLogPrefix: logging.inputs.targetPrefix as string,
        otherSourceBucketArn: `arn:${partition}:s3:::someone-elses-bucket`,
        keyArn: keyArn as string,
        logGroupArn: arn("logs", `log-group:${names.logGroup}`),
        otherLogGroupArn: arn("logs", "log-group:/aws/lambda/unrelated"),
        deliveryRoleArn: `arn:${partition}:iam::${account}:role/${names.cloudWatchDeliveryRole}`,
        deliveryRoleSessionArn: `arn:${partition}:sts::${account}:assumed-role/${names.cloudWatchDeliveryRole}/CloudTrailSession`,
        alertTopicArn: arn("sns", names.alertTopic),
        // Rows for the delivery topic apply only where the stack has one.
        deliveryTopicArn: arn("sns", names.deliveryTopic ?? "no-delivery-topic"),
        unrelatedTopicArn: arn("sns", "unrelated-topic"),
        alarmArn: arn("cloudwatch", `alarm:${alarmName}`),
        foreignAlarmArn: arn("cloudwatch", `alarm:${alarmName}`, FOREIGN_ACCOUNT),
        unprefixedAlarmArn: arn("cloudwatch", "alarm:HighCPU"),
        accountRoleSessionArn: `arn:${partition}:sts::${account}:assumed-role/SecurityAuditor/alice`,
        organizationId: ORGANIZATION_ID,
        otherOrganizationId: OTHER_ORGANIZATION_ID,
        memberAccount: MEMBER_ACCOUNT,
        athenaResultsBucketArn: `arn:${partition}:s3:::${names.athenaResultsBucket ?? "no-athena-results-bucket"}`,
    };
}
