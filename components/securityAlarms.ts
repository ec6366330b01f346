// One CloudWatch Logs metric filter and one alarm per enabled entry of the resolved alarm list
// (the CIS catalogue after overrides, plus custom alarms), and the delivery heartbeat that alarms
// when the log group falls silent. Alarms are data: this file iterates.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSettings, DeliveryHeartbeatAlarm, ResolvedAlarm } from "../config/settings";
import {
    DELIVERY_HEARTBEAT,
    INCOMING_LOG_EVENTS_METRIC,
    LOG_GROUP_DIMENSION,
    LOG_GROUP_METRIC_NAMESPACE,
} from "../core/catalogue/deliveryHeartbeat";
import { ACCEPTED_EXCEPTIONS_OUTPUT, EXCEPTION_CARRIER_TYPE, type AcceptedException } from "../core/acceptedExceptions";
import type { Tags } from "./protection";

/** The CIS controls the config turned off with a reason (config/resolveAlarms.ts). */
function acceptedExceptions(alarms: AlarmSettings): AcceptedException[] {
    return alarms.alarms.flatMap((alarm) =>
        !alarm.enabled && alarm.exception && alarm.references
            ? [{ cis: alarm.references.cisV14, alarm: alarm.id, reason: alarm.exception.reason, key: alarm.exception.key }]
            : [],
    );
}

export interface SecurityAlarmsArgs {
    /** The trail's log group the filters read. */
    logGroupName: pulumi.Input<string>;
    alarms: AlarmSettings;
    /** Filter and alarm names are `<prefix><alarm id>`; the alert topic trusts alarms by this prefix. */
    namePrefix: string;
    alertTopicArn: pulumi.Input<string>;
    tags?: Tags;
}

export interface SecurityAlarm {
    id: string;
    filter: aws.cloudwatch.LogMetricFilter;
    alarm: aws.cloudwatch.MetricAlarm;
}

export class SecurityAlarms extends pulumi.ComponentResource {
    readonly alarms: SecurityAlarm[];
    /** Absent only when alarms.overrides.trailDeliveryStopped.enabled is false. */
    readonly deliveryHeartbeat?: aws.cloudwatch.MetricAlarm;
    readonly alarmNames: pulumi.Output<string[]>;

    constructor(name: string, args: SecurityAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(EXCEPTION_CARRIER_TYPE, name, {}, opts);

        this.alarms = args.alarms.alarms
            .filter((alarm) => alarm.enabled)
            .map((alarm) => this.createAlarm(name, alarm, args));
        const heartbeat = args.alarms.deliveryHeartbeat;
        if (heartbeat.enabled) this.deliveryHeartbeat = this.createDeliveryHeartbeat(name, heartbeat, args);
        this.alarmNames = pulumi.all([...this.alarms.map((a) => a.alarm), ...(this.deliveryHeartbeat ? [this.deliveryHeartbeat] : [])].map((a) => a.name));
        // Read by the policy pack from the AnalyzeStack request: the exceptions the config accepted.
        this.registerOutputs({ alarmNames: this.alarmNames, [ACCEPTED_EXCEPTIONS_OUTPUT]: acceptedExceptions(args.alarms) });
    }

    /** Alarms when the log group receives fewer than `threshold` events: silence is the failure here. */
    private createDeliveryHeartbeat(name: string, heartbeat: DeliveryHeartbeatAlarm, args: SecurityAlarmsArgs): aws.cloudwatch.MetricAlarm {
        return new aws.cloudwatch.MetricAlarm(
            `${name}-${heartbeat.id}-alarm`,
            {
                name: `${args.namePrefix}${heartbeat.id}`,
                alarmDescription: pulumi.interpolate`${heartbeat.title}: fewer than ${heartbeat.threshold} events reached log group ${args.logGroupName} in ${heartbeat.period} s. Logging stopped, the trail was deleted, or its delivery role or key policy broke; until this clears, every metric-filter alarm is blind.`,
                namespace: LOG_GROUP_METRIC_NAMESPACE,
                metricName: INCOMING_LOG_EVENTS_METRIC,
                dimensions: { [LOG_GROUP_DIMENSION]: args.logGroupName },
                statistic: heartbeat.statistic,
                period: heartbeat.period,
                evaluationPeriods: heartbeat.evaluationPeriods,
                datapointsToAlarm: heartbeat.datapointsToAlarm,
                threshold: heartbeat.threshold,
                comparisonOperator: DELIVERY_HEARTBEAT.comparisonOperator,
                treatMissingData: DELIVERY_HEARTBEAT.treatMissingData,
                actionsEnabled: true,
                alarmActions: [args.alertTopicArn],
                // Responders learn when delivery resumes, so the gap in evidence has both ends.
                okActions: [args.alertTopicArn],
                tags: args.tags,
            },
            { parent: this },
        );
    }

    private createAlarm(name: string, alarm: ResolvedAlarm, args: SecurityAlarmsArgs): SecurityAlarm {
        const physicalName = `${args.namePrefix}${alarm.id}`;
        const filter = new aws.cloudwatch.LogMetricFilter(
            `${name}-${alarm.id}-filter`,
            {
                name: physicalName,
                logGroupName: args.logGroupName,
                // Verbatim: Security Hub compares the pattern with the CIS text.
                pattern: alarm.pattern,
                metricTransformation: { name: alarm.metricName, namespace: args.alarms.namespace, value: "1" },
            },
            { parent: this },
        );
        const metricAlarm = new aws.cloudwatch.MetricAlarm(
            `${name}-${alarm.id}-alarm`,
            {
                name: physicalName,
                alarmDescription: alarmDescription(alarm),
                namespace: args.alarms.namespace,
                metricName: alarm.metricName,
                statistic: alarm.statistic,
                period: alarm.period,
                evaluationPeriods: alarm.evaluationPeriods,
                datapointsToAlarm: alarm.datapointsToAlarm,
                threshold: alarm.threshold,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                // No matching events means no data points: that is the healthy state, not a gap.
                treatMissingData: "notBreaching",
                actionsEnabled: true,
                alarmActions: [args.alertTopicArn],
                tags: args.tags,
            },
            // The metric exists only once the filter does.
            { parent: this, dependsOn: [filter] },
        );
        return { id: alarm.id, filter, alarm: metricAlarm };
    }
}

/** "Root account usage — CIS 1.2 3.3, CIS 1.4 4.3, CIS 3.0 4.3, Security Hub CloudWatch.1". */
export function alarmDescription(alarm: ResolvedAlarm): string {
    const refs = alarm.references;
    if (!refs) return `${alarm.title} (custom trailguard alarm ${alarm.id})`;
    const cited = [
        refs.cisV12 && `CIS 1.2 ${refs.cisV12}`,
        `CIS 1.4 ${refs.cisV14}`,
        `CIS 3.0 ${refs.cisV30}`,
        refs.securityHub && `Security Hub ${refs.securityHub}`,
    ].filter((ref): ref is string => Boolean(ref));
    return `${alarm.title} — ${cited.join(", ")}`;
}
