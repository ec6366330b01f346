// The requests AWS services make against the baseline's policies, and the decision AWS documents for
// each: what the services need (Allowed) and what must not get through (denied). Every expectation
// comes from the AWS page in `doc`, never from reading trailguard's policies; every row carries the
// request context keys that page documents for the call and nothing more.
//
// Rows are data. Resources, principals and context values are templates: `{name}` is replaced by
// the fact of that name for the stack under test (see StackFacts), so one row serves every stack.
// A row that only makes sense for some stacks says so in `appliesWhen`.

/** Which rendered policy document a row is evaluated against. */
export type PolicyTarget =
    | "archiveBucketPolicy"
    | "accessLogBucketPolicy"
    | "keyPolicy"
    | "alertTopicPolicy"
    | "deliveryTopicPolicy"
    | "deliveryRoleTrustPolicy"
    | "deliveryRoleInlinePolicy"
    | "athenaResultsBucketPolicy";

export const POLICY_TARGETS: readonly PolicyTarget[] = [
    "archiveBucketPolicy",
    "accessLogBucketPolicy",
    "keyPolicy",
    "alertTopicPolicy",
    "deliveryTopicPolicy",
    "deliveryRoleTrustPolicy",
    "deliveryRoleInlinePolicy",
    "athenaResultsBucketPolicy",
];

/**
 * Targets whose policy only denies: nothing in them grants, so no request is Allowed by them alone.
 * The Athena results bucket is written and read with the caller's own credentials (Athena acts for
 * the principal that runs the query), so every grant is that principal's IAM policy.
 */
export const DENY_ONLY_TARGETS: readonly PolicyTarget[] = ["athenaResultsBucketPolicy"];

export type ExpectedDecision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** What a stack's settings switch on; a row with `appliesWhen` applies only where every entry matches. */
export interface StackFeatures {
    organizationTrail: boolean;
    deliveryNotifications: boolean;
    /** Any CloudTrail Insights type selected. */
    insights: boolean;
    /** investigation.enabled: the Athena workgroup and its results bucket exist. */
    investigation: boolean;
}

/**
 * Values the templates refer to, computed per stack from its settings and the physical names the
 * baseline gives its resources (components/auditNames.ts), formatted as the AWS ARN formats say.
 */
export interface StackFacts {
    partition: string;
    account: string;
    region: string;
    /** An account that is not ours. */
    foreignAccount: string;
    trailName: string;
    trailArn: string;
    /** Another trail of this account. */
    otherTrailArn: string;
    /** A trail of the same name in another account. */
    foreignTrailArn: string;
    archiveBucketName: string;
    archiveBucketArn: string;
    accessLogBucketArn: string;
    /** Key prefix of the archive's server access logs in the access-log bucket (ends in `/`). */
    accessLogPrefix: string;
    /** A bucket that is not the archive. */
    otherSourceBucketArn: string;
    keyArn: string;
    /** Log group ARN without `:*`, as CloudWatch Logs puts it in the encryption context. */
    logGroupArn: string;
    otherLogGroupArn: string;
    deliveryRoleArn: string;
    /** The session CloudTrail holds after assuming the delivery role. */
    deliveryRoleSessionArn: string;
    alertTopicArn: string;
    /** The log-file delivery topic's ARN (the name the baseline uses whether or not it exists). */
    deliveryTopicArn: string;
    unrelatedTopicArn: string;
    /** One of the stack's security alarms. */
    alarmArn: string;
    /** An alarm of the same name in another account. */
    foreignAlarmArn: string;
    /** An alarm of this account whose name does not carry the baseline's alarm prefix. */
    unprefixedAlarmArn: string;
    /** A session of a role of this account (e.g. a security engineer reading logs). */
    accountRoleSessionArn: string;
    organizationId: string;
    otherOrganizationId: string;
    /** A member account of the organization. */
    memberAccount: string;
    /** The Athena results bucket (the name the baseline uses whether or not it exists). */
    athenaResultsBucketArn: string;
}

export interface MatrixRow {
    id: string;
    description: string;
    /** The AWS documentation page the expectation follows. */
    doc: string;
    policy: PolicyTarget;
    appliesWhen?: Partial<StackFeatures>;
    /** A service principal, an IAM/STS ARN template, or "anonymous". */
    principal: string;
    action: string;
    resource: string;
    context: Record<string, string>;
    expected: ExpectedDecision;
}

