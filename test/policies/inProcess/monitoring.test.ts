// In-process unit tests of the monitoring policies (policies/src/policies/monitoring.ts): the CIS
// metric filters and alarms on a trail's log group, their pattern syntax, the alarm topic's encryption
// and the delivery heartbeat, each on small stacks built in memory, in preview and as deployed. The
// filters are built from the CIS catalogue (core/catalogue/monitoringControls.ts), as
// trailguard's SecurityAlarms component builds them. The protocol tests beside this folder show the
// same policies reach the engine's verdicts over gRPC.
import { describe, expect, it } from "vitest";
import { RenderedResource, UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { MONITORING_CONTROLS, MonitoringControl } from "../../../core/catalogue/monitoringControls";
import { alertTopicEncryption, cisMonitoringAlarms, deliveryHeartbeat, metricFilterPatternSyntax } from "../../../policies/src/policies/monitoring";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const STACK = "pulumi:pulumi:Stack";
const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const KMS_KEY = "aws:kms/key:Key";

type Mode = "preview" | "deployed";
const MODES: Mode[] = ["preview", "deployed"];

const NAMESPACE = "CISBenchmark";
const GROUP_ARN = "arn:aws:logs:eu-west-1:123456789012:log-group:trail-events";

function control(cis: string): MonitoringControl {
    const found = MONITORING_CONTROLS.find((c) => c.references.cisV14 === cis);
    if (!found) throw new Error(`no CIS ${cis} in the catalogue`);
    return found;
}

interface Options {
    /** The alert topic's inputs; encrypted with a customer managed key by default. */
    topic?: Record<string, unknown>;
    /** False: the log group's name is left to AWS, so it is unknown in preview. */
    namedGroup?: boolean;
}

/**
 * A trail delivering to log group "trail-events" (its ARN taken from the group), an encrypted alert
 * topic, and helpers for the CIS metric filters on the group, alarms on their metrics that notify the
 * topic, and the delivery heartbeat, written as trailguard's SecurityAlarms component writes them.
 */
function monitoredTrail(mode: Mode = "deployed", options: Options = {}) {
    const stack = new InMemoryStack(mode);
    const root = stack.add(STACK, "unit-test", {}, { custom: false });
    const key = stack.add(KMS_KEY, "alerts-key", { enableKeyRotation: true });
    const group =
        options.namedGroup === false
            ? stack.add(LOG_GROUP, "trail-events", { retentionInDays: 365 }, { outputs: { name: "trail-events-4f2a9c1", arn: `${GROUP_ARN}-4f2a9c1` } })
            : stack.add(LOG_GROUP, "trail-events", { name: "trail-events", retentionInDays: 365 }, { outputs: { arn: GROUP_ARN } });
    const trail = stack.add(TRAIL, "audit", {
        s3BucketName: "acme-audit-logs",
        isMultiRegionTrail: true,
        cloudWatchLogsGroupArn: stack.apply([[group, "arn"]], (arn) => `${arn}:*`),
        cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-delivery",
    });
    const topic = stack.add(TOPIC, "security-alerts", options.topic ?? { kmsMasterKeyId: stack.ref(key, "arn") });
    /** A control's metric filter on the trail's log group. */
    const filter = (c: MonitoringControl, inputs: Record<string, unknown> = {}, name = `cis-${c.references.cisV14}`) =>
        stack.add(METRIC_FILTER, name, {
            logGroupName: stack.ref(group, "name"),
            pattern: c.pattern,
            metricTransformation: { name: c.metricName, namespace: NAMESPACE, value: "1" },
            ...inputs,
        });
    /** An alarm on a filter's metric (metricName: filter.metricTransformation.name) that notifies the topic. */
    const alarm = (on: RenderedResource, inputs: Record<string, unknown> = {}, name = `${on.name}-alarm`) =>
        stack.add(ALARM, name, {
            metricName: stack.apply([[on, "metricTransformation"]], (t) => (t as { name: string }).name),
            namespace: NAMESPACE,
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [stack.ref(topic, "arn")],
            ...inputs,
        });
    /** A filter and an alarm for each of the controls: all fifteen by default. */
    const controls = (list: readonly MonitoringControl[] = MONITORING_CONTROLS) => list.map((c) => alarm(filter(c)));
    /** The "trail delivery stopped" alarm on the group's IncomingLogEvents. */
    const heartbeat = (inputs: Record<string, unknown> = {}, name = "trail-delivery-stopped") =>
        stack.add(ALARM, name, {
            namespace: "AWS/Logs",
            metricName: "IncomingLogEvents",
            dimensions: { LogGroupName: stack.ref(group, "name") },
            statistic: "Sum",
            period: 3600,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching",
            alarmActions: [stack.ref(topic, "arn")],
            ...inputs,
        });
    return { stack, root, group, trail, topic, filter, alarm, controls, heartbeat, rendered: () => stack.rendered() };
}

const ALL_CIS_IDS = "4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 4.10, 4.11, 4.12, 4.13, 4.14, 4.15";
const UNVERIFIED = " (cannot be verified until the value is known)";

describe("cis-monitoring-alarms", () => {
    const policy = cisMonitoringAlarms;
    const without = (...cis: string[]) => MONITORING_CONTROLS.filter((c) => !cis.includes(c.references.cisV14));
    const noFilter41 =
        'CIS 4.1 (Unauthorized API calls): no metric filter on log group "trail-events" has the CIS pattern; add a LogMetricFilter with pattern {($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}';
    const noAlarm41 = 'CIS 4.1 (Unauthorized API calls): no alarm watches metric CISBenchmark/UnauthorizedApiCalls of filter "cis-4.1"; add a MetricAlarm on it with alarmActions.';

    it.each(MODES)("passes a log group with every CIS filter and an alarm on each that notifies (%s)", (mode) => {
        const s = monitoredTrail(mode);
        s.controls();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it.each(MODES)("passes when the log group's name is left to AWS, joining by dependency (%s)", (mode) => {
        const s = monitoredTrail(mode, { namedGroup: false });
        s.controls();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("blocks a missing control at the stack, with the pattern to add", () => {
        const s = monitoredTrail();
        s.controls(without("4.3"));
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "mandatory",
                urn: s.root.urn,
                message:
                    'CIS 4.3 (Usage of the "root" user): no metric filter on log group "trail-events" has the CIS pattern; add a LogMetricFilter with pattern {$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
            },
        ]);
    });

    describe("accepted exceptions (core/acceptedExceptions.ts)", () => {
        const reason = "this account is not part of AWS Organizations";
        const key = "trailguard:alarms.overrides.organizationsChanges.reason";
        const noFilter415 =
            'CIS 4.15 (AWS Organizations changes): no metric filter on log group "trail-events" has the CIS pattern; add a LogMetricFilter with pattern ' +
            MONITORING_CONTROLS.find((c) => c.references.cisV14 === "4.15")!.pattern;
        /** What trailguard's SecurityAlarms component publishes (as the renderer records component outputs). */
        const carrier = (s: ReturnType<typeof monitoredTrail>, type = "trailguard:cloudwatch:SecurityAlarms") =>
            s.stack.add(type, "audit-alarms", { acceptedExceptions: [{ cis: "4.15", alarm: "organizationsChanges", reason, key }] }, { custom: false, parent: s.root });

        it.each(MODES)("reports a control the config turned off with a reason as advisory, with the reason and its key (%s)", (mode) => {
            const s = monitoredTrail(mode);
            s.controls(without("4.15"));
            carrier(s);
            expect(runPolicy(policy, s.rendered())).toEqual([
                {
                    policy: "cis-monitoring-alarms",
                    enforcementLevel: "advisory",
                    urn: s.root.urn,
                    message: `${noFilter415} (accepted exception, ${key}: "${reason}")`,
                },
            ]);
        });

        it("accepts nothing else: another missing control stays mandatory, and only trailguard's component carries exceptions", () => {
            const s = monitoredTrail();
            s.controls(without("4.15", "4.3"));
            carrier(s);
            expect(runPolicy(policy, s.rendered()).map((f) => [f.enforcementLevel, f.message.slice(0, 8)])).toEqual([
                ["mandatory", "CIS 4.3 "],
                ["advisory", "CIS 4.15"],
            ]);
            const other = monitoredTrail();
            other.controls(without("4.15"));
            carrier(other, "acme:monitoring:Alarms");
            expect(runPolicy(policy, other.rendered())).toEqual([
                { policy: "cis-monitoring-alarms", enforcementLevel: "mandatory", urn: other.root.urn, message: noFilter415 },
            ]);
        });
    });

    it("compares patterns as Security Hub does: white space outside quoted values aside", () => {
        const s = monitoredTrail();
        s.controls(without("4.1", "4.6"));
        s.alarm(s.filter(control("4.1"), { pattern: '{ ( $.errorCode = "*UnauthorizedOperation" ) ||\n ( $.errorCode = "AccessDenied*" ) }' }));
        // Inside quotes white space counts: "Failed  authentication" is another pattern.
        s.alarm(s.filter(control("4.6"), { pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed  authentication")}' }));
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([
            'CIS 4.6 (Management Console authentication failures): no metric filter on log group "trail-events" has the CIS pattern; add a LogMetricFilter with pattern {($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
        ]);
    });

    it("counts only filters on the trail's log group, joined by dependency or by name", () => {
        const s = monitoredTrail();
        s.controls(without("4.1", "4.2"));
        const other = s.stack.add(LOG_GROUP, "app-logs", { name: "app-logs" });
        s.alarm(s.filter(control("4.1"), { logGroupName: s.stack.ref(other, "name") }));
        s.alarm(s.filter(control("4.2"), { logGroupName: "trail-events" }));
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([noFilter41]);
    });

    it("joins a log group named in the trail's literal ARN", () => {
        for (const mode of MODES) {
            const stack = new InMemoryStack(mode);
            stack.add(LOG_GROUP, "trail-events", { name: "trail-events" });
            stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", cloudWatchLogsGroupArn: `${GROUP_ARN}:*` });
            const filter = stack.add(METRIC_FILTER, "cis-4.1", {
                logGroupName: "trail-events",
                pattern: control("4.1").pattern,
                metricTransformation: { name: "UnauthorizedApiCalls", namespace: NAMESPACE, value: "1" },
            });
            expect(runPolicy(policy, stack.rendered(), { requiredControls: ["4.1"] }), mode).toEqual([
                { policy: "cis-monitoring-alarms", enforcementLevel: "mandatory", urn: filter.urn, message: noAlarm41 },
            ]);
        }
    });

    it("blocks a filter that no alarm watches, at the filter; an alarm on the same name in another namespace does not count", () => {
        const s = monitoredTrail();
        s.controls(without("4.1"));
        const filter = s.filter(control("4.1"));
        s.stack.add(ALARM, "unauthorized-calls-elsewhere", { metricName: "UnauthorizedApiCalls", namespace: "AppMetrics", alarmActions: [s.stack.ref(s.topic, "arn")] });
        expect(runPolicy(policy, s.rendered())).toEqual([{ policy: "cis-monitoring-alarms", enforcementLevel: "mandatory", urn: filter.urn, message: noAlarm41 }]);
    });

    it("blocks an alarm that notifies nobody, at the alarm", () => {
        for (const alarmActions of [[], undefined]) {
            const s = monitoredTrail();
            s.controls(without("4.1"));
            const alarm = s.alarm(s.filter(control("4.1")), { alarmActions });
            expect(runPolicy(policy, s.rendered()), String(alarmActions)).toEqual([
                {
                    policy: "cis-monitoring-alarms",
                    enforcementLevel: "mandatory",
                    urn: alarm.urn,
                    message: 'CIS 4.1 (Unauthorized API calls): alarm "cis-4.1-alarm" notifies nobody; set alarmActions to an SNS topic.',
                },
            ]);
        }
    });

    it("blocks an alarm whose actions are disabled (actionsEnabled: false): CloudWatch runs none of them", () => {
        const s = monitoredTrail();
        s.controls(without("4.1"));
        const alarm = s.alarm(s.filter(control("4.1")), { actionsEnabled: false });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "mandatory",
                urn: alarm.urn,
                message: 'CIS 4.1 (Unauthorized API calls): alarm "cis-4.1-alarm" notifies nobody: actionsEnabled is false, so its alarmActions never run; remove actionsEnabled: false.',
            },
        ]);
        const none = monitoredTrail();
        none.controls(without("4.1"));
        none.alarm(none.filter(control("4.1")), { actionsEnabled: "false", alarmActions: [] });
        expect(runPolicy(policy, none.rendered()).map((f) => f.message)).toEqual([
            'CIS 4.1 (Unauthorized API calls): alarm "cis-4.1-alarm" notifies nobody: it has no alarmActions and actionsEnabled is false; set alarmActions to an SNS topic and remove actionsEnabled: false.',
        ]);
    });

    it("passes an alarm whose actions are enabled, or whose actionsEnabled is computed, beside a disabled one", () => {
        for (const actionsEnabled of [true, UNKNOWN_VALUE]) {
            const s = monitoredTrail("preview");
            s.controls(without("4.1"));
            const filter = s.filter(control("4.1"));
            s.alarm(filter, { actionsEnabled: false }, "cis-4.1-muted");
            s.alarm(filter, { actionsEnabled });
            expect(runPolicy(policy, s.rendered()), String(actionsEnabled)).toEqual([]);
        }
    });

    it("passes a control when one of several alarms on its metric notifies", () => {
        const s = monitoredTrail();
        s.controls();
        s.alarm(s.stack.resources.find((r) => r.name === "cis-4.1")!, { alarmActions: [] }, "cis-4.1-dashboard-only");
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it.each(MODES)("joins an alarm to its filter by metric name and namespace when the program wrote them out (%s)", (mode) => {
        const s = monitoredTrail(mode);
        s.controls(without("4.1"));
        s.filter(control("4.1"));
        s.stack.add(ALARM, "cis-4.1-alarm", { metricName: "UnauthorizedApiCalls", namespace: NAMESPACE, alarmActions: [s.stack.ref(s.topic, "arn")] });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("blocks a trail that delivers nothing to CloudWatch Logs, naming every required control", () => {
        const stack = new InMemoryStack("preview");
        const trail = stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", isMultiRegionTrail: true });
        expect(runPolicy(policy, stack.rendered())).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "mandatory",
                urn: trail.urn,
                message: `Trail "audit" delivers no events to CloudWatch Logs, so none of CIS ${ALL_CIS_IDS} can be monitored; set cloudWatchLogsGroupArn and add the metric filters and alarms.`,
            },
        ]);
        expect(runPolicy(policy, stack.rendered(), { requiredControls: ["4.1", "4.3"] }).map((f) => f.message)).toEqual([
            'Trail "audit" delivers no events to CloudWatch Logs, so none of CIS 4.1, 4.3 can be monitored; set cloudWatchLogsGroupArn and add the metric filters and alarms.',
        ]);
    });

    it("leaves a trail that does not log alone, and is content with one trail's log group", () => {
        const stack = new InMemoryStack("deployed");
        stack.add(TRAIL, "stopped", { s3BucketName: "acme-audit-logs", enableLogging: false });
        expect(runPolicy(policy, stack.rendered())).toEqual([]);
        const s = monitoredTrail();
        s.controls();
        s.stack.add(TRAIL, "data-events", { s3BucketName: "acme-audit-logs" });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("takes the required controls from requiredControls", () => {
        const s = monitoredTrail();
        s.controls(without("4.1", "4.3"));
        expect(runPolicy(policy, s.rendered(), { requiredControls: ["4.1", "4.2"] })).toEqual([
            { policy: "cis-monitoring-alarms", enforcementLevel: "mandatory", urn: s.root.urn, message: noFilter41 },
        ]);
        expect(runPolicy(policy, s.rendered(), { requiredControls: ["4.2", "4.4"] })).toEqual([]);
        expect(runPolicy(policy, monitoredTrail().rendered(), { requiredControls: [] })).toEqual([]);
    });

    it("reports an unknown control in requiredControls instead of judging", () => {
        const s = monitoredTrail();
        expect(runPolicy(policy, s.rendered(), { requiredControls: ["4.1", "4.16"] })).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "mandatory",
                urn: s.root.urn,
                message: `invalid config for policy "cis-monitoring-alarms", key "requiredControls": ["4.1","4.16"] contains "4.16"; expected items from ${ALL_CIS_IDS.split(", ")
                    .map((id) => `"${id}"`)
                    .join(", ")}`,
            },
        ]);
    });

    it("is advisory about a missing control while a filter's pattern is computed", () => {
        const s = monitoredTrail("preview");
        s.controls(without("4.1"));
        s.alarm(s.filter(control("4.1"), { pattern: UNKNOWN_VALUE }));
        expect(runPolicy(policy, s.rendered())).toEqual([
            { policy: "cis-monitoring-alarms", enforcementLevel: "advisory", urn: s.root.urn, message: noFilter41 + UNVERIFIED },
        ]);
    });

    it("is advisory about a missing control while a filter's log group is computed outside the stack", () => {
        const s = monitoredTrail("preview");
        s.controls(without("4.1"));
        s.alarm(s.filter(control("4.1"), { logGroupName: UNKNOWN_VALUE }));
        expect(runPolicy(policy, s.rendered())).toEqual([
            { policy: "cis-monitoring-alarms", enforcementLevel: "advisory", urn: s.root.urn, message: noFilter41 + UNVERIFIED },
        ]);
    });

    it("is advisory about an unwatched filter while an alarm's metric name, or the filter's, is computed", () => {
        const alarm = monitoredTrail("preview");
        alarm.controls(without("4.1"));
        const filter = alarm.filter(control("4.1"));
        alarm.alarm(filter, { metricName: UNKNOWN_VALUE });
        expect(runPolicy(policy, alarm.rendered())).toEqual([
            { policy: "cis-monitoring-alarms", enforcementLevel: "advisory", urn: filter.urn, message: noAlarm41 + UNVERIFIED },
        ]);
        const metric = monitoredTrail("preview");
        metric.controls(without("4.1"));
        const computed = metric.filter(control("4.1"), { metricTransformation: { name: UNKNOWN_VALUE, namespace: NAMESPACE, value: "1" } });
        metric.stack.add(ALARM, "cis-4.1-alarm", { metricName: "UnauthorizedApiCalls", namespace: NAMESPACE, alarmActions: ["arn:aws:sns:eu-west-1:123456789012:security-alerts"] });
        expect(runPolicy(policy, metric.rendered())).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "advisory",
                urn: computed.urn,
                message: `CIS 4.1 (Unauthorized API calls): no alarm watches metric CISBenchmark/(computed) of filter "cis-4.1"; add a MetricAlarm on it with alarmActions.${UNVERIFIED}`,
            },
        ]);
    });

    it("takes computed alarmActions as notifying", () => {
        const s = monitoredTrail("preview");
        s.controls(without("4.1"));
        s.alarm(s.filter(control("4.1")), { alarmActions: UNKNOWN_VALUE });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("is advisory about a trail whose log group is computed outside the stack", () => {
        const stack = new InMemoryStack("preview");
        const trail = stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", cloudWatchLogsGroupArn: UNKNOWN_VALUE });
        expect(runPolicy(policy, stack.rendered())).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "advisory",
                urn: trail.urn,
                message: `Trail "audit" delivers to a log group that is not in this stack, so its metric filters and alarms cannot be checked here.${UNVERIFIED}`,
            },
        ]);
    });

    it("warns, without blocking, that a log group named outside the stack cannot be checked here", () => {
        const stack = new InMemoryStack("deployed");
        const trail = stack.add(TRAIL, "audit", { s3BucketName: "acme-audit-logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:central-trail-events:*" });
        // The value is known here; the "(cannot be verified until the value is known)" the policy adds is
        // questionable (see the report), so only the sentence itself is pinned.
        expect(runPolicy(policy, stack.rendered())).toEqual([
            {
                policy: "cis-monitoring-alarms",
                enforcementLevel: "advisory",
                urn: trail.urn,
                message: expect.stringMatching(/^Trail "audit" delivers to a log group that is not in this stack, so its metric filters and alarms cannot be checked here\./),
            },
        ]);
    });
});

