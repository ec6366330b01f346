// The "trail delivery stopped" heartbeat: not a CIS control, but the alarm that keeps the CIS alarms
// honest. Every metric-filter alarm treats missing data as "not breaching", because no matching
// events is the healthy state. The same silence follows a StopLogging, a deleted trail, or a broken
// delivery role or key policy, and then every CIS alarm stays OK forever. This alarm watches the
// log group's own IncomingLogEvents metric and treats missing data as breaching, so silence alarms.
//
// Data, like the monitoring controls: the SecurityAlarms component creates it, stack config tunes it
// under alarms.overrides.<id>, the policy pack looks for an alarm of this shape, and docs cite it.

/** Namespace of the metrics CloudWatch Logs publishes for each log group. */
export const LOG_GROUP_METRIC_NAMESPACE = "AWS/Logs";
/** Log events a log group received; published only in periods when events arrive. */
export const INCOMING_LOG_EVENTS_METRIC = "IncomingLogEvents";
/** The dimension that selects one log group's metric. */
export const LOG_GROUP_DIMENSION = "LogGroupName";

export interface HeartbeatControl {
    /** Catalogue key; also the key under `alarms.overrides` in stack config. */
    readonly id: string;
    readonly title: string;
    /** Alarm when fewer than this many events arrive in the window. */
    readonly threshold: number;
    /** The window, in seconds: one period. */
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly statistic: "Sum";
    /** Fewer events than the threshold breaches. */
    readonly comparisonOperator: "LessThanThreshold";
    /** A period with no events publishes no datapoint: that silence is the outage. */
    readonly treatMissingData: "breaching";
}

export const DELIVERY_HEARTBEAT: HeartbeatControl = {
    id: "trailDeliveryStopped",
    title: "Trail delivery stopped",
    // A trail with management events delivers several events a minute in any used account (its own
    // AssumeRole and Describe calls alone); an hour without one means delivery has stopped.
    threshold: 1,
    period: 3600,
    evaluationPeriods: 1,
    statistic: "Sum",
    comparisonOperator: "LessThanThreshold",
    treatMissingData: "breaching",
};