const DOCS = {
    cloudTrailBucketPolicy: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
    cloudTrailOrgBucketPolicy:
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html#org-trail-bucket-policy",
    cloudTrailLogFileNames: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html",
    cloudTrailDigestFiles: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html",
    cloudTrailInsights: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html",
    cloudTrailKeyPolicy: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
    cloudTrailKeyEncrypt: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail-encrypt.html",
    cloudTrailKeyDecrypt: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail-decrypt.html",
    cloudTrailCloudWatchLogsRole: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html",
    cloudTrailSnsTopicPolicy: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html",
    cloudWatchLogsKms: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    snsEncryptedTopicSources: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
    cloudWatchAlarmsToSns: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html",
    confusedDeputy: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention",
    s3AccessLogDelivery:
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general",
    s3EnforceTls: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
    s3BucketPolicies: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html",
    kmsCallerAccount: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account",
    kmsKeyPolicies: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
    snsAccessPolicies: "https://docs.aws.amazon.com/sns/latest/dg/sns-using-identity-based-policies.html",
    iamRoleTrust: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html",
    // "All users of the workgroup must have access to this location": the users, not Athena, need the grant.
    athenaResultsPermissions: "https://docs.aws.amazon.com/athena/latest/ug/creating-workgroups.html",
} as const;

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
const CLOUDWATCH = "cloudwatch.amazonaws.com";
const S3_LOG_DELIVERY = "logging.s3.amazonaws.com";
const CLOUDWATCH_LOGS = "logs.{region}.amazonaws.com";
const FOREIGN_ROOT = "arn:{partition}:iam::{foreignAccount}:root";

// Object keys as CloudTrail and S3 write them (file names abbreviated to their documented shape).
const LOG_FILE = "{archiveBucketArn}/AWSLogs/{account}/CloudTrail/{region}/2024/01/31/{account}_CloudTrail_{region}_20240131T1205Z_a1B2c3D4e5F6g7H8.json.gz";
const DIGEST_FILE =
    "{archiveBucketArn}/AWSLogs/{account}/CloudTrail-Digest/{region}/2024/01/31/{account}_CloudTrail-Digest_{region}_{trailName}_{region}_20240131T120000Z.json.gz";
const INSIGHTS_FILE =
    "{archiveBucketArn}/AWSLogs/{account}/CloudTrail-Insight/{region}/2024/01/31/{account}_CloudTrail-Insight_{region}_20240131T1205Z_a1B2c3D4e5F6g7H8.json.gz";
const ORG_MEMBER_LOG_FILE =
    "{archiveBucketArn}/AWSLogs/{organizationId}/{memberAccount}/CloudTrail/{region}/2024/01/31/{memberAccount}_CloudTrail_{region}_20240131T1205Z_a1B2c3D4e5F6g7H8.json.gz";
const ORG_MEMBER_DIGEST_FILE =
    "{archiveBucketArn}/AWSLogs/{organizationId}/{memberAccount}/CloudTrail-Digest/{region}/2024/01/31/{memberAccount}_CloudTrail-Digest_{region}_{trailName}_{region}_20240131T120000Z.json.gz";
const ACCESS_LOG_OBJECT = "{accessLogBucketArn}/{accessLogPrefix}{account}/{region}/{archiveBucketName}/2024/01/31/2024-01-31-12-05-00-0123456789ABCDEF";
// Athena names result files <query execution id>.csv under the workgroup's output location.
const ATHENA_RESULT_OBJECT = "{athenaResultsBucketArn}/results/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.csv";
const LOG_STREAM = "{logGroupArn}:log-stream:{account}_CloudTrail_{region}";
const ORG_MEMBER_LOG_STREAM = "{logGroupArn}:log-stream:{organizationId}_{memberAccount}_CloudTrail_{region}";

/** What CloudTrail sends to S3: this trail as source, the ACL it sets, over TLS. */
const CLOUDTRAIL_PUT = { "aws:SourceArn": "{trailArn}", "s3:x-amz-acl": "bucket-owner-full-control", "aws:SecureTransport": "true" };

/**
 * A request CloudTrail makes for this trail, plus the same request made for another trail of this
 * account and for a trail of another account: confused-deputy protection (aws:SourceArn, and the
 * encryption context naming the trail) must stop both.
 */
function forThisTrailOnly(row: MatrixRow): MatrixRow[] {
    const variant = (suffix: string, replacement: string, whose: string): MatrixRow => ({
        ...row,
        id: `${row.id}.${suffix}`,
        description: `${row.description}, but for ${whose}: denied`,
        context: Object.fromEntries(Object.entries(row.context).map(([key, value]) => [key, value.split("{trailArn}").join(replacement)])),
        expected: "ImplicitlyDenied",
    });
    return [
        row,
        variant("other-trail", "{otherTrailArn}", "another trail of this account"),
        variant("other-account-trail", "{foreignTrailArn}", "a trail of another account"),
    ];
}

