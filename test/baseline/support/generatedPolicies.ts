// Every policy document trailguard generates, found in a rendered stack by the component that owns
// it, with the names its statements refer to (read from the rendered resources, not computed the
// way the components compute them). Shared by the citation-table test and the IAM proofs.
import {
    ACCOUNT_ID,
    BaselineView,
    ORGANIZATION_ID,
    DeployedBaseline,
    policyOf,
    Statement,
    TYPES,
} from "./renderedBaseline";

/** The policies the baseline writes, by the name docs/policy-statements.md uses. */
export type GeneratedPolicyName =
    | "archive-bucket"
    | "access-log-bucket"
    | "audit-key"
    | "alert-topic"
    | "delivery-topic"
    | "delivery-role-trust"
    | "delivery-role-inline"
    | "athena-results-bucket";

export interface GeneratedPolicy {
    name: GeneratedPolicyName;
    statements: Statement[];
}

/** What the `<placeholders>` of docs/policy-statements.md stand for in one rendered stack. */
export type PolicyPlaceholders = Record<string, string>;

export function generatedPolicies(view: BaselineView): GeneratedPolicy[] {
    const archive = view.component(TYPES.archive);
    const accessLogs = view.component(TYPES.accessLogs);
    const trail = view.component(TYPES.auditTrail);
    const policies: GeneratedPolicy[] = [
        { name: "archive-bucket", statements: policyOf(view.childOf(archive, TYPES.bucketPolicy)).Statement },
        { name: "access-log-bucket", statements: policyOf(view.childOf(accessLogs, TYPES.bucketPolicy)).Statement },
        { name: "audit-key", statements: policyOf(view.childOf(view.component(TYPES.auditKey), TYPES.key)).Statement },
        { name: "alert-topic", statements: policyOf(view.childOf(view.component(TYPES.alertTopic), TYPES.topicPolicy)).Statement },
        { name: "delivery-role-trust", statements: policyOf(view.childOf(trail, TYPES.role), "assumeRolePolicy").Statement },
        { name: "delivery-role-inline", statements: policyOf(view.childOf(trail, TYPES.rolePolicy)).Statement },
    ];
    const deliveryTopicPolicy = view.ofType(TYPES.topicPolicy).find((p) => p.parent === trail.urn);
    if (deliveryTopicPolicy) policies.push({ name: "delivery-topic", statements: policyOf(deliveryTopicPolicy).Statement });
    const investigation = view.ofType(TYPES.investigation)[0];
    if (investigation) policies.push({ name: "athena-results-bucket", statements: policyOf(view.childOf(investigation, TYPES.bucketPolicy)).Statement });
    return policies;
}

/** The partition a region belongs to, as AWS's ARN formats name it. */
export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/** The physical names the stack deployed with, as the rendered resources carry them. */
export function renderedNames(view: BaselineView) {
    const trail = view.component(TYPES.auditTrail);
    const deliveryTopic = view.ofType(TYPES.topic).find((r) => r.parent === trail.urn);
    const investigation = view.ofType(TYPES.investigation)[0];
    const name = (component: string, type: string, input: string) => String(view.childOf(view.component(component), type).inputs[input]);
    return {
        trail: name(TYPES.auditTrail, TYPES.trail, "name"),
        archiveBucket: name(TYPES.archive, TYPES.bucket, "bucket"),
        accessLogBucket: name(TYPES.accessLogs, TYPES.bucket, "bucket"),
        logGroup: name(TYPES.auditTrail, TYPES.logGroup, "name"),
        cloudWatchDeliveryRole: name(TYPES.auditTrail, TYPES.role, "name"),
        alertTopic: name(TYPES.alertTopic, TYPES.topic, "name"),
        deliveryTopic: deliveryTopic ? String(deliveryTopic.inputs.name) : undefined,
        athenaResultsBucket: investigation ? String(view.childOf(investigation, TYPES.bucket).inputs.bucket) : undefined,
        alarms: view
            .childrenOf(view.component(TYPES.alarms))
            .filter((r) => r.type === TYPES.metricAlarm)
            .map((r) => String(r.inputs.name)),
    };
}

export function policyPlaceholders(deployed: DeployedBaseline): PolicyPlaceholders {
    const names = renderedNames(deployed.view);
    return {
        partition: partitionOf(deployed.region),
        account: ACCOUNT_ID,
        region: deployed.region,
        organizationId: ORGANIZATION_ID,
        trail: names.trail,
        archiveBucket: names.archiveBucket,
        accessLogBucket: names.accessLogBucket,
        logGroup: names.logGroup,
        alertTopic: names.alertTopic,
        deliveryTopic: names.deliveryTopic ?? "<no delivery topic>",
        athenaResultsBucket: names.athenaResultsBucket ?? "<no results bucket>",
        alarmPrefix: `${deployed.settings.namePrefix}-alarm-`,
    };
}
