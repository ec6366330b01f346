// The `trailguard` npm package (package.json `exports["."]`): the components, the config loader and
// validator, the catalogue and the filter-pattern engine. The repository's Pulumi program is
// index.ts at the root, which this never loads: importing the package creates no resources.
// docs/package.md says what is public and how versions change.
export { CloudTrailBaseline, type CloudTrailBaselineArgs } from "../components/cloudTrailBaseline";
export { AuditKey, type AuditKeyArgs } from "../components/auditKey";
export { AccessLogBucket, type AccessLogBucketArgs } from "../components/accessLogBucket";
export { LogArchiveBucket, type LogArchiveBucketArgs } from "../components/logArchiveBucket";
export { AuditTrail, type AuditTrailArgs } from "../components/auditTrail";
export { AlertTopic, type AlertTopicArgs } from "../components/alertTopic";
export { SecurityAlarms, type SecurityAlarm, type SecurityAlarmsArgs } from "../components/securityAlarms";
export { auditNames, type AuditNames } from "../components/auditNames";
export { lookupAuditScope, type AuditScope } from "../components/auditScope";
export type { EvidenceProtection, Tags } from "../components/protection";
export * from "./config";
export * as catalogue from "./catalogue";
export * as filterPattern from "./filterPattern";
