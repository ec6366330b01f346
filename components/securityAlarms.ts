// One CloudWatch Logs metric filter and one alarm per enabled entry of the resolved alarm list
// (the CIS catalogue after overrides, plus custom alarms). Alarms are data: this file iterates.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSettings, ResolvedAlarm } from "../config/settings";
import type { Tags } from "./protection";

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
    readonly alarmNames: pulumi.Output<string[]>;

    constructor(name: string, args: SecurityAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:cloudwatch:SecurityAlarms", name, {}, opts);

        this.alarms = args.alarms.alarms
            .filter((alarm) => alarm.enabled)
            .map((alarm) => this.createAlarm(name, alarm, args));
        this.alarmNames = pulumi.all(this.alarms.map((a) => a.alarm.name));
        this.registerOutputs({ alarmNames: this.alarmNames });
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