/** The same request for each action. */
function forActions(actions: string[], row: (action: string, verb: string) => MatrixRow): MatrixRow[] {
    return actions.map((action) => row(action, action.split(":")[1]!.replace(/[A-Z]/g, (c, i) => (i === 0 ? c : `-${c}`)).toLowerCase()));
}

export const REQUEST_MATRIX: readonly MatrixRow[] = [
    // ---- Archive bucket: CloudTrail delivery --------------------------------------------------
    ...forThisTrailOnly({
        id: "cloudtrail.s3.get-bucket-acl",
        description: "CloudTrail checks the archive bucket's ACL before delivering",
        doc: DOCS.cloudTrailBucketPolicy,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:GetBucketAcl",
        resource: "{archiveBucketArn}",
        context: { "aws:SourceArn": "{trailArn}", "aws:SecureTransport": "true" },
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.s3.put-log-file",
        description: "CloudTrail writes a log file under AWSLogs/<account>/CloudTrail/<region>/",
        doc: DOCS.cloudTrailBucketPolicy,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: LOG_FILE,
        context: CLOUDTRAIL_PUT,
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.s3.put-digest-file",
        description: "CloudTrail writes a log-file-validation digest under AWSLogs/<account>/CloudTrail-Digest/",
        doc: DOCS.cloudTrailDigestFiles,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: DIGEST_FILE,
        context: CLOUDTRAIL_PUT,
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.s3.put-insights-file",
        description: "CloudTrail writes an Insights file under AWSLogs/<account>/CloudTrail-Insight/",
        doc: DOCS.cloudTrailInsights,
        policy: "archiveBucketPolicy",
        appliesWhen: { insights: true },
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: INSIGHTS_FILE,
        context: CLOUDTRAIL_PUT,
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.s3.put-org-member-log-file",
        description: "An organization trail writes a member account's log file under AWSLogs/<organization id>/<member account>/",
        doc: DOCS.cloudTrailOrgBucketPolicy,
        policy: "archiveBucketPolicy",
        appliesWhen: { organizationTrail: true },
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: ORG_MEMBER_LOG_FILE,
        context: CLOUDTRAIL_PUT,
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.s3.put-org-member-digest-file",
        description: "An organization trail writes a member account's digest file under AWSLogs/<organization id>/<member account>/",
        doc: DOCS.cloudTrailOrgBucketPolicy,
        policy: "archiveBucketPolicy",
        appliesWhen: { organizationTrail: true },
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: ORG_MEMBER_DIGEST_FILE,
        context: CLOUDTRAIL_PUT,
        expected: "Allowed",
    }),
    {
        id: "cloudtrail.s3.put-org-layout-without-org-trail",
        description: "A trail that is not an organization trail gets no AWSLogs/<organization id>/ prefix",
        doc: DOCS.cloudTrailBucketPolicy,
        policy: "archiveBucketPolicy",
        appliesWhen: { organizationTrail: false },
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: ORG_MEMBER_LOG_FILE,
        context: CLOUDTRAIL_PUT,
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.s3.put-other-organization-prefix",
        description: "This trail cannot write under another organization's AWSLogs/<organization id>/ prefix",
        doc: DOCS.cloudTrailOrgBucketPolicy,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: "{archiveBucketArn}/AWSLogs/{otherOrganizationId}/{memberAccount}/CloudTrail/{region}/2024/01/31/{memberAccount}_CloudTrail_{region}_20240131T1205Z_a1B2c3D4e5F6g7H8.json.gz",
        context: CLOUDTRAIL_PUT,
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.s3.put-other-account-prefix",
        description: "This trail cannot write under another account's AWSLogs/<account>/ prefix",
        doc: DOCS.cloudTrailBucketPolicy,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: "{archiveBucketArn}/AWSLogs/{foreignAccount}/CloudTrail/{region}/2024/01/31/{foreignAccount}_CloudTrail_{region}_20240131T1205Z_a1B2c3D4e5F6g7H8.json.gz",
        context: CLOUDTRAIL_PUT,
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.s3.put-outside-awslogs",
        description: "CloudTrail cannot write outside AWSLogs/ (evil/x)",
        doc: DOCS.cloudTrailBucketPolicy,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: "{archiveBucketArn}/evil/x",
        context: CLOUDTRAIL_PUT,
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.s3.put-log-file-without-tls",
        description: "A log file write without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: LOG_FILE,
        context: { ...CLOUDTRAIL_PUT, "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    {
        id: "cloudtrail.s3.get-bucket-acl-without-tls",
        description: "An ACL check without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "archiveBucketPolicy",
        principal: CLOUDTRAIL,
        action: "s3:GetBucketAcl",
        resource: "{archiveBucketArn}",
        context: { "aws:SourceArn": "{trailArn}", "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    // ---- Archive bucket: readers ---------------------------------------------------------------
    {
        id: "anonymous.s3.get-archived-log-file",
        description: "An anonymous request cannot read a log file",
        doc: DOCS.s3BucketPolicies,
        policy: "archiveBucketPolicy",
        principal: "anonymous",
        action: "s3:GetObject",
        resource: LOG_FILE,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.s3.get-archived-log-file",
        description: "Another account (even one whose own policies allow everything) cannot read a log file",
        doc: DOCS.s3BucketPolicies,
        policy: "archiveBucketPolicy",
        principal: FOREIGN_ROOT,
        action: "s3:GetObject",
        resource: LOG_FILE,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "account.s3.get-archived-log-file-without-tls",
        description: "A principal of this account reading a log file without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "archiveBucketPolicy",
        principal: "{accountRoleSessionArn}",
        action: "s3:GetObject",
        resource: LOG_FILE,
        context: { "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    // ---- Access-log bucket ----------------------------------------------------------------------
    {
        id: "s3-logging.s3.put-access-log",
        description: "S3 server access logging delivers the archive bucket's access log under its prefix",
        doc: DOCS.s3AccessLogDelivery,
        policy: "accessLogBucketPolicy",
        principal: S3_LOG_DELIVERY,
        action: "s3:PutObject",
        resource: ACCESS_LOG_OBJECT,
        context: { "aws:SourceArn": "{archiveBucketArn}", "aws:SourceAccount": "{account}", "aws:SecureTransport": "true" },
        expected: "Allowed",
    },
    {
        id: "s3-logging.s3.put-access-log-from-other-bucket",
        description: "Access logs of another source bucket are refused",
        doc: DOCS.s3AccessLogDelivery,
        policy: "accessLogBucketPolicy",
        principal: S3_LOG_DELIVERY,
        action: "s3:PutObject",
        resource: ACCESS_LOG_OBJECT,
        context: { "aws:SourceArn": "{otherSourceBucketArn}", "aws:SourceAccount": "{account}", "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "s3-logging.s3.put-access-log-outside-prefix",
        description: "Log delivery is granted under the archive's target prefix only",
        doc: DOCS.s3AccessLogDelivery,
        policy: "accessLogBucketPolicy",
        principal: S3_LOG_DELIVERY,
        action: "s3:PutObject",
        resource: "{accessLogBucketArn}/elsewhere/2024-01-31-12-05-00-0123456789ABCDEF",
        context: { "aws:SourceArn": "{archiveBucketArn}", "aws:SourceAccount": "{account}", "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "s3-logging.s3.put-access-log-without-tls",
        description: "Log delivery without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "accessLogBucketPolicy",
        principal: S3_LOG_DELIVERY,
        action: "s3:PutObject",
        resource: ACCESS_LOG_OBJECT,
        context: { "aws:SourceArn": "{archiveBucketArn}", "aws:SourceAccount": "{account}", "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    {
        id: "anonymous.s3.get-access-log",
        description: "An anonymous request cannot read an access log",
        doc: DOCS.s3BucketPolicies,
        policy: "accessLogBucketPolicy",
        principal: "anonymous",
        action: "s3:GetObject",
        resource: ACCESS_LOG_OBJECT,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.s3.get-access-log",
        description: "Another account cannot read an access log",
        doc: DOCS.s3BucketPolicies,
        policy: "accessLogBucketPolicy",
        principal: FOREIGN_ROOT,
        action: "s3:GetObject",
        resource: ACCESS_LOG_OBJECT,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "account.s3.get-access-log-without-tls",
        description: "A principal of this account reading an access log without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "accessLogBucketPolicy",
        principal: "{accountRoleSessionArn}",
        action: "s3:GetObject",
        resource: ACCESS_LOG_OBJECT,
        context: { "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    // ---- Key policy: CloudTrail ------------------------------------------------------------------
    ...forThisTrailOnly({
        id: "cloudtrail.kms.generate-data-key",
        description: "CloudTrail generates a data key for a log file, naming the trail in the encryption context",
        doc: DOCS.cloudTrailKeyEncrypt,
        policy: "keyPolicy",
        principal: CLOUDTRAIL,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "aws:SourceArn": "{trailArn}", "kms:EncryptionContext:aws:cloudtrail:arn": "{trailArn}" },
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.kms.describe-key",
        description: "CloudTrail describes the key when the trail is created or updated",
        doc: DOCS.cloudTrailKeyPolicy,
        policy: "keyPolicy",
        principal: CLOUDTRAIL,
        action: "kms:DescribeKey",
        resource: "{keyArn}",
        context: { "aws:SourceArn": "{trailArn}" },
        expected: "Allowed",
    }),
    ...forThisTrailOnly({
        id: "cloudtrail.kms.decrypt-for-s3-bucket-key",
        description: "CloudTrail decrypts with the key, which the archive's S3 Bucket Key requires",
        doc: DOCS.cloudTrailKeyPolicy,
        policy: "keyPolicy",
        principal: CLOUDTRAIL,
        action: "kms:Decrypt",
        resource: "{keyArn}",
        context: { "aws:SourceArn": "{trailArn}" },
        expected: "Allowed",
    }),
    {
        id: "cloudtrail.kms.generate-data-key-without-encryption-context",
        description:
            "CloudTrail (this trail as source) asking for a data key with no encryption context is denied: no other statement may undo the encryption-context restriction",
        doc: DOCS.cloudTrailKeyEncrypt,
        policy: "keyPolicy",
        principal: CLOUDTRAIL,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "aws:SourceArn": "{trailArn}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.kms.generate-data-key-other-account-context",
        description: "CloudTrail asking for a data key whose encryption context names another account's trail is denied",
        doc: DOCS.cloudTrailKeyEncrypt,
        policy: "keyPolicy",
        principal: CLOUDTRAIL,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "aws:SourceArn": "{trailArn}", "kms:EncryptionContext:aws:cloudtrail:arn": "{foreignTrailArn}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.kms.generate-data-key-unrelated-topic-context",
        description: "CloudTrail asking for a data key for an unrelated encrypted topic is denied",
        doc: DOCS.snsEncryptedTopicSources,
        policy: "keyPolicy",
        principal: CLOUDTRAIL,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:sns:topicArn": "{unrelatedTopicArn}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail.kms.generate-data-key-delivery-topic-when-notifications-off",
        description: "Without delivery notifications CloudTrail gets no data key for the (absent) delivery topic",
        doc: DOCS.cloudTrailSnsTopicPolicy,
        policy: "keyPolicy",
        appliesWhen: { deliveryNotifications: false },
        principal: CLOUDTRAIL,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:sns:topicArn": "{deliveryTopicArn}" },
        expected: "ImplicitlyDenied",
    },
    ...forActions(["kms:GenerateDataKey", "kms:Decrypt"], (action, verb) => ({
        id: `cloudtrail.kms.${verb}-for-delivery-topic`,
        description: `CloudTrail publishing a log-file notification to the encrypted delivery topic needs ${action}; SNS names the topic in the encryption context`,
        doc: DOCS.cloudTrailSnsTopicPolicy,
        policy: "keyPolicy",
        appliesWhen: { deliveryNotifications: true },
        principal: CLOUDTRAIL,
        action,
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:sns:topicArn": "{deliveryTopicArn}" },
        expected: "Allowed",
    })),
    // ---- Key policy: CloudWatch Logs --------------------------------------------------------------
    ...forActions(["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt"], (action, verb) => ({
        id: `cloudwatch-logs.kms.${verb}`,
        description: `CloudWatch Logs uses the key (${action}) for the trail's log group, named in the encryption context`,
        doc: DOCS.cloudWatchLogsKms,
        policy: "keyPolicy",
        principal: CLOUDWATCH_LOGS,
        action,
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:logs:arn": "{logGroupArn}" },
        expected: "Allowed",
    })),
    ...forActions(["kms:GenerateDataKey", "kms:Decrypt"], (action, verb) => ({
        id: `cloudwatch-logs.kms.${verb}-other-log-group`,
        description: `CloudWatch Logs using the key (${action}) for another log group is denied`,
        doc: DOCS.cloudWatchLogsKms,
        policy: "keyPolicy",
        principal: CLOUDWATCH_LOGS,
        action,
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:logs:arn": "{otherLogGroupArn}" },
        expected: "ImplicitlyDenied",
    })),
    // ---- Key policy: CloudWatch alarms publishing to the encrypted alert topic --------------------
    ...forActions(["kms:GenerateDataKey", "kms:Decrypt"], (action, verb) => ({
        id: `cloudwatch-alarms.kms.${verb}-for-alert-topic`,
        description: `CloudWatch publishing an alarm to the encrypted alert topic needs ${action}; SNS names the topic in the encryption context`,
        doc: DOCS.snsEncryptedTopicSources,
        policy: "keyPolicy",
        principal: CLOUDWATCH,
        action,
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:sns:topicArn": "{alertTopicArn}" },
        expected: "Allowed",
    })),
    {
        id: "cloudwatch-alarms.kms.generate-data-key-unrelated-topic",
        description: "CloudWatch asking for a data key for an unrelated encrypted topic is denied",
        doc: DOCS.snsEncryptedTopicSources,
        policy: "keyPolicy",
        principal: CLOUDWATCH,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "kms:EncryptionContext:aws:sns:topicArn": "{unrelatedTopicArn}" },
        expected: "ImplicitlyDenied",
    },
    // ---- Key policy: people reading the logs ----------------------------------------------------
    {
        id: "account.kms.decrypt-log-file-as-root",
        description: "The account (root) decrypts a CloudTrail log file",
        doc: DOCS.cloudTrailKeyDecrypt,
        policy: "keyPolicy",
        principal: "arn:{partition}:iam::{account}:root",
        action: "kms:Decrypt",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{account}", "kms:EncryptionContext:aws:cloudtrail:arn": "{trailArn}" },
        expected: "Allowed",
    },
    {
        id: "account.kms.decrypt-log-file-as-role",
        description: "A role of this account, with no identity policy of its own, decrypts a CloudTrail log file",
        doc: DOCS.cloudTrailKeyDecrypt,
        policy: "keyPolicy",
        principal: "{accountRoleSessionArn}",
        action: "kms:Decrypt",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{account}", "kms:EncryptionContext:aws:cloudtrail:arn": "{trailArn}" },
        expected: "Allowed",
    },
    {
        id: "account.kms.decrypt-without-cloudtrail-context",
        description: "A role of this account cannot decrypt data that CloudTrail did not encrypt (no aws:cloudtrail:arn context)",
        doc: DOCS.cloudTrailKeyDecrypt,
        policy: "keyPolicy",
        principal: "{accountRoleSessionArn}",
        action: "kms:Decrypt",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{account}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "account.kms.decrypt-other-account-trail-context",
        description: "A role of this account cannot decrypt a log file of another account's trail",
        doc: DOCS.cloudTrailKeyDecrypt,
        policy: "keyPolicy",
        principal: "{accountRoleSessionArn}",
        action: "kms:Decrypt",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{account}", "kms:EncryptionContext:aws:cloudtrail:arn": "{foreignTrailArn}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.kms.decrypt-log-file",
        description: "Another account (even one whose own policies allow everything) cannot decrypt a log file",
        doc: DOCS.kmsCallerAccount,
        policy: "keyPolicy",
        principal: FOREIGN_ROOT,
        action: "kms:Decrypt",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{foreignAccount}", "kms:EncryptionContext:aws:cloudtrail:arn": "{trailArn}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.kms.generate-data-key",
        description: "Another account cannot generate data keys",
        doc: DOCS.kmsKeyPolicies,
        policy: "keyPolicy",
        principal: FOREIGN_ROOT,
        action: "kms:GenerateDataKey",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{foreignAccount}", "kms:EncryptionContext:aws:cloudtrail:arn": "{trailArn}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.kms.schedule-key-deletion",
        description: "Another account cannot schedule the key's deletion",
        doc: DOCS.kmsKeyPolicies,
        policy: "keyPolicy",
        principal: FOREIGN_ROOT,
        action: "kms:ScheduleKeyDeletion",
        resource: "{keyArn}",
        context: { "kms:CallerAccount": "{foreignAccount}" },
        expected: "ImplicitlyDenied",
    },
    // ---- Alert topic --------------------------------------------------------------------------------
    {
        id: "cloudwatch-alarms.sns.publish-alert",
        description: "A security alarm of this stack publishes to the alert topic",
        doc: DOCS.cloudWatchAlarmsToSns,
        policy: "alertTopicPolicy",
        principal: CLOUDWATCH,
        action: "SNS:Publish",
        resource: "{alertTopicArn}",
        context: { "aws:SourceArn": "{alarmArn}", "aws:SourceAccount": "{account}" },
        expected: "Allowed",
    },
    {
        id: "cloudwatch-alarms.sns.publish-from-other-account-alarm",
        description: "An alarm of another account cannot publish to the alert topic",
        doc: DOCS.confusedDeputy,
        policy: "alertTopicPolicy",
        principal: CLOUDWATCH,
        action: "SNS:Publish",
        resource: "{alertTopicArn}",
        context: { "aws:SourceArn": "{foreignAlarmArn}", "aws:SourceAccount": "{foreignAccount}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudwatch-alarms.sns.publish-from-unprefixed-alarm",
        description: "An alarm of this account that is not one of the baseline's (no alarm prefix) cannot publish to the alert topic",
        doc: DOCS.confusedDeputy,
        policy: "alertTopicPolicy",
        principal: CLOUDWATCH,
        action: "SNS:Publish",
        resource: "{alertTopicArn}",
        context: { "aws:SourceArn": "{unprefixedAlarmArn}", "aws:SourceAccount": "{account}" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.sns.publish-alert",
        description: "Another account cannot publish to the alert topic",
        doc: DOCS.snsAccessPolicies,
        policy: "alertTopicPolicy",
        principal: FOREIGN_ROOT,
        action: "SNS:Publish",
        resource: "{alertTopicArn}",
        context: {},
        expected: "ImplicitlyDenied",
    },
    // ---- Delivery topic -----------------------------------------------------------------------------
    ...forThisTrailOnly({
        id: "cloudtrail.sns.publish-delivery-notification",
        description: "CloudTrail publishes a log-file delivery notification to the delivery topic",
        doc: DOCS.cloudTrailSnsTopicPolicy,
        policy: "deliveryTopicPolicy",
        appliesWhen: { deliveryNotifications: true },
        principal: CLOUDTRAIL,
        action: "SNS:Publish",
        resource: "{deliveryTopicArn}",
        context: { "aws:SourceArn": "{trailArn}" },
        expected: "Allowed",
    }),
    {
        id: "other-account.sns.publish-delivery-notification",
        description: "Another account cannot publish to the delivery topic",
        doc: DOCS.snsAccessPolicies,
        policy: "deliveryTopicPolicy",
        appliesWhen: { deliveryNotifications: true },
        principal: FOREIGN_ROOT,
        action: "SNS:Publish",
        resource: "{deliveryTopicArn}",
        context: {},
        expected: "ImplicitlyDenied",
    },
    // ---- Delivery role: trust ------------------------------------------------------------------------
    {
        id: "cloudtrail.sts.assume-delivery-role",
        description:
            "CloudTrail assumes the CloudWatch Logs delivery role; the request carries no aws:SourceArn/aws:SourceAccount (the role policy does not support them)",
        doc: DOCS.cloudTrailCloudWatchLogsRole,
        policy: "deliveryRoleTrustPolicy",
        principal: CLOUDTRAIL,
        action: "sts:AssumeRole",
        resource: "{deliveryRoleArn}",
        context: {},
        expected: "Allowed",
    },
    {
        id: "other-service.sts.assume-delivery-role",
        description: "Another service (EC2) cannot assume the delivery role",
        doc: DOCS.iamRoleTrust,
        policy: "deliveryRoleTrustPolicy",
        principal: "ec2.amazonaws.com",
        action: "sts:AssumeRole",
        resource: "{deliveryRoleArn}",
        context: {},
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.sts.assume-delivery-role",
        description: "Another account cannot assume the delivery role",
        doc: DOCS.iamRoleTrust,
        policy: "deliveryRoleTrustPolicy",
        principal: FOREIGN_ROOT,
        action: "sts:AssumeRole",
        resource: "{deliveryRoleArn}",
        context: {},
        expected: "ImplicitlyDenied",
    },
    // ---- Delivery role: what the session may do ----------------------------------------------------
    ...forActions(["logs:CreateLogStream", "logs:PutLogEvents"], (action, verb) => ({
        id: `cloudtrail-role.logs.${verb}`,
        description: `CloudTrail, as the delivery role, calls ${action} on its log stream <account>_CloudTrail_<region>`,
        doc: DOCS.cloudTrailCloudWatchLogsRole,
        policy: "deliveryRoleInlinePolicy",
        principal: "{deliveryRoleSessionArn}",
        action,
        resource: LOG_STREAM,
        context: {},
        expected: "Allowed",
    })),
    ...forActions(["logs:CreateLogStream", "logs:PutLogEvents"], (action, verb) => ({
        id: `cloudtrail-role.logs.${verb}-org-member-stream`,
        description: `An organization trail, as the delivery role, calls ${action} on a member account's stream <organization id>_<account>_CloudTrail_<region>`,
        doc: DOCS.cloudTrailCloudWatchLogsRole,
        policy: "deliveryRoleInlinePolicy",
        appliesWhen: { organizationTrail: true },
        principal: "{deliveryRoleSessionArn}",
        action,
        resource: ORG_MEMBER_LOG_STREAM,
        context: {},
        expected: "Allowed",
    })),
    {
        id: "cloudtrail-role.logs.put-log-events-other-log-group",
        description: "The delivery role cannot write to another log group",
        doc: DOCS.cloudTrailCloudWatchLogsRole,
        policy: "deliveryRoleInlinePolicy",
        principal: "{deliveryRoleSessionArn}",
        action: "logs:PutLogEvents",
        resource: "{otherLogGroupArn}:log-stream:{account}_CloudTrail_{region}",
        context: {},
        expected: "ImplicitlyDenied",
    },
    {
        id: "cloudtrail-role.logs.delete-log-group",
        description: "The delivery role cannot delete the trail's log group",
        doc: DOCS.cloudTrailCloudWatchLogsRole,
        policy: "deliveryRoleInlinePolicy",
        principal: "{deliveryRoleSessionArn}",
        action: "logs:DeleteLogGroup",
        resource: "{logGroupArn}",
        context: {},
        expected: "ImplicitlyDenied",
    },
    // ---- Athena results bucket ---------------------------------------------------------------------
    {
        id: "account.s3.put-athena-result-without-tls",
        description: "A query's result written without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "athenaResultsBucketPolicy",
        appliesWhen: { investigation: true },
        principal: "{accountRoleSessionArn}",
        action: "s3:PutObject",
        resource: ATHENA_RESULT_OBJECT,
        context: { "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    {
        id: "account.s3.get-athena-result-without-tls",
        description: "A principal of this account reading a result without TLS is refused by an explicit deny",
        doc: DOCS.s3EnforceTls,
        policy: "athenaResultsBucketPolicy",
        appliesWhen: { investigation: true },
        principal: "{accountRoleSessionArn}",
        action: "s3:GetObject",
        resource: ATHENA_RESULT_OBJECT,
        context: { "aws:SecureTransport": "false" },
        expected: "ExplicitlyDenied",
    },
    {
        id: "anonymous.s3.get-athena-result",
        description: "An anonymous request cannot read a query result",
        doc: DOCS.s3BucketPolicies,
        policy: "athenaResultsBucketPolicy",
        appliesWhen: { investigation: true },
        principal: "anonymous",
        action: "s3:GetObject",
        resource: ATHENA_RESULT_OBJECT,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "other-account.s3.get-athena-result",
        description: "Another account cannot read a query result",
        doc: DOCS.s3BucketPolicies,
        policy: "athenaResultsBucketPolicy",
        appliesWhen: { investigation: true },
        principal: FOREIGN_ROOT,
        action: "s3:GetObject",
        resource: ATHENA_RESULT_OBJECT,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
    {
        id: "account.s3.put-athena-result-by-bucket-policy",
        description: "The bucket policy grants no one the right to write results: every user of the workgroup needs access to the location through their own IAM policy",
        doc: DOCS.athenaResultsPermissions,
        policy: "athenaResultsBucketPolicy",
        appliesWhen: { investigation: true },
        principal: "{accountRoleSessionArn}",
        action: "s3:PutObject",
        resource: ATHENA_RESULT_OBJECT,
        context: { "aws:SecureTransport": "true" },
        expected: "ImplicitlyDenied",
    },
];

/** Whether a row applies to a stack with these features. */
export function rowApplies(row: MatrixRow, features: StackFeatures): boolean {
    return Object.entries(row.appliesWhen ?? {}).every(([feature, wanted]) => features[feature as keyof StackFeatures] === wanted);
}

/** Replaces every `{fact}` in `template`; an unknown fact name is an error, not an empty string. */
export function expand(template: string, facts: StackFacts): string {
    return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
        if (!(name in facts)) throw new Error(`unknown fact {${name}} in '${template}'`);
        return String(facts[name as keyof StackFacts]);
    });
}

export interface ConcreteRequest {
    principal: string;
    action: string;
    resource: string;
    context: Record<string, string>;
}

/** The row's request for one stack. */
export function concreteRequest(row: MatrixRow, facts: StackFacts): ConcreteRequest {
    return {
        principal: expand(row.principal, facts),
        action: row.action,
        resource: expand(row.resource, facts),
        context: Object.fromEntries(Object.entries(row.context).map(([key, value]) => [key, expand(value, facts)])),
    };
}
