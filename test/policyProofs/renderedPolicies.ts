// The policy documents of a rendered baseline, found the way a reviewer would (by the component
// that owns them), and the facts the request matrix's templates are expanded with.
import { expect } from "vitest";
import { auditNames } from "../../components/auditNames";
import { generatedPolicies, type GeneratedPolicyName } from "../baseline/support/generatedPolicies";
import { ACCOUNT_ID, BaselineView, ORGANIZATION_ID, RenderedBaseline, TYPES } from "../baseline/support/renderedBaseline";
import type { PolicyTarget, StackFacts, StackFeatures } from "./requestMatrix";
import type { Settings } from "../../config/settings";

export const FOREIGN_ACCOUNT = "999999999999";
export const MEMBER_ACCOUNT = "111122223333";
export const OTHER_ORGANIZATION_ID = "o-otherorg0000";

export function featuresOf(settings: Settings): StackFeatures {
    return {
        organizationTrail: settings.trail.organizationTrail,
        deliveryNotifications: settings.trail.deliveryNotifications,
        insights: settings.trail.insights.length > 0,
    };
}

export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
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
};

/** Each policy document the matrix targets; the delivery topic's only when the stack has one. */
export function renderedPolicies(view: BaselineView): Partial<Record<PolicyTarget, unknown>> {
    return Object.fromEntries(
        generatedPolicies(view).map((p) => [TARGET_OF[p.name], { Version: "2012-10-17", Statement: p.statements }]),
    );
}

/**
 * Facts for the matrix. Names follow components/auditNames.ts (the resources are checked to carry
 * them); ARNs are formatted here from the AWS ARN formats, not with the baseline's own helpers.
 * The key ARN and an alarm name come from the deployed render.
 */
export function stackFacts(rendered: RenderedBaseline): StackFacts {
    const view = rendered.byMode.deployed;
    const names = auditNames(rendered.settings);
    const partition = partitionOf(rendered.region);
    const account = ACCOUNT_ID;
    const region = rendered.region;
    const arn = (service: string, resource: string, acct = account, reg = region) => `arn:${partition}:${service}:${reg}:${acct}:${resource}`;
    const key = view.childOf(view.component(TYPES.auditKey), TYPES.key);
    const keyArn = key.outputs.arn;
    expect(typeof keyArn, "the deployed key has an ARN").toBe("string");
    const alarmNames = view
        .childrenOf(view.component(TYPES.alarms))
        .filter((r) => r.type === TYPES.metricAlarm)
        .map((r) => r.inputs.name as string);
    expect(alarmNames.length, "the stack has security alarms").toBeGreaterThan(0);
    const alarmName = alarmNames[0]!;
    const logging = view.childOf(view.component(TYPES.archive), TYPES.logging);
    const archiveBucketName = names.archiveBucket(account);
    return {
        partition,
        account,
        region,
        foreignAccount: FOREIGN_ACCOUNT,
        trailName: names.trail,
        trailArn: arn("cloudtrail", `trail/${names.trail}`),
        otherTrailArn: arn("cloudtrail", `trail/${names.trail}-shadow`),
        foreignTrailArn: arn("cloudtrail", `trail/${names.trail}`, FOREIGN_ACCOUNT),
        archiveBucketName,
        archiveBucketArn: `arn:${partition}:s3:::${archiveBucketName}`,
        accessLogBucketArn: `arn:${partition}:s3:::${names.accessLogBucket(account)}`,
        accessLogPrefix: logging.inputs.targetPrefix as string,
        otherSourceBucketArn: `arn:${partition}:s3:::someone-elses-bucket`,
        keyArn: keyArn as string,
        logGroupArn: arn("logs", `log-group:${names.logGroup}`),
        otherLogGroupArn: arn("logs", "log-group:/aws/lambda/unrelated"),
        deliveryRoleArn: `arn:${partition}:iam::${account}:role/${names.cloudWatchDeliveryRole}`,
        deliveryRoleSessionArn: `arn:${partition}:sts::${account}:assumed-role/${names.cloudWatchDeliveryRole}/CloudTrailSession`,
        alertTopicArn: arn("sns", names.alertTopic),
        deliveryTopicArn: arn("sns", names.deliveryTopic),
        unrelatedTopicArn: arn("sns", "unrelated-topic"),
        alarmArn: arn("cloudwatch", `alarm:${alarmName}`),
        foreignAlarmArn: arn("cloudwatch", `alarm:${alarmName}`, FOREIGN_ACCOUNT),
        unprefixedAlarmArn: arn("cloudwatch", "alarm:HighCPU"),
        accountRoleSessionArn: `arn:${partition}:sts::${account}:assumed-role/SecurityAuditor/alice`,
        organizationId: ORGANIZATION_ID,
        otherOrganizationId: OTHER_ORGANIZATION_ID,
        memberAccount: MEMBER_ACCOUNT,
    };
}

/** The names the facts assume, as the rendered resources carry them (checked by a test). */
export function renderedNames(view: BaselineView) {
    const trail = view.component(TYPES.auditTrail);
    const deliveryTopics = view.ofType(TYPES.topic).filter((r) => r.parent === trail.urn);
    return {
        trail: view.childOf(trail, TYPES.trail).inputs.name,
        archiveBucket: view.childOf(view.component(TYPES.archive), TYPES.bucket).inputs.bucket,
        accessLogBucket: view.childOf(view.component(TYPES.accessLogs), TYPES.bucket).inputs.bucket,
        logGroup: view.childOf(trail, TYPES.logGroup).inputs.name,
        cloudWatchDeliveryRole: view.childOf(trail, TYPES.role).inputs.name,
        alertTopic: view.childOf(view.component(TYPES.alertTopic), TYPES.topic).inputs.name,
        deliveryTopic: deliveryTopics[0]?.inputs.name,
        alarms: view
            .childrenOf(view.component(TYPES.alarms))
            .filter((r) => r.type === TYPES.metricAlarm)
            .map((r) => r.inputs.name as string),
    };
}
