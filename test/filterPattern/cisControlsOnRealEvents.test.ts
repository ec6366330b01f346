// Every CIS monitoring control in the catalogue, proven on real CloudTrail records: at least one record
// its pattern must match and a similar one it must not (test/fixtures/cloudtrail/ORIGIN.md).
import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { compileFilterPattern } from "../../core/filterPattern";
import { editedRecord, pantherRecord, stratusRecord } from "./cloudTrailFixtures";

type Record_ = Record<string, unknown>;

interface Example {
    what: string;
    record: () => Record_;
}

interface Proof {
    matches: Example[];
    ignores: Example[];
}

const PROOFS: Record<string, Proof> = {
    unauthorizedApiCalls: {
        matches: [
            {
                what: "GetPasswordData denied with Client.UnauthorizedOperation (Stratus detonation)",
                record: () => stratusRecord("aws.credential-access.ec2-get-password-data", "450230d4-b39e-4a18-a6a0-d07a6e2105cb"),
            },
            {
                what: "LeaveOrganization denied with AccessDenied (Stratus detonation)",
                record: () => stratusRecord("aws.defense-evasion.organizations-leave", "16903cbd-fdff-4818-82f2-d66ad09aaf57"),
            },
            { what: "S3 GetObject denied with AccessDenied", record: () => pantherRecord("aws_vpce_access_denied.yml", "Not VPC Endpoint Event") },
        ],
        ignores: [
            { what: "the same GetPasswordData call succeeding", record: () => pantherRecord("aws_ec2_many_passwors_read_attempts.yml", "Successful Attempt") },
            {
                what: "VpceAccessDenied: AccessDenied is inside, not at the start",
                record: () => pantherRecord("aws_vpce_access_denied.yml", "VPC Endpoint Access Denied"),
            },
            { what: "RunInstances dry run (Client.DryRunOperation)", record: () => pantherRecord("aws_ec2_monitoring.yml", "RunInstance - Dry Run ") },
        ],
    },
    consoleSignInWithoutMfa: {
        matches: [
            {
                what: "IAM user console login without MFA (Stratus detonation)",
                record: () => stratusRecord("aws.initial-access.console-login-without-mfa", "865d9377-9c6b-4fd7-8aad-725e95f6a140"),
            },
        ],
        ignores: [
            { what: "IAM user console login with MFA", record: () => pantherRecord("aws_cloudtrail_unsuccessful_mfa_attempt.yml", "Successful Login w/ MFA") },
            { what: "root console login without MFA (4.3's business)", record: () => pantherRecord("aws_console_login_without_mfa.yml", "No MFA Login - Root User") },
            { what: "SSO (AssumedRole) console login", record: () => pantherRecord("aws_cloudtrail_useraccesskeyauth.yml", "Console Login") },
            { what: "failed console login without MFA", record: () => pantherRecord("brute_force_by_ip.yml", "AWS.CloudTrail - Failed Login") },
        ],
    },
    rootAccountUsage: {
        matches: [
            { what: "root console login", record: () => pantherRecord("aws_console_root_login.yml", "Successful Root Login") },
            { what: "root PutBucketVersioning API call", record: () => pantherRecord("aws_root_activity.yml", "Root Activity") },
        ],
        ignores: [
            {
                what: "root CreateAccessKey carried out through signin.amazonaws.com (invokedBy present)",
                record: () => pantherRecord("aws_root_access_key_created.yml", "Root Access Key Created"),
            },
            { what: "a root AwsServiceEvent (edited record)", record: () => editedRecord("aws_root_activity.yml", "Root Activity") },
            { what: "an IAM user's console login", record: () => pantherRecord("aws_cloudtrail_unsuccessful_mfa_attempt.yml", "Successful Login w/ MFA") },
        ],
    },
    iamPolicyChanges: {
        matches: [
            {
                what: "AttachUserPolicy of AdministratorAccess (Stratus detonation)",
                record: () => stratusRecord("aws.persistence.iam-create-admin-user", "083dc4ad-e264-46bc-a407-d0dd31b58bdc"),
            },
            { what: "AttachRolePolicy that failed with NoSuchEntity", record: () => pantherRecord("aws_iam_anything_changed.yml", "Error Making IAM Change") },
        ],
        ignores: [
            {
                what: "CreateUser in the same detonation",
                record: () => stratusRecord("aws.persistence.iam-create-admin-user", "3346344c-5a3e-429e-8405-420f98f75d6e"),
            },
            { what: "read-only GetGroupPolicy", record: () => pantherRecord("aws_iam_group_read_only_events.yml", "Get Group Policy") },
            { what: "PutPolicy (not an IAM policy API)", record: () => pantherRecord("aws_security_configuration_change.yml", "Non Security Configuration Change") },
        ],
    },
    cloudTrailConfigChanges: {
        matches: [
            { what: "StopLogging (Stratus detonation)", record: () => stratusRecord("aws.defense-evasion.cloudtrail-stop", "10163ed2-2253-469d-a5ee-cbc6651f8934") },
            { what: "DeleteTrail (Stratus detonation)", record: () => stratusRecord("aws.defense-evasion.cloudtrail-delete", "ee73c230-44bc-4492-8542-cfb189eae287") },
            { what: "CreateTrail", record: () => pantherRecord("aws_cloudtrail_created.yml", "CloudTrail Was Created") },
        ],
        ignores: [
            {
                what: "PutEventSelectors (Stratus detonation; CIS 4.5 does not cover it)",
                record: () => stratusRecord("aws.defense-evasion.cloudtrail-event-selectors", "c2a89408-340a-42f0-8ace-75d9f5769393"),
            },
            { what: "read-only DescribeTrail", record: () => pantherRecord("aws_security_configuration_change.yml", "Security Configuration Not Changed") },
        ],
    },
    consoleAuthenticationFailures: {
        matches: [{ what: "console login failing with Failed authentication", record: () => pantherRecord("aws_cloudtrail_unsuccessful_mfa_attempt.yml", "Unsuccessful Login w/ MFA") }],
        ignores: [
            { what: "the same user's successful console login", record: () => pantherRecord("aws_cloudtrail_unsuccessful_mfa_attempt.yml", "Successful Login w/ MFA") },
            { what: "a failed login record without errorMessage", record: () => pantherRecord("brute_force_by_ip.yml", "AWS.CloudTrail - Failed Login") },
        ],
    },
    kmsKeyDisableOrDeletion: {
        matches: [
            { what: "DisableKey", record: () => pantherRecord("aws_kms_cmk_loss.yml", "KMS Key Disabled") },
            { what: "ScheduleKeyDeletion", record: () => pantherRecord("aws_kms_cmk_loss.yml", "KMS Key Scheduled For Deletion") },
        ],
        ignores: [
            { what: "DisableKeyRotation (edited record)", record: () => editedRecord("aws_kms_cmk_loss.yml", "KMS Key Disabled") },
            { what: "Decrypt", record: () => pantherRecord("aws_kms_cmk_loss.yml", "KMS Key Non Deletion Event") },
        ],
    },
    s3BucketPolicyChanges: {
        matches: [
            { what: "PutBucketPolicy", record: () => pantherRecord("aws_resource_made_public.yml", "S3 Made Publicly Accessible") },
            { what: "DeleteBucketReplication", record: () => pantherRecord("aws_s3_delete_bucket_replication.yml", "Bucket Replication Deleted Successfully") },
        ],
        ignores: [
            { what: "DeleteBucketReplication with a non-S3 eventSource", record: () => pantherRecord("aws_s3_delete_bucket_replication.yml", "Non-S3 Event") },
            { what: "PutBucketVersioning (not in CIS 4.8)", record: () => pantherRecord("aws_root_activity.yml", "Root Activity") },
        ],
    },
    awsConfigChanges: {
        matches: [
            { what: "PutDeliveryChannel", record: () => pantherRecord("aws_config_service_created.yml", "Config Recorder Delivery Channel Created") },
            { what: "DeleteDeliveryChannel", record: () => pantherRecord("aws_config_service_created.yml", "Config Recorder Deleted") },
        ],
        ignores: [
            { what: "read-only DescribeDeliveryChannels (edited record)", record: () => editedRecord("aws_config_service_created.yml", "Config Recorder Deleted") },
            { what: "a CloudTrail change (another service)", record: () => pantherRecord("aws_cloudtrail_created.yml", "CloudTrail Was Created") },
        ],
    },
    securityGroupChanges: {
        matches: [
            {
                what: "AuthorizeSecurityGroupIngress opening port 22 (Stratus detonation)",
                record: () => stratusRecord("aws.exfiltration.ec2-security-group-open-port-22-ingress", "9fd68588-ecbf-4528-a345-199fa6bb0821"),
            },
        ],
        ignores: [
            { what: "read-only DescribeSecurityGroups", record: () => pantherRecord("aws_ec2_security_group_modified.yml", "Security Group Not Modified") },
            { what: "RDS AuthorizeDBSecurityGroupIngress (similar name, other service)", record: () => pantherRecord("aws_rds_security_group_ingress_authorized.yml", "Ingress Authorized from Specific CIDR") },
        ],
    },
    networkAclChanges: {
        matches: [{ what: "CreateNetworkAclEntry", record: () => pantherRecord("aws_ec2_network_acl_modified.yml", "Network ACL Modified") }],
        ignores: [{ what: "read-only DescribeNetworkAcls", record: () => pantherRecord("aws_ec2_network_acl_modified.yml", "Network ACL Not Modified") }],
    },
    networkGatewayChanges: {
        matches: [{ what: "AttachInternetGateway", record: () => pantherRecord("aws_ec2_gateway_modified.yml", "Network Gateway Modified") }],
        ignores: [{ what: "read-only DescribeRouteTables", record: () => pantherRecord("aws_ec2_gateway_modified.yml", "Network Gateway Not Modified") }],
    },
    routeTableChanges: {
        matches: [{ what: "CreateRoute", record: () => pantherRecord("aws_ec2_route_table_modified.yml", "Route Table Modified") }],
        ignores: [{ what: "read-only DescribeRouteTables", record: () => pantherRecord("aws_ec2_route_table_modified.yml", "Route Table Not Modified") }],
    },
    vpcChanges: {
        matches: [{ what: "CreateVpc", record: () => pantherRecord("aws_ec2_vpc_modified.yml", "VPC Modified") }],
        ignores: [{ what: "read-only DescribeVpcs", record: () => pantherRecord("aws_ec2_vpc_modified.yml", "VPC Not Modified") }],
    },
    organizationsChanges: {
        matches: [
            {
                what: "LeaveOrganization, even when denied (Stratus detonation)",
                record: () => stratusRecord("aws.defense-evasion.organizations-leave", "16903cbd-fdff-4818-82f2-d66ad09aaf57"),
            },
            { what: "LeaveOrganization attempt", record: () => pantherRecord("aws_cloudtrail_attempt_to_leave_org.yml", "Failed Attempt to Leave Org") },
        ],
        ignores: [
            { what: "CreateAccountResult, the service event after CreateAccount", record: () => pantherRecord("new_aws_account_logging.yml", "AWS Account created") },
            { what: "a CreateAccount record without eventSource", record: () => pantherRecord("new_aws_account_logging.yml", "Non-Account-Creation Event") },
        ],
    },
};

describe("every CIS control in the catalogue is proven on real CloudTrail records", () => {
    it("has a proof for each catalogue entry and none for entries that do not exist", () => {
        expect(Object.keys(PROOFS).sort()).toEqual(MONITORING_CONTROLS.map((c) => c.id).sort());
    });

    for (const control of MONITORING_CONTROLS) {
        const proof = PROOFS[control.id];
        describe(`${control.references.cisV14} ${control.title} (${control.id})`, () => {
            const matches = compileFilterPattern(control.pattern);
            it("has at least one record it must match and one it must not", () => {
                expect(proof?.matches.length ?? 0).toBeGreaterThan(0);
                expect(proof?.ignores.length ?? 0).toBeGreaterThan(0);
            });
            for (const example of proof?.matches ?? []) {
                it(`matches: ${example.what}`, () => {
                    expect(matches(example.record())).toBe(true);
                });
            }
            for (const example of proof?.ignores ?? []) {
                it(`ignores: ${example.what}`, () => {
                    expect(matches(example.record())).toBe(false);
                });
            }
        });
    }
});
