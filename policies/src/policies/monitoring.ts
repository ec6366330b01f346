// CIS monitoring controls (section 4 of CIS AWS Foundations v1.4.0/v3.0.0): for every required
// control, a metric filter on the trail's log group with the CIS pattern and an alarm on its metric
// that notifies someone. Patterns come from the shared catalogue and compare as Security Hub
// compares them (white space outside quotes aside). And the delivery heartbeat that keeps those
// alarms honest (catalogue/deliveryHeartbeat.ts): silence on the log group must alarm too.
import { DELIVERY_HEARTBEAT, INCOMING_LOG_EVENTS_METRIC, LOG_GROUP_DIMENSION, LOG_GROUP_METRIC_NAMESPACE } from "../../../core/catalogue/deliveryHeartbeat";
import { findControlByCisId, findControlByPattern, MONITORING_CONTROLS, MonitoringControl } from "../../../core/catalogue/monitoringControls";
import { describeSyntaxError, tryParseFilterPattern } from "../../../core/filterPattern";
import { cisV14, cisV30, FrameworkReference, HIPAA_AUDIT_CONTROLS, nist, pciDss, securityHub, SOC2_MONITORING } from "../frameworks";
import { resourcePolicy, stackPolicy } from "../policyDefinition";
import { LOG_GROUP_TYPES, LogGroupNode, Node, StackGraph, TrailNode, TYPES } from "../stackGraph";
import { at, bool, isSet, isUnknown, items, list, listText, show, str, UNKNOWN, Unknown } from "../values";

const CIS_IDS = MONITORING_CONTROLS.map((c) => c.references.cisV14);
const FILTER: ReadonlySet<typeof TYPES.metricFilter> = new Set([TYPES.metricFilter]);
const TOPIC = new Set<string>([TYPES.topic]);

type MetricFilterNode = Node<typeof TYPES.metricFilter>;
type AlarmNode = Node<typeof TYPES.alarm>;
type TopicNode = Node<typeof TYPES.topic>;

interface MetricFilterInfo {
    node: MetricFilterNode;
    /** The trail log group the filter reads. */
    group: LogGroupNode;
    pattern: string | typeof UNKNOWN | undefined;
    /** The catalogue control whose pattern the filter has, if any. */
    control?: MonitoringControl;
    metricName: unknown;
    namespace: unknown;
}

interface AlarmInfo {
    node: AlarmNode;
    filter?: MetricFilterNode;
    actions: unknown[] | typeof UNKNOWN;
    /** False when actionsEnabled is false: CloudWatch then runs none of the alarm's actions. */
    actionsEnabled: boolean | Unknown;
}

/** Whether an alarm notifies someone; a computed alarmActions or actionsEnabled counts as notifying. */
function notifies(alarm: AlarmInfo): boolean {
    return alarm.actionsEnabled !== false && (alarm.actions === UNKNOWN || alarm.actions.length > 0);
}

/** The trail log groups, the filters on them and the alarms on those filters' metrics. */
class MonitoringView {
    readonly logGroups = new Set<LogGroupNode>();
    readonly filters: MetricFilterInfo[] = [];
    /** Filters whose log group is computed and cannot be joined. */
    readonly unresolvedFilters: MetricFilterNode[] = [];
    readonly alarms: AlarmInfo[] = [];
    /** Alarms whose metric name or namespace is computed and joined no filter: they may watch any of them. */
    readonly unresolvedAlarms: AlarmNode[] = [];
    /** Trails whose log group is named but not in this stack, or computed beyond joining. */
    readonly trailsWithoutGroup: { trail: TrailNode; why: "none" | "external" | "unknown" }[] = [];

