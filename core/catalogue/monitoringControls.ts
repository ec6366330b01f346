// The catalogue of CIS AWS Foundations Benchmark monitoring controls (section 4 of v1.4.0 and v3.0.0,
// section 3 of v1.2.0). It is data, not code: the SecurityAlarms component turns each entry into a
// metric filter and an alarm, the policy pack checks that stacks have them, `trailguard replay` runs
// the patterns over real CloudTrail records, and docs/compliance.md is written from it.
//
// It lives in core/, the shared core everything else imports; the pack's build compiles core/ into
// policies/bin, so the pack stays publishable on its own.
//
// Patterns are the texts AWS Security Hub checks for CloudWatch.1–14 (Security Hub fails those
// controls unless the exact CIS pattern is used, whitespace aside). 4.15 has no Security Hub control;
// its pattern is the CIS v1.4.0 text.

import type { AlarmStatistic } from "../awsVocabulary";

/** CloudWatch's alarm statistics, defined with the list they come from (core/awsVocabulary.ts). */

export interface FrameworkReferences {
    /** CIS AWS Foundations Benchmark v1.2.0 recommendation, e.g. "3.3". */
    readonly cisV12?: string;
    /** CIS AWS Foundations Benchmark v1.4.0 recommendation, e.g. "4.3". */
    readonly cisV14: string;
    /** CIS AWS Foundations Benchmark v3.0.0 recommendation, e.g. "4.3". */
    readonly cisV30: string;
    /** AWS Security Hub control id, e.g. "CloudWatch.1". */
    readonly securityHub?: string;
}

export interface MonitoringControl {
    /** Catalogue key; also the key under `alarms.overrides` in stack config. */
    readonly id: string;
    readonly title: string;
    /** CloudWatch Logs filter pattern, exactly as CIS / Security Hub publish it. */
    readonly pattern: string;
    /** Metric the filter emits (value 1 per matching event). */
    readonly metricName: string;
    readonly threshold: number;
    /** Alarm period in seconds. */
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly statistic: AlarmStatistic;
    readonly references: FrameworkReferences;
    /** Why a security team wants this alarm; shown in alarm descriptions and docs. */
    readonly rationale: string;
}

const FIVE_MINUTES = 300;

