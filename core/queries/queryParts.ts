// Pieces several catalogue queries share, so a time window or "who" reads the same in every query.
import type { QueryParameter, QueryReference } from "./catalogueQuery";

export const START: QueryParameter = {
    name: "start",
    description: "events at or after this time (UTC unless an offset is given)",
    type: "timestamp",
    required: false,
    default: "1970-01-01T00:00:00Z",
    example: "2024-07-31T00:00:00Z",
};

export const END: QueryParameter = {
    name: "end",
    description: "events before this time",
    type: "timestamp",
    required: false,
    default: "2100-01-01T00:00:00Z",
    example: "2024-08-01T00:00:00Z",
};

/**
 * `start <= eventtime < end`, bound to START then END twice each. The first two conditions let Athena
 * skip whole days (partition projection on "timestamp", the delivery date); a day of margin on each
 * side covers events delivered after midnight. The last two are the exact window.
 */
export const TIME_WINDOW_SQL = [
    `"timestamp" >= date_format(from_iso8601_timestamp(?) - INTERVAL '1' DAY, '%Y/%m/%d')`,
    `  AND "timestamp" <= date_format(from_iso8601_timestamp(?) + INTERVAL '1' DAY, '%Y/%m/%d')`,
    `  AND from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp(?)`,
    `  AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp(?)`,
].join("\n");
export const TIME_WINDOW_BINDINGS = ["start", "end", "start", "end"] as const;

/** Who made the call: the ARN, else the principal id (some service and federated calls have no ARN), else the invoking service. */
export const PRINCIPAL_SQL = "coalesce(useridentity.arn, useridentity.principalid, useridentity.invokedby)";

/** The columns of queries that list events, one row per event. */
export const EVENT_COLUMNS_SQL = [
    "eventtime",
    "eventsource",
    "eventname",
    "awsregion",
    "sourceipaddress",
    `${PRINCIPAL_SQL} AS principal`,
    "useridentity.accesskeyid AS accesskeyid",
    "errorcode",
    "eventid",
].join(",\n  ");

const attack = (technique: string, title: string): QueryReference => ({
    id: `MITRE ATT&CK ${technique}`,
    title,
    url: `https://attack.mitre.org/techniques/${technique.replace(".", "/")}/`,
});
const cis = (control: string, title: string): QueryReference => ({
    id: `CIS AWS Foundations v3.0.0 ${control}`,
    title,
    url: "https://www.cisecurity.org/benchmark/amazon_web_services",
});

export const REFERENCES = {
    validCloudAccounts: attack("T1078.004", "Valid Accounts: Cloud Accounts"),
    bruteForce: attack("T1110", "Brute Force"),
    cloudInfrastructureDiscovery: attack("T1580", "Cloud Infrastructure Discovery"),
    disableCloudLogs: attack("T1562.008", "Impair Defenses: Disable or Modify Cloud Logs"),
    createCloudAccount: attack("T1136.003", "Create Account: Cloud Account"),
    additionalCloudCredentials: attack("T1098.001", "Account Manipulation: Additional Cloud Credentials"),
    additionalCloudRoles: attack("T1098.003", "Account Manipulation: Additional Cloud Roles"),
    unusedCloudRegions: attack("T1535", "Unused/Unsupported Cloud Regions"),
    cisUnauthorizedApiCalls: cis("4.1", "Ensure unauthorized API calls are monitored"),
    cisConsoleWithoutMfa: cis("4.2", "Ensure management console sign-in without MFA is monitored"),
    cisRootUsage: cis("4.3", "Ensure usage of the 'root' account is monitored"),
    cisIamPolicyChanges: cis("4.4", "Ensure IAM policy changes are monitored"),
    cisCloudTrailChanges: cis("4.5", "Ensure CloudTrail configuration changes are monitored"),
    cisConsoleAuthFailures: cis("4.6", "Ensure AWS Management Console authentication failures are monitored"),
    cisKeyDisableOrDeletion: cis("4.7", "Ensure disabling or scheduled deletion of customer created CMKs is monitored"),
    cisBucketPolicyChanges: cis("4.8", "Ensure S3 bucket policy changes are monitored"),
} satisfies Record<string, QueryReference>;