    constructor(readonly graph: StackGraph) {
        for (const audit of graph.trails()) {
            if (bool(audit.trail.props.enableLogging) === false) continue;
            if (audit.logGroup) {
                this.logGroups.add(audit.logGroup);
                continue;
            }
            const arn = audit.trail.props.cloudWatchLogsGroupArn;
            this.trailsWithoutGroup.push({ trail: audit.trail, why: !isSet(arn) ? "none" : isUnknown(arn) ? "unknown" : "external" });
        }
        for (const node of graph.ofType(TYPES.metricFilter)) {
            const group = graph.filterLogGroup(node);
            if (group === "unresolved") this.unresolvedFilters.push(node);
            if (typeof group !== "object" || !this.logGroups.has(group)) continue;
            const transformations = list(node.props.metricTransformation) ?? [node.props.metricTransformation];
            const transformation = transformations === UNKNOWN ? UNKNOWN : transformations[0];
            const pattern = str(node.props.pattern);
            this.filters.push({
                node,
                group,
                pattern,
                control: typeof pattern === "string" ? findControlByPattern(pattern) : undefined,
                metricName: at(transformation, "name"),
                namespace: at(transformation, "namespace"),
            });
        }
        for (const node of graph.ofType(TYPES.alarm)) {
            const filter = this.filterOfAlarm(node);
            if (!filter) {
                if (isUnknown(node.props.metricName) || isUnknown(node.props.namespace)) this.unresolvedAlarms.push(node);
                continue;
            }
            const actions = node.props.alarmActions;
            this.alarms.push({ node, filter, actions: isUnknown(actions) ? UNKNOWN : items(actions), actionsEnabled: bool(node.props.actionsEnabled) ?? true });
        }
    }

    /** The filter whose metric an alarm watches: by dependency on its metric name, else by name and namespace. */
    private filterOfAlarm(alarm: AlarmNode): MetricFilterNode | undefined {
        const viaDeps = this.graph.followToType(alarm, "metricName", FILTER, 0);
        if (viaDeps && this.filters.some((f) => f.node === viaDeps)) return viaDeps;
        const name = alarm.props.metricName;
        const namespace = alarm.props.namespace;
        return this.filters.find((f) => f.metricName === name && f.namespace === namespace && !isUnknown(name))?.node;
    }

    /** The topics the alarms on trail metrics notify. */
    alarmTopics(): Map<TopicNode, AlarmNode> {
        const topics = new Map<TopicNode, AlarmNode>();
        const byArn = new Map(this.graph.ofType(TYPES.topic).map((t) => [t.props.arn, t]));
        for (const alarm of this.alarms) {
            const viaDeps = (alarm.node.deps["alarmActions"] ?? []).filter((n): n is TopicNode => TOPIC.has(n.type));
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

// The stack policies here read the same per-request graph: build its view once.
const views = new WeakMap<StackGraph, MonitoringView>();

function monitoringView(graph: StackGraph): MonitoringView {
    let view = views.get(graph);
    if (!view) {
        view = new MonitoringView(graph);
        views.set(graph, view);
    }
    return view;
}

export interface CisMonitoringConfig {
    requiredControls: string[];
}

export const cisMonitoringAlarms = stackPolicy<CisMonitoringConfig>(
    {
        name: "cis-monitoring-alarms",
        displayName: "CIS monitoring metric filters and alarms",
        description: "For every required CIS monitoring control, the trail's log group needs a metric filter with the CIS pattern and an alarm on its metric that notifies someone.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "For each missing control add an aws.cloudwatch.LogMetricFilter on the trail's log group with exactly the CIS pattern (docs/policies.md lists them) and an aws.cloudwatch.MetricAlarm on its metric name and namespace with alarmActions set to an SNS topic (and actionsEnabled left at true: CloudWatch runs no action of a disabled alarm).",
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
    ({ graph, stackUrn, acceptedExceptions }, settings, report) => {
        const required = settings.requiredControls.map((id) => findControlByCisId(id)).filter((c): c is MonitoringControl => c !== undefined);
        // A control the program's config turned off with a reason is still reported, as an accepted exception.
        const exceptionFor = (control: MonitoringControl) => acceptedExceptions.find((e) => e.cis === control.references.cisV14);
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
                const accepted = exceptionFor(control);
                report({
                    urn: stackUrn,
                    unverified: undecided && !accepted,
                    accepted,
                    message: `CIS ${cis} (${control.title}): no metric filter on log group ${groupNames} has the CIS pattern; add a LogMetricFilter with pattern ${control.pattern}`,
                });
                continue;
            }
            const alarms = view.alarms.filter((a) => filters.some((f) => f.node === a.filter));
            if (alarms.some(notifies)) continue;
            const filter = filters[0];
            // An alarm on a computed metric, or a filter emitting one, may yet be the alarm that notifies.
            const alarmUndecided = view.unresolvedAlarms.length > 0 || filters.some((f) => isUnknown(f.metricName) || isUnknown(f.namespace));
            report({
                urn: alarms[0]?.node.urn ?? filter.node.urn,
                unverified: alarmUndecided,
                message:
                    alarms.length === 0
                        ? `CIS ${cis} (${control.title}): no alarm watches metric ${metricText(filter.namespace)}/${metricText(filter.metricName)} of filter "${filter.node.name}"; add a MetricAlarm on it with alarmActions.`
                        : `CIS ${cis} (${control.title}): alarm "${alarms[0].node.name}" notifies nobody${whyNobody(alarms[0])}`,
            });
        }
    },
);

/** Why an alarm that notifies nobody does not, and the fix. */
function whyNobody(alarm: AlarmInfo): string {
    if (alarm.actionsEnabled !== false) return "; set alarmActions to an SNS topic.";
    // AWS: an alarm's actions are not executed while ActionsEnabled is false.
    return alarm.actions !== UNKNOWN && alarm.actions.length === 0
        ? ": it has no alarmActions and actionsEnabled is false; set alarmActions to an SNS topic and remove actionsEnabled: false."
        : ": actionsEnabled is false, so its alarmActions never run; remove actionsEnabled: false.";
}

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
        const pattern = str(filter.props.pattern);
        // Only JSON patterns ({ ... }) are parsed; term and space-delimited patterns are left alone.
        if (typeof pattern !== "string" || !pattern.trimStart().startsWith("{")) return;
        const parsed = tryParseFilterPattern(pattern);
        if (parsed.ok) return;
        report({ message: `Metric filter "${filter.name}" has an invalid pattern, which AWS would reject:\n${describeSyntaxError(pattern, parsed.error)}` });
    },
);

