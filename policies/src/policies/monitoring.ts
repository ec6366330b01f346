// CIS monitoring controls (section 4 of CIS AWS Foundations v1.4.0/v3.0.0): for every required
// control, a metric filter on the trail's log group with the CIS pattern and an alarm on its metric
// that notifies someone. Patterns come from the shared catalogue and compare as Security Hub
// compares them (white space outside quotes aside).
import { findControlByCisId, findControlByPattern, MONITORING_CONTROLS, MonitoringControl } from "../catalogue/monitoringControls";
import { describeSyntaxError, tryParseFilterPattern } from "../filterPattern";
import { cisV14, cisV30, FrameworkReference, HIPAA_AUDIT_CONTROLS, nist, pciDss, securityHub, SOC2_MONITORING } from "../frameworks";
import { resourcePolicy, stackPolicy } from "../policyDefinition";
import { Node, StackGraph, TYPES } from "../stackGraph";
import { at, bool, isSet, isUnknown, items, list, show, str, UNKNOWN } from "../values";

const CIS_IDS = MONITORING_CONTROLS.map((c) => c.references.cisV14);
const FILTER = new Set<string>([TYPES.metricFilter]);
const TOPIC = new Set<string>([TYPES.topic]);

interface MetricFilterInfo {
    node: Node;
    pattern: string | typeof UNKNOWN | undefined;
    /** The catalogue control whose pattern the filter has, if any. */
    control?: MonitoringControl;
    metricName: unknown;
    namespace: unknown;
}

interface AlarmInfo {
    node: Node;
    filter?: Node;
    actions: unknown[] | typeof UNKNOWN;
}

/** The trail log groups, the filters on them and the alarms on those filters' metrics. */
class MonitoringView {
    readonly logGroups = new Set<Node>();
    readonly filters: MetricFilterInfo[] = [];
    /** Filters whose log group is computed and cannot be joined. */
    readonly unresolvedFilters: Node[] = [];
    readonly alarms: AlarmInfo[] = [];
    /** Alarms whose metric name or namespace is computed and joined no filter: they may watch any of them. */
    readonly unresolvedAlarms: Node[] = [];
    /** Trails whose log group is named but not in this stack, or computed beyond joining. */
    readonly trailsWithoutGroup: { trail: Node; why: "none" | "external" | "unknown" }[] = [];

    constructor(readonly graph: StackGraph) {
        for (const audit of graph.trails()) {
            if (bool(audit.trail.props["enableLogging"]) === false) continue;
            if (audit.logGroup) {
                this.logGroups.add(audit.logGroup);
                continue;
            }
            const arn = audit.trail.props["cloudWatchLogsGroupArn"];
            this.trailsWithoutGroup.push({ trail: audit.trail, why: !isSet(arn) ? "none" : isUnknown(arn) ? "unknown" : "external" });
        }
        for (const node of graph.ofType(TYPES.metricFilter)) {
            const group = graph.filterLogGroup(node);
            if (group === "unresolved") this.unresolvedFilters.push(node);
            if (typeof group !== "object" || !this.logGroups.has(group)) continue;
            const transformations = list(node.props["metricTransformation"]) ?? [node.props["metricTransformation"]];
            const transformation = transformations === UNKNOWN ? UNKNOWN : transformations[0];
            const pattern = str(node.props["pattern"]);
            this.filters.push({
                node,
                pattern,
                control: typeof pattern === "string" ? findControlByPattern(pattern) : undefined,
                metricName: at(transformation, "name"),
                namespace: at(transformation, "namespace"),
            });
        }
        for (const node of graph.ofType(TYPES.alarm)) {
            const filter = this.filterOfAlarm(node);
            if (!filter) {
                if (isUnknown(node.props["metricName"]) || isUnknown(node.props["namespace"])) this.unresolvedAlarms.push(node);
                continue;
            }
            const actions = node.props["alarmActions"];
            this.alarms.push({ node, filter, actions: isUnknown(actions) ? UNKNOWN : items(actions) });
        }
    }