export const MONITORING_CONTROLS: readonly MonitoringControl[] = [
    {
        id: "unauthorizedApiCalls",
        title: "Unauthorized API calls",
        pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
        metricName: "UnauthorizedApiCalls",
        // Applications probe permissions all day; one denial per five minutes is noise, a burst is not.
        threshold: 5,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.1", cisV14: "4.1", cisV30: "4.1", securityHub: "CloudWatch.2" },
        rationale: "Bursts of denied calls reveal misconfigured applications and credential misuse early.",
    },
    {
        id: "consoleSignInWithoutMfa",
        title: "Management Console sign-in without MFA",
        pattern:
            '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
        metricName: "ConsoleSignInWithoutMfa",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.2", cisV14: "4.2", cisV30: "4.2", securityHub: "CloudWatch.3" },
        rationale: "Single-factor console sessions are the easiest way into an account.",
    },
    {
        id: "rootAccountUsage",
        title: 'Usage of the "root" user',
        pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
        metricName: "RootAccountUsage",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.3", cisV14: "4.3", cisV30: "4.3", securityHub: "CloudWatch.1" },
        rationale: "The root user bypasses IAM; every use outside break-glass procedures needs an explanation.",
    },
    {
        id: "iamPolicyChanges",
        title: "IAM policy changes",
        pattern:
            "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
        metricName: "IamPolicyChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.4", cisV14: "4.4", cisV30: "4.4", securityHub: "CloudWatch.4" },
        rationale: "Changes to IAM policies alter who may do what; they should never go unnoticed.",
    },
    {
        id: "cloudTrailConfigChanges",
        title: "CloudTrail configuration changes",
        pattern:
            "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
        metricName: "CloudTrailConfigChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.5", cisV14: "4.5", cisV30: "4.5", securityHub: "CloudWatch.5" },
        rationale: "An attacker's first move is often to blind the audit trail.",
    },
    {
        id: "consoleAuthenticationFailures",
        title: "Management Console authentication failures",
        pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
        metricName: "ConsoleAuthenticationFailures",
        // A mistyped password is normal; several failures in five minutes look like guessing.
        threshold: 3,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.6", cisV14: "4.6", cisV30: "4.6", securityHub: "CloudWatch.6" },
        rationale: "Repeated failed console logins indicate brute-force attempts and give a source IP to correlate.",
    },
    {
        id: "kmsKeyDisableOrDeletion",
        title: "Disabling or scheduled deletion of customer managed keys",
        pattern:
            "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
        metricName: "KmsKeyDisableOrDeletion",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.7", cisV14: "4.7", cisV30: "4.7", securityHub: "CloudWatch.7" },
        rationale: "Data encrypted under a disabled or deleted key is lost, including the audit logs themselves.",
    },
    {
        id: "s3BucketPolicyChanges",
        title: "S3 bucket policy changes",
        pattern:
            "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}",
        metricName: "S3BucketPolicyChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.8", cisV14: "4.8", cisV30: "4.8", securityHub: "CloudWatch.8" },
        rationale: "Permissive bucket policies and ACLs are the most common cause of S3 data exposure.",
    },
    {
        id: "awsConfigChanges",
        title: "AWS Config configuration changes",
        pattern:
            "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
        metricName: "AwsConfigChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.9", cisV14: "4.9", cisV30: "4.9", securityHub: "CloudWatch.9" },
        rationale: "Stopping AWS Config removes the configuration history investigators depend on.",
    },
    {
        id: "securityGroupChanges",
        title: "Security group changes",
        pattern:
            "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
        metricName: "SecurityGroupChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.10", cisV14: "4.10", cisV30: "4.10", securityHub: "CloudWatch.10" },
        rationale: "Opened security groups expose instances directly to the internet.",
    },
    {
        id: "networkAclChanges",
        title: "Network ACL changes",
        pattern:
            "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
        metricName: "NetworkAclChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.11", cisV14: "4.11", cisV30: "4.11", securityHub: "CloudWatch.11" },
        rationale: "NACLs are the subnet-level firewall; changes can silently open whole subnets.",
    },
    {
        id: "networkGatewayChanges",
        title: "Network gateway changes",
        pattern:
            "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
        metricName: "NetworkGatewayChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.12", cisV14: "4.12", cisV30: "4.12", securityHub: "CloudWatch.12" },
        rationale: "Gateways decide which traffic may leave or enter a VPC.",
    },
    {
        id: "routeTableChanges",
        title: "Route table changes",
        pattern:
            "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}",
        metricName: "RouteTableChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.13", cisV14: "4.13", cisV30: "4.13", securityHub: "CloudWatch.13" },
        rationale: "Altered routes can divert traffic around inspection points.",
    },
    {
        id: "vpcChanges",
        title: "VPC changes",
        pattern:
            "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}",
        metricName: "VpcChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV12: "3.14", cisV14: "4.14", cisV30: "4.14", securityHub: "CloudWatch.14" },
        rationale: "New VPCs and peering connections create network paths outside reviewed architecture.",
    },
    {
        id: "organizationsChanges",
        title: "AWS Organizations changes",
        pattern:
            '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
        metricName: "OrganizationsChanges",
        threshold: 1,
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        statistic: "Sum",
        references: { cisV14: "4.15", cisV30: "4.15" },
        rationale: "Organization changes move accounts out from under service control policies and the org trail.",
    },
];

export const MONITORING_CONTROL_IDS: readonly string[] = MONITORING_CONTROLS.map((c) => c.id);

const byId = new Map(MONITORING_CONTROLS.map((c) => [c.id, c]));
const byCisId = new Map(MONITORING_CONTROLS.map((c) => [c.references.cisV14, c]));

export function findControl(id: string): MonitoringControl | undefined {
    return byId.get(id);
}

/** Looks a control up by its CIS v1.4/v3.0 number ("4.3"), the way auditors and the pack's config name it. */
export function findControlByCisId(cisId: string): MonitoringControl | undefined {
    return byCisId.get(cisId);
}

/**
 * Patterns compare equal when only white space outside quoted values differs, as Security Hub
 * compares them: `"Failed authentication"` keeps its inner space.
 */
export function normalizePattern(pattern: string): string {
    return pattern.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (_match, quoted: string | undefined) => quoted ?? "");
}

// Normalized once at load: the policy pack looks up every metric filter's pattern per request.
const byPattern = new Map(MONITORING_CONTROLS.map((c) => [normalizePattern(c.pattern), c]));

/** The control whose pattern this is, white space outside quoted values aside. */
export function findControlByPattern(pattern: string): MonitoringControl | undefined {
    return byPattern.get(normalizePattern(pattern));
}