/** The AWS managed SNS key: its alias, or the alias's ARN (arn:aws:kms:<region>:<account>:alias/aws/sns). */
const AWS_MANAGED_SNS_KEY = /^(?:arn:aws[a-z-]*:kms:[a-z0-9-]*:[0-9]*:)?alias\/aws\/sns$/;

export const alertTopicEncryption = stackPolicy(
    {
        name: "cis-alarm-topic-encryption",
        displayName: "Alarm topic encrypted",
        description: "The SNS topic the CIS alarms notify must be encrypted with a customer managed KMS key that CloudWatch may use.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Set `kmsMasterKeyId` on the aws.sns.Topic to a customer managed key whose policy allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*. The AWS managed key alias/aws/sns cannot be used, by alias or by ARN (arn:aws:kms:<region>:<account>:alias/aws/sns): CloudWatch may not use it, and alarms would fail to publish.",
        references: [securityHub("SNS.1"), pciDss("10.3.2"), nist("SC-28"), nist("SI-4")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const [topic, alarm] of monitoringView(graph).alarmTopics()) {
            const key = topic.props.kmsMasterKeyId;
            if (isUnknown(key)) continue;
            if (!isSet(key)) {
                report({ urn: topic.urn, message: `SNS topic "${topic.name}" (notified by alarm "${alarm.name}") is not encrypted; set kmsMasterKeyId to a customer managed KMS key.` });
            } else if (typeof key === "string" && AWS_MANAGED_SNS_KEY.test(key)) {
                const written = key === "alias/aws/sns" ? "" : ` (kmsMasterKeyId "${key}")`;
                report({
                    urn: topic.urn,
                    message: `SNS topic "${topic.name}" uses the AWS managed key alias/aws/sns${written}, which CloudWatch cannot use, so alarm "${alarm.name}" could never publish; use a customer managed key that allows cloudwatch.amazonaws.com.`,
                });
            }
        }
    },
);

const HEARTBEAT_OPERATORS: readonly string[] = [DELIVERY_HEARTBEAT.comparisonOperator, "LessThanOrEqualToThreshold"];

/**
 * Does an alarm watch a log group's IncomingLogEvents? Unknown while a part of its metric is
 * computed: `computed` names the alarm's computed parts, `groupName` whether the group's own name is.
 */