    /** The filter whose metric an alarm watches: by dependency on its metric name, else by name and namespace. */
    private filterOfAlarm(alarm: Node): Node | undefined {
        const viaDeps = this.graph.followToType(alarm, "metricName", FILTER, 0);
        if (viaDeps && this.filters.some((f) => f.node === viaDeps)) return viaDeps;
        const name = alarm.props["metricName"];
        const namespace = alarm.props["namespace"];
        return this.filters.find((f) => f.metricName === name && f.namespace === namespace && !isUnknown(name))?.node;
    }

    /** The topics the alarms on trail metrics notify. */
    alarmTopics(): Map<Node, Node> {
        const topics = new Map<Node, Node>();
        const byArn = new Map(this.graph.ofType(TYPES.topic).map((t) => [t.props["arn"], t]));
        for (const alarm of this.alarms) {
            const viaDeps = (alarm.node.deps["alarmActions"] ?? []).filter((n) => TOPIC.has(n.type));
            const viaArn = alarm.actions === UNKNOWN ? [] : alarm.actions.map((a) => (typeof a === "string" && !isUnknown(a) ? byArn.get(a) : undefined));
            for (const topic of [...viaDeps, ...viaArn]) if (topic && !topics.has(topic)) topics.set(topic, alarm.node);
        }
        return topics;
    }
}

const CONTROL_REFERENCES: readonly FrameworkReference[] = [
    cisV14("4.1–4.15"),
    cisV30("4.1–4.15"),
    securityHub("CloudWatch.1–14"),
    pciDss("10.4.1"),
    pciDss("10.7.2"),
    HIPAA_AUDIT_CONTROLS,
    SOC2_MONITORING,
    nist("AU-6"),
    nist("SI-4"),
];

// Both stack policies here read the same per-request graph: build its view once.
const views = new WeakMap<StackGraph, MonitoringView>();

function monitoringView(graph: StackGraph): MonitoringView {
    let view = views.get(graph);
    if (!view) {
        view = new MonitoringView(graph);
        views.set(graph, view);
    }
    return view;
}

export interface MonitoringSettings {
    requiredControls: string[];
}

export const cisMonitoringAlarms = stackPolicy<MonitoringSettings>(
    {
        name: "cis-monitoring-alarms",
        displayName: "CIS monitoring metric filters and alarms",
        description: "For every required CIS monitoring control, the trail's log group needs a metric filter with the CIS pattern and an alarm on its metric that notifies someone.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "For each missing control add an aws.cloudwatch.LogMetricFilter on the trail's log group with exactly the CIS pattern (docs/policies.md lists them) and an aws.cloudwatch.MetricAlarm on its metric name and namespace with alarmActions set to an SNS topic.",
        references: CONTROL_REFERENCES,
        settings: {
            requiredControls: {
                type: "array",
                description: "CIS AWS Foundations v1.4.0/v3.0.0 monitoring recommendations (4.1–4.15) that must have a metric filter and an alarm.",
                default: CIS_IDS,
                items: { type: "string", enum: CIS_IDS },
                uniqueItems: true,
            },
        },
    },
    TYPES.trail,
    ({ graph, stackUrn }, settings, report) => {
        const required = settings.requiredControls.map((id) => findControlByCisId(id)).filter((c): c is MonitoringControl => c !== undefined);
        if (required.length === 0) return;
        const view = monitoringView(graph);
        if (view.logGroups.size === 0) {
            for (const { trail, why } of view.trailsWithoutGroup) {
                const message =
                    why === "none"
                        ? `Trail "${trail.name}" delivers no events to CloudWatch Logs, so none of CIS ${required.map((c) => c.references.cisV14).join(", ")} can be monitored; set cloudWatchLogsGroupArn and add the metric filters and alarms.`
                        : `Trail "${trail.name}" delivers to a log group that is not in this stack, so its metric filters and alarms cannot be checked here.`;
                report({ urn: trail.urn, message, unverified: why !== "none" });
            }
            return;
        }
        const groupNames = [...view.logGroups].map((g) => `"${g.name}"`).join(", ");
        const undecided = view.unresolvedFilters.length > 0 || view.filters.some((f) => f.pattern === UNKNOWN);
        for (const control of required) {
            const cis = control.references.cisV14;
            const filters = view.filters.filter((f) => f.control === control);
            if (filters.length === 0) {
                report({
                    urn: stackUrn,
                    unverified: undecided,
                    message: `CIS ${cis} (${control.title}): no metric filter on log group ${groupNames} has the CIS pattern; add a LogMetricFilter with pattern ${control.pattern}`,
                });
                continue;
            }
            const alarms = view.alarms.filter((a) => filters.some((f) => f.node === a.filter));
            if (alarms.some((a) => a.actions === UNKNOWN || a.actions.length > 0)) continue;
            const filter = filters[0];
            // An alarm on a computed metric, or a filter emitting one, may yet be the alarm that notifies.
            const alarmUndecided = view.unresolvedAlarms.length > 0 || filters.some((f) => isUnknown(f.metricName) || isUnknown(f.namespace));
            report({
                urn: alarms[0]?.node.urn ?? filter.node.urn,
                unverified: alarmUndecided,
                message:
                    alarms.length === 0
                        ? `CIS ${cis} (${control.title}): no alarm watches metric ${metricText(filter.namespace)}/${metricText(filter.metricName)} of filter "${filter.node.name}"; add a MetricAlarm on it with alarmActions.`
                        : `CIS ${cis} (${control.title}): alarm "${alarms[0].node.name}" notifies nobody; set alarmActions to an SNS topic.`,
            });
        }
    },
);

