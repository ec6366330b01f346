// Closed lists of values AWS defines, which both stack config and the policy pack name: config
// refuses anything else before `pulumi up`, and the pack offers exactly these as policy settings.
// Each list is written once, here; the union types are derived from the lists, never restated.
// Order matters where a list is shown to people (config's "expected one of …" messages).

/**
 * The management-event sources CloudTrail lets a trail leave out: `excludeManagementEventSources`
 * of a basic event selector, or a `notEquals` on `eventSource` of an advanced one (CloudTrail
 * rejects any other source there). Both are high-volume: the KMS API and the RDS Data API.
 */
export const EXCLUDABLE_MANAGEMENT_EVENT_SOURCES = ["kms.amazonaws.com", "rdsdata.amazonaws.com"] as const;
export type ExcludableManagementEventSource = (typeof EXCLUDABLE_MANAGEMENT_EVENT_SOURCES)[number];

/**
 * S3 Object Lock retention modes. COMPLIANCE: nobody, not even the root user, can delete a locked
 * version before its retention ends. GOVERNANCE: users with s3:BypassGovernanceRetention can.
 */
export const OBJECT_LOCK_MODES = ["COMPLIANCE", "GOVERNANCE"] as const;

/** The statistics a CloudWatch metric alarm can evaluate (PutMetricAlarm's Statistic, percentiles aside). */
export const ALARM_STATISTICS = ["Sum", "SampleCount", "Average", "Maximum", "Minimum"] as const;
export type AlarmStatistic = (typeof ALARM_STATISTICS)[number];