function watchesIncomingEvents(graph: StackGraph, alarm: AlarmNode, group: LogGroupNode): { watches: boolean | Unknown; computed: string[]; groupName: boolean } {
    const no = { watches: false, computed: [], groupName: false };
    const namespace = alarm.props.namespace;
    const metricName = alarm.props.metricName;
    if (!isUnknown(namespace) && namespace !== LOG_GROUP_METRIC_NAMESPACE) return no;
    if (!isUnknown(metricName) && metricName !== INCOMING_LOG_EVENTS_METRIC) return no;
    const computed = [...(isUnknown(namespace) ? ["namespace"] : []), ...(isUnknown(metricName) ? ["metricName"] : [])];
    let groupName = false;
    const viaDeps = graph.followToType(alarm, "dimensions", LOG_GROUP_TYPES, 0);
    if (viaDeps) {
        if (viaDeps !== group) return no;
    } else {
        const dimension = at(alarm.props.dimensions, LOG_GROUP_DIMENSION);
        const name = group.props.name;
        if (isUnknown(dimension)) computed.push(`${LOG_GROUP_DIMENSION} dimension`);
        else if (dimension === undefined) return no;
        else if (isUnknown(name)) groupName = true;
        else if (dimension !== name) return no;
    }
    return { watches: computed.length > 0 || groupName ? UNKNOWN : true, computed, groupName };
}

/** What keeps a heartbeat alarm from alarming on silence and telling someone: known problems, and computed settings. */
function heartbeatProblems(alarm: AlarmNode): { problems: string[]; computed: string[] } {
    const problems: string[] = [];
    const computed: string[] = [];
    const operator = alarm.props.comparisonOperator;
    if (isUnknown(operator)) computed.push("comparisonOperator");
    else if (typeof operator !== "string" || !HEARTBEAT_OPERATORS.includes(operator)) {
        problems.push(`its comparisonOperator is ${show(operator)}, so it alarms on too many events rather than too few (use "${DELIVERY_HEARTBEAT.comparisonOperator}")`);
    }
    const missing = alarm.props.treatMissingData;
    if (isUnknown(missing)) computed.push("treatMissingData");
    else if (missing !== DELIVERY_HEARTBEAT.treatMissingData) {
        problems.push(
            `it treats missing data as ${typeof missing === "string" ? `"${missing}"` : `"missing" (treatMissingData not set)`}, so it would not fire when delivery stops and the metric has no data at all (set treatMissingData: "${DELIVERY_HEARTBEAT.treatMissingData}")`,
        );
    }
    const actions = list(alarm.props.alarmActions);
    const enabled = bool(alarm.props.actionsEnabled);
    if (actions === UNKNOWN) computed.push("alarmActions");
    else if (!actions || actions.length === 0) problems.push("it has no alarmActions, so it would notify nobody (set alarmActions to an SNS topic)");
    if (enabled === UNKNOWN) computed.push("actionsEnabled");
    else if (enabled === false) problems.push("its actions are disabled (actionsEnabled: false), so it would notify nobody");
    return { problems, computed };
}