/** A metric name or namespace as written, or "(computed)". */
function metricText(value: unknown): string {
    return typeof value === "string" ? value : show(value);
}

export const metricFilterPatternSyntax = resourcePolicy(
    {
        name: "metric-filter-pattern-syntax",
        displayName: "Metric filter patterns parse",
        description: "A metric filter's JSON pattern must be valid: AWS rejects an invalid one at deploy time, after the rest of the stack has changed.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps: "Fix the pattern at the position shown; `trailguard` prints the parse error with a caret under it.",
        references: [cisV14("4.1–4.15"), cisV30("4.1–4.15"), nist("SI-4")],
    },
    [TYPES.metricFilter],
    (filter, _settings, report) => {
        const pattern = str(filter.props["pattern"]);
        // Only JSON patterns ({ ... }) are parsed; term and space-delimited patterns are left alone.
        if (typeof pattern !== "string" || !pattern.trimStart().startsWith("{")) return;
        const parsed = tryParseFilterPattern(pattern);
        if (parsed.ok) return;
        report({ message: `Metric filter "${filter.name}" has an invalid pattern, which AWS would reject:\n${describeSyntaxError(pattern, parsed.error)}` });
    },
);

export const alertTopicEncryption = stackPolicy(
    {
        name: "cis-alarm-topic-encryption",
        displayName: "Alarm topic encrypted",
        description: "The SNS topic the CIS alarms notify must be encrypted with a customer managed KMS key that CloudWatch may use.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Set `kmsMasterKeyId` on the aws.sns.Topic to a customer managed key whose policy allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*. The AWS managed key alias/aws/sns cannot be used: CloudWatch may not use it, and alarms would fail to publish.",
        references: [securityHub("SNS.1"), pciDss("10.3.2"), nist("SC-28"), nist("SI-4")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const [topic, alarm] of monitoringView(graph).alarmTopics()) {
            const key = topic.props["kmsMasterKeyId"];
            if (isUnknown(key)) continue;
            if (!isSet(key)) {
                report({ urn: topic.urn, message: `SNS topic "${topic.name}" (notified by alarm "${alarm.name}") is not encrypted; set kmsMasterKeyId to a customer managed KMS key.` });
            } else if (key === "alias/aws/sns") {
                report({
                    urn: topic.urn,
                    message: `SNS topic "${topic.name}" uses the AWS managed key alias/aws/sns, which CloudWatch cannot use, so alarm "${alarm.name}" could never publish; use a customer managed key that allows cloudwatch.amazonaws.com.`,
                });
            }
        }
    },
);
