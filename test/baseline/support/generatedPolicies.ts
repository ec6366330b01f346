// Every policy document trailguard generates, found in a rendered stack by the component that owns
// it, with the names its statements refer to (read from the rendered resources, not computed the
// way the components compute them). Shared by the citation-table test and the IAM proofs.
import {
    ACCOUNT_ID,
    BaselineView,
    ORGANIZATION_ID,
    policyOf,
    RenderedBaseline,
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
    | "delivery-role-inline";

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
    return policies;
}

export function policyPlaceholders(rendered: RenderedBaseline, view: BaselineView): PolicyPlaceholders {
    const trailComponent = view.component(TYPES.auditTrail);
    const named = (component: string, type: string, input: string) => String(view.childOf(view.component(component), type).inputs[input]);
    const deliveryTopic = view.ofType(TYPES.topic).find((t) => t.parent === trailComponent.urn);
    return {
        partition: "aws",
        account: ACCOUNT_ID,
        region: rendered.region,
        organizationId: ORGANIZATION_ID,
        trail: named(TYPES.auditTrail, TYPES.trail, "name"),
        archiveBucket: named(TYPES.archive, TYPES.bucket, "bucket"),
        accessLogBucket: named(TYPES.accessLogs, TYPES.bucket, "bucket"),
        logGroup: named(TYPES.auditTrail, TYPES.logGroup, "name"),
        alertTopic: named(TYPES.alertTopic, TYPES.topic, "name"),
        deliveryTopic: deliveryTopic ? String(deliveryTopic.inputs.name) : "<no delivery topic>",
        alarmPrefix: `${rendered.settings.namePrefix}-alarm-`,
    };
}