export const deliveryHeartbeat = stackPolicy(
    {
        name: "cloudtrail-delivery-heartbeat",
        displayName: "Trail delivery stopped alarm",
        description:
            "A trail log group watched by metric-filter alarms needs a heartbeat alarm on its IncomingLogEvents metric that treats missing data as breaching and notifies someone; otherwise, when delivery stops, every metric-filter alarm stays quiet.",
        severity: "medium",
        enforcementLevel: "advisory",
        remediationSteps: `Add an aws.cloudwatch.MetricAlarm with namespace "${LOG_GROUP_METRIC_NAMESPACE}", metricName "${INCOMING_LOG_EVENTS_METRIC}", dimensions { ${LOG_GROUP_DIMENSION}: logGroup.name }, statistic "${DELIVERY_HEARTBEAT.statistic}", period ${DELIVERY_HEARTBEAT.period}, evaluationPeriods ${DELIVERY_HEARTBEAT.evaluationPeriods}, threshold ${DELIVERY_HEARTBEAT.threshold}, comparisonOperator "${DELIVERY_HEARTBEAT.comparisonOperator}", treatMissingData "${DELIVERY_HEARTBEAT.treatMissingData}" and alarmActions set to the alert topic. CloudWatch Logs publishes no data point for a period without events, so only "breaching" turns silence into an alarm; the metric-filter alarms see no data then and stay quiet.`,
        references: [nist("AU-5"), pciDss("10.7.2"), SOC2_MONITORING, nist("SI-4")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        const view = monitoringView(graph);
        for (const group of view.logGroups) {
            const watched = view.alarms.filter((a) => view.filters.some((f) => f.node === a.filter && f.group === group));
            // Without metric-filter alarms there is nothing to keep honest (cis-monitoring-alarms asks for them).
            if (watched.length === 0) continue;
            const label = `Log group "${group.name}"`;
            const one = watched.length === 1;
            const silent = `${watched.length} metric-filter alarm${one ? "" : "s"} (such as "${watched[0].node.name}")`;
            const candidates = graph
                .ofType(TYPES.alarm)
                .map((alarm) => {
                    const metric = watchesIncomingEvents(graph, alarm, group);
                    return { alarm, watches: metric.watches, metricComputed: metric.computed, groupName: metric.groupName };
                })
                .filter((c) => c.watches !== false);
            const heartbeats = candidates.map((c) => ({ ...c, ...heartbeatProblems(c.alarm) }));
            if (heartbeats.some((h) => h.watches === true && h.problems.length === 0 && h.computed.length === 0)) continue;
            // A heartbeat that may yet be right once its computed settings are known: advisory, named.
            const undecided = heartbeats.filter((h) => h.problems.length === 0);
            if (undecided.length > 0) {
                const h = undecided[0];
                const computed = [...h.metricComputed, ...h.computed];
                const whose = [
                    ...(computed.length > 0 ? [`whose ${listText(computed)} ${computed.length === 1 ? "is" : "are"} computed`] : []),
                    ...(h.groupName ? [`${computed.length > 0 ? "and " : "whose "}${LOG_GROUP_DIMENSION} dimension cannot be matched to the group while the group's name is computed`] : []),
                ].join(" ");
                report({
                    urn: h.alarm.urn,
                    unverified: true,
                    message: `${label} relies on alarm "${h.alarm.name}" as its delivery heartbeat, ${whose}; it must watch ${LOG_GROUP_METRIC_NAMESPACE} ${INCOMING_LOG_EVENTS_METRIC} of this group with comparisonOperator "${DELIVERY_HEARTBEAT.comparisonOperator}", treatMissingData "${DELIVERY_HEARTBEAT.treatMissingData}" and alarmActions.`,
                });
                continue;
            }
            const known = heartbeats.filter((h) => h.watches === true);
            if (known.length === 0) {
                const name = str(group.props.name);
                report({
                    urn: group.urn,
                    message: `${label} is watched by ${silent} but has no heartbeat alarm: when delivery stops (logging stopped, trail deleted, delivery role or key policy broken) ${one ? "the metric-filter alarm gets no data and stays quiet (missing data is not breaching for it)" : "the metric-filter alarms get no data and stay quiet (missing data is not breaching for them)"}. Add a MetricAlarm on ${LOG_GROUP_METRIC_NAMESPACE} ${INCOMING_LOG_EVENTS_METRIC} with dimensions { ${LOG_GROUP_DIMENSION}: ${typeof name === "string" ? `"${name}"` : "the group's name"} }, comparisonOperator "${DELIVERY_HEARTBEAT.comparisonOperator}", treatMissingData "${DELIVERY_HEARTBEAT.treatMissingData}" and alarmActions.`,
                });
                continue;
            }
            for (const h of known) {
                report({
                    urn: h.alarm.urn,
                    message: `Heartbeat alarm "${h.alarm.name}" on ${LOG_GROUP_METRIC_NAMESPACE} ${INCOMING_LOG_EVENTS_METRIC} of log group "${group.name}" would not report a delivery stop: ${h.problems.join("; ")}. Until then, ${silent} ${one ? "stays" : "stay"} quiet while the trail is silent.`,
                });
            }
        }
    },
);