describe("metric-filter-pattern-syntax", () => {
    const policy = metricFilterPatternSyntax;
    const filterStack = (pattern: unknown, name = "typo") => {
        const stack = new InMemoryStack("preview");
        const filter = stack.add(METRIC_FILTER, name, { logGroupName: "app-logs", pattern, metricTransformation: { name: "Typos", namespace: "App", value: "1" } });
        return { rendered: stack.rendered(), filter };
    };

    it.each(MODES)("passes every CIS pattern of the catalogue (%s)", (mode) => {
        const s = monitoredTrail(mode);
        s.controls();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("blocks a JSON pattern AWS would reject, on any log group, with a caret under the position", () => {
        const { rendered, filter } = filterStack('{ ($.eventName = "DeleteTrail") || }');
        expect(runPolicy(policy, rendered)).toEqual([
            {
                policy: "metric-filter-pattern-syntax",
                enforcementLevel: "mandatory",
                urn: filter.urn,
                message:
                    'Metric filter "typo" has an invalid pattern, which AWS would reject:\n' +
                    '{ ($.eventName = "DeleteTrail") || }\n' +
                    '                                   ^ at position 35: expected a condition starting with "$." or "(", found "}"',
            },
        ]);
    });

    it("names a single & where && was meant", () => {
        const { rendered } = filterStack('  { ($.eventName = "StopLogging") & ($.errorCode = "x") }', "stop-logging");
        expect(runPolicy(policy, rendered).map((f) => f.message)).toEqual([
            'Metric filter "stop-logging" has an invalid pattern, which AWS would reject:\n' +
                '  { ($.eventName = "StopLogging") & ($.errorCode = "x") }\n' +
                '                                  ^ at position 34: expected "&&", "||" or "}" to close the pattern, found "&"',
        ]);
    });

    it("leaves term and space-delimited patterns alone", () => {
        for (const pattern of ["ERROR", '"Failed authentication"', "[ip, user, ...]", "[ip, user", ""]) {
            expect(runPolicy(policy, filterStack(pattern).rendered), pattern).toEqual([]);
        }
    });

    it("does not decide on a computed pattern", () => {
        expect(runPolicy(policy, filterStack(UNKNOWN_VALUE).rendered)).toEqual([]);
    });

    it("is lowered to advisory by the pack config like any policy", () => {
        expect(runPolicy(policy, filterStack("{ $.a = }").rendered, { enforcementLevel: "advisory" }).map((f) => f.enforcementLevel)).toEqual(["advisory"]);
    });
});

describe("cis-alarm-topic-encryption", () => {
    const policy = alertTopicEncryption;

    it.each(MODES)("passes an alarm topic encrypted with a customer managed key (%s)", (mode) => {
        const s = monitoredTrail(mode);
        s.controls();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it.each(MODES)("blocks an unencrypted alarm topic once, naming the first alarm that notifies it (%s)", (mode) => {
        const s = monitoredTrail(mode, { topic: {} });
        s.controls();
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cis-alarm-topic-encryption",
                enforcementLevel: "mandatory",
                urn: s.topic.urn,
                message: 'SNS topic "security-alerts" (notified by alarm "cis-4.1-alarm") is not encrypted; set kmsMasterKeyId to a customer managed KMS key.',
            },
        ]);
    });

    it("blocks the AWS managed key alias/aws/sns, which CloudWatch cannot use", () => {
        const s = monitoredTrail("deployed", { topic: { kmsMasterKeyId: "alias/aws/sns" } });
        s.controls([control("4.3")]);
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cis-alarm-topic-encryption",
                enforcementLevel: "mandatory",
                urn: s.topic.urn,
                message:
                    'SNS topic "security-alerts" uses the AWS managed key alias/aws/sns, which CloudWatch cannot use, so alarm "cis-4.3-alarm" could never publish; use a customer managed key that allows cloudwatch.amazonaws.com.',
            },
        ]);
    });

    it("blocks the AWS managed key given by its alias ARN", () => {
        for (const kmsMasterKeyId of ["arn:aws:kms:eu-west-1:123456789012:alias/aws/sns", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/sns"]) {
            const s = monitoredTrail("deployed", { topic: { kmsMasterKeyId } });
            s.controls([control("4.3")]);
            expect(runPolicy(policy, s.rendered()), kmsMasterKeyId).toEqual([
                {
                    policy: "cis-alarm-topic-encryption",
                    enforcementLevel: "mandatory",
                    urn: s.topic.urn,
                    message: `SNS topic "security-alerts" uses the AWS managed key alias/aws/sns (kmsMasterKeyId "${kmsMasterKeyId}"), which CloudWatch cannot use, so alarm "cis-4.3-alarm" could never publish; use a customer managed key that allows cloudwatch.amazonaws.com.`,
                },
            ]);
        }
        // A customer managed key's alias ARN is fine.
        const own = monitoredTrail("deployed", { topic: { kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/security-alerts" } });
        own.controls([control("4.3")]);
        expect(runPolicy(policy, own.rendered())).toEqual([]);
    });

    it("joins a topic named by its ARN in alarmActions once the ARN is known", () => {
        const build = (mode: Mode) => {
            const s = monitoredTrail(mode, { topic: {} });
            s.alarm(s.filter(control("4.1")), { alarmActions: ["arn:aws:sns:eu-west-1:123456789012:security-alerts"] });
            return runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message]);
        };
        expect(build("preview")).toEqual([]);
        expect(build("deployed")).toEqual([
            [
                "urn:pulumi:test::unit::aws:sns/topic:Topic::security-alerts",
                'SNS topic "security-alerts" (notified by alarm "cis-4.1-alarm") is not encrypted; set kmsMasterKeyId to a customer managed KMS key.',
            ],
        ]);
    });

    it("judges only topics that alarms on the trail's metric filters notify", () => {
        const s = monitoredTrail();
        s.controls();
        const billing = s.stack.add(TOPIC, "billing-alerts", {});
        s.stack.add(ALARM, "estimated-charges", { namespace: "AWS/Billing", metricName: "EstimatedCharges", alarmActions: [s.stack.ref(billing, "arn")] });
        const other = s.stack.add(LOG_GROUP, "app-logs", { name: "app-logs" });
        const appTopic = s.stack.add(TOPIC, "app-alerts", {});
        const appFilter = s.filter(control("4.1"), { logGroupName: s.stack.ref(other, "name"), metricTransformation: { name: "AppUnauthorized", namespace: "App", value: "1" } }, "app-unauthorized");
        s.alarm(appFilter, { namespace: "App", alarmActions: [s.stack.ref(appTopic, "arn")] });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("does not decide on a computed key", () => {
        const s = monitoredTrail("preview", { topic: { kmsMasterKeyId: UNKNOWN_VALUE } });
        s.controls();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });
});

describe("cloudtrail-delivery-heartbeat", () => {
    const policy = deliveryHeartbeat;
    /** Two CIS controls with their alarms: what the heartbeat keeps honest. */
    const watched = (mode: Mode = "deployed", options: Options = {}) => {
        const s = monitoredTrail(mode, options);
        s.controls([control("4.1"), control("4.3")]);
        return s;
    };
    const noHeartbeat = (dimension: string) =>
        `Log group "trail-events" is watched by 2 metric-filter alarms (such as "cis-4.1-alarm") but has no heartbeat alarm: when delivery stops (logging stopped, trail deleted, delivery role or key policy broken) the metric-filter alarms get no data and stay quiet (missing data is not breaching for them). Add a MetricAlarm on AWS/Logs IncomingLogEvents with dimensions { LogGroupName: ${dimension} }, comparisonOperator "LessThanThreshold", treatMissingData "breaching" and alarmActions.`;
    const wouldNotReport = (problems: string) =>
        `Heartbeat alarm "trail-delivery-stopped" on AWS/Logs IncomingLogEvents of log group "trail-events" would not report a delivery stop: ${problems}. Until then, 2 metric-filter alarms (such as "cis-4.1-alarm") stay quiet while the trail is silent.`;
    const notBreaching = 'it treats missing data as "notBreaching", so it would not fire when delivery stops and the metric has no data at all (set treatMissingData: "breaching")';
    const noActions = "it has no alarmActions, so it would notify nobody (set alarmActions to an SNS topic)";

    it.each(MODES)("passes a heartbeat on the group's IncomingLogEvents that treats missing data as breaching and notifies (%s)", (mode) => {
        const s = watched(mode);
        s.heartbeat();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it.each(MODES)("passes a heartbeat joined by dependency on a group whose name AWS chooses (%s)", (mode) => {
        const s = watched(mode, { namedGroup: false });
        s.heartbeat();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("passes a LessThanOrEqualToThreshold heartbeat that names the group", () => {
        const s = watched("preview");
        s.heartbeat({ dimensions: { LogGroupName: "trail-events" }, comparisonOperator: "LessThanOrEqualToThreshold", threshold: 0 });
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("warns about a watched log group without a heartbeat, at the group", () => {
        const s = watched();
        expect(runPolicy(policy, s.rendered())).toEqual([
            { policy: "cloudtrail-delivery-heartbeat", enforcementLevel: "advisory", urn: s.group.urn, message: noHeartbeat('"trail-events"') },
        ]);
    });

    it("does not take an alarm on another group, metric or namespace for a heartbeat", () => {
        const s = watched();
        const other = s.stack.add(LOG_GROUP, "app-logs", { name: "app-logs" });
        s.heartbeat({ dimensions: { LogGroupName: s.stack.ref(other, "name") } }, "app-delivery-stopped");
        s.heartbeat({ dimensions: { LogGroupName: "app-logs" } }, "app-delivery-stopped-by-name");
        s.heartbeat({ metricName: "IncomingBytes" }, "trail-bytes");
        s.heartbeat({ namespace: "CISBenchmark" }, "trail-custom-metric");
        expect(runPolicy(policy, s.rendered()).map((f) => [f.urn, f.message])).toEqual([[s.group.urn, noHeartbeat('"trail-events"')]]);
    });

    it("has nothing to keep honest on a log group without metric-filter alarms", () => {
        const s = monitoredTrail();
        s.filter(control("4.1"));
        expect(runPolicy(policy, s.rendered())).toEqual([]);
        expect(runPolicy(policy, monitoredTrail().rendered())).toEqual([]);
    });

    it("names a heartbeat that treats missing data as notBreaching, or leaves it unset", () => {
        const s = watched();
        const heartbeat = s.heartbeat({ treatMissingData: "notBreaching" });
        expect(runPolicy(policy, s.rendered())).toEqual([
            { policy: "cloudtrail-delivery-heartbeat", enforcementLevel: "advisory", urn: heartbeat.urn, message: wouldNotReport(notBreaching) },
        ]);
        const unset = watched();
        unset.heartbeat({ treatMissingData: undefined });
        expect(runPolicy(policy, unset.rendered()).map((f) => f.message)).toEqual([
            wouldNotReport(
                'it treats missing data as "missing" (treatMissingData not set), so it would not fire when delivery stops and the metric has no data at all (set treatMissingData: "breaching")',
            ),
        ]);
    });

    it("says stays, not stay, for a single metric-filter alarm", () => {
        const s = monitoredTrail();
        s.controls([control("4.1")]);
        s.heartbeat({ alarmActions: [] });
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([
            `Heartbeat alarm "trail-delivery-stopped" on AWS/Logs IncomingLogEvents of log group "trail-events" would not report a delivery stop: ${noActions}. Until then, 1 metric-filter alarm (such as "cis-4.1-alarm") stays quiet while the trail is silent.`,
        ]);
        const none = monitoredTrail();
        none.controls([control("4.1")]);
        expect(runPolicy(policy, none.rendered()).map((f) => f.message)).toEqual([
            'Log group "trail-events" is watched by 1 metric-filter alarm (such as "cis-4.1-alarm") but has no heartbeat alarm: when delivery stops (logging stopped, trail deleted, delivery role or key policy broken) the metric-filter alarm gets no data and stays quiet (missing data is not breaching for it). Add a MetricAlarm on AWS/Logs IncomingLogEvents with dimensions { LogGroupName: "trail-events" }, comparisonOperator "LessThanThreshold", treatMissingData "breaching" and alarmActions.',
        ]);
    });

    it("names a heartbeat without alarmActions", () => {
        const s = watched();
        s.heartbeat({ alarmActions: [] });
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([wouldNotReport(noActions)]);
    });

    it("names every problem of a heartbeat at once", () => {
        const s = watched();
        s.heartbeat({ comparisonOperator: "GreaterThanThreshold", treatMissingData: "ignore", alarmActions: undefined, actionsEnabled: false });
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([
            wouldNotReport(
                'its comparisonOperator is "GreaterThanThreshold", so it alarms on too many events rather than too few (use "LessThanThreshold"); ' +
                    'it treats missing data as "ignore", so it would not fire when delivery stops and the metric has no data at all (set treatMissingData: "breaching"); ' +
                    `${noActions}; its actions are disabled (actionsEnabled: false), so it would notify nobody`,
            ),
        ]);
    });

    it("passes when one of two heartbeats is right", () => {
        const s = watched();
        s.heartbeat({ treatMissingData: "notBreaching" }, "old-heartbeat");
        s.heartbeat();
        expect(runPolicy(policy, s.rendered())).toEqual([]);
    });

    it("blocks when the pack config makes it mandatory", () => {
        const s = watched();
        s.heartbeat({ alarmActions: [] });
        expect(runPolicy(policy, s.rendered(), { enforcementLevel: "mandatory" }).map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
    });

    it("is advisory about a heartbeat whose settings are computed, even when mandatory", () => {
        const relies = (computed: string) =>
            `Log group "trail-events" relies on alarm "trail-delivery-stopped" as its delivery heartbeat, whose ${computed} computed; it must watch AWS/Logs IncomingLogEvents of this group with comparisonOperator "LessThanThreshold", treatMissingData "breaching" and alarmActions.${UNVERIFIED}`;
        const cases: [Record<string, unknown>, string][] = [
            [{ treatMissingData: UNKNOWN_VALUE }, "treatMissingData is"],
            [{ treatMissingData: UNKNOWN_VALUE, alarmActions: UNKNOWN_VALUE }, "treatMissingData and alarmActions are"],
            // Whether it watches this group at all is computed too: only the parts that are, named.
            [{ dimensions: { LogGroupName: UNKNOWN_VALUE } }, "LogGroupName dimension is"],
            [{ metricName: UNKNOWN_VALUE }, "metricName is"],
            [{ namespace: UNKNOWN_VALUE, metricName: UNKNOWN_VALUE }, "namespace and metricName are"],
            [{ dimensions: { LogGroupName: UNKNOWN_VALUE }, treatMissingData: UNKNOWN_VALUE, actionsEnabled: UNKNOWN_VALUE }, "LogGroupName dimension, treatMissingData and actionsEnabled are"],
        ];
        for (const [inputs, computed] of cases) {
            const s = watched("preview");
            const heartbeat = s.heartbeat(inputs);
            expect(runPolicy(policy, s.rendered(), { enforcementLevel: "mandatory" }), computed).toEqual([
                { policy: "cloudtrail-delivery-heartbeat", enforcementLevel: "advisory", urn: heartbeat.urn, message: relies(computed) },
            ]);
        }
    });

    it("still names a heartbeat whose known settings are wrong although others are computed", () => {
        const s = watched("preview");
        s.heartbeat({ treatMissingData: "notBreaching", alarmActions: UNKNOWN_VALUE });
        expect(runPolicy(policy, s.rendered()).map((f) => f.message)).toEqual([wouldNotReport(notBreaching)]);
    });

    it("is advisory about a heartbeat that names the group while the group's own name is computed", () => {
        const s = watched("preview", { namedGroup: false });
        const heartbeat = s.heartbeat({ dimensions: { LogGroupName: "trail-events-4f2a9c1" } });
        expect(runPolicy(policy, s.rendered())).toEqual([
            {
                policy: "cloudtrail-delivery-heartbeat",
                enforcementLevel: "advisory",
                urn: heartbeat.urn,
                message: `Log group "trail-events" relies on alarm "trail-delivery-stopped" as its delivery heartbeat, whose LogGroupName dimension cannot be matched to the group while the group's name is computed; it must watch AWS/Logs IncomingLogEvents of this group with comparisonOperator "LessThanThreshold", treatMissingData "breaching" and alarmActions.${UNVERIFIED}`,
            },
        ]);
    });

    it("asks for a heartbeat on the group's name while that name is computed", () => {
        const s = watched("preview", { namedGroup: false });
        expect(runPolicy(policy, s.rendered())).toEqual([
            { policy: "cloudtrail-delivery-heartbeat", enforcementLevel: "advisory", urn: s.group.urn, message: noHeartbeat("the group's name") },
        ]);
    });
});
