// The customer managed KMS key that encrypts everything the baseline stores or sends: CloudTrail log
// and digest files, the CloudWatch Logs group, and the SNS topics. Its policy admits each AWS service
// only for trailguard's own trail, log group, alarms and topic, never for the account at large.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    accountRootArn,
    accountTrailsArnPattern,
    alarmArnPattern,
    AuditScope,
    logGroupArn,
    scopeOrLookup,
    topicArn,
    trailArn,
} from "./auditScope";
import { policyJson, PolicyStatement } from "./policyDocument";
import { EvidenceProtection, evidenceOptions, Tags } from "./protection";

export interface AuditKeyArgs {
    /** Account, region and partition; default: the provider's, looked up. */
    scope?: pulumi.Input<AuditScope>;
    /** Name of the trail that may encrypt with the key. */
    trailName: string;
    /** Name of the log group CloudWatch Logs may encrypt with the key. */
    logGroupName: string;
    /** Alarms whose names start with this may publish to the alert topic. */
    alarmNamePrefix: string;
    /** Name of the alert topic (encrypted with the key) that CloudWatch alarms publish to. */
    alertTopicName: string;
    /** e.g. `alias/acme-audit-prod-cloudtrail`. */
    aliasName: string;
    /** Name of the log-file delivery topic CloudTrail publishes to, when delivery notifications are on. */
    deliveryTopicName?: string;
    /** Days between `ScheduleKeyDeletion` and deletion; default 30, the maximum. */
    deletionWindowInDays?: number;
    protection?: EvidenceProtection;
    tags?: Tags;
}

const MAX_DELETION_WINDOW_DAYS = 30;
/** The encryption context SNS passes to KMS for an encrypted topic: the topic's ARN. */
const SNS_TOPIC_CONTEXT_KEY = "kms:EncryptionContext:aws:sns:topicArn";

export class AuditKey extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly alias: aws.kms.Alias;
    readonly keyArn: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;
    readonly aliasName: pulumi.Output<string>;

    constructor(name: string, args: AuditKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:kms:AuditKey", name, {}, opts);

        const policy = scopeOrLookup(args.scope, this).apply((scope) => policyJson(auditKeyPolicyStatements(scope, args)));

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encrypts CloudTrail logs, the trail's log group and alert topics of trail ${args.trailName}`,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                deletionWindowInDays: args.deletionWindowInDays ?? MAX_DELETION_WINDOW_DAYS,
                policy,
                tags: args.tags,
            },
            { parent: this, ...evidenceOptions(args.protection) },
        );

        this.alias = new aws.kms.Alias(
            `${name}-alias`,
            { name: args.aliasName, targetKeyId: this.key.keyId },
            { parent: this },
        );

        this.keyArn = this.key.arn;
        this.keyId = this.key.keyId;
        this.aliasName = this.alias.name;
        this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
    }
}

/**
 * The key policy, statement by statement, each with the reason it exists. Every condition key is
 * one AWS documents the calling service as sending on that call; docs/policy-statements.md cites
 * the page for each, and a test fails when a rendered statement is missing from that table.
 */
function auditKeyPolicyStatements(
    scope: AuditScope,
    args: Pick<AuditKeyArgs, "trailName" | "logGroupName" | "alarmNamePrefix" | "alertTopicName" | "deliveryTopicName">,
): PolicyStatement[] {
    const trail = trailArn(scope, args.trailName);
    const statements: PolicyStatement[] = [
        {
            // Standard: the account (and through it IAM policies) administers the key. Without it
            // the key becomes unmanageable; it grants nothing to anyone outside the account.
            Sid: "EnableAccountAdministration",
            Effect: "Allow",
            Principal: { AWS: accountRootArn(scope) },
            Action: "kms:*",
            Resource: "*",
        },
        {
            Sid: "AllowCloudTrailToEncryptLogsOfThisTrail",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
                // Confused-deputy protection: only this trail, not any trail that names the key.
                StringEquals: { "aws:SourceArn": trail },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": accountTrailsArnPattern(scope) },
            },
        },
        {
            Sid: "AllowCloudTrailToDescribeKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trail } },
        },
        {
            // The archive uses S3 Bucket Keys: CloudTrail then needs kms:Decrypt on the key to create
            // or update a trail with SSE-KMS (CloudTrail user guide, "Configure AWS KMS key policies").
            Sid: "AllowCloudTrailToDecryptForS3BucketKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trail } },
        },
        {
            // Reading the logs needs both s3:GetObject on the archive and this: principals of this
            // account only, and only for data CloudTrail encrypted.
            Sid: "AllowAccountPrincipalsToDecryptLogFiles",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:CallerAccount": scope.accountId },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": accountTrailsArnPattern(scope) },
            },
        },
        {
            Sid: "AllowCloudWatchLogsForTheTrailLogGroup",
            Effect: "Allow",
            Principal: { Service: `logs.${scope.region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
                // CloudWatch Logs puts the group ARN without `:*` in the encryption context.
                ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn(scope, args.logGroupName) },
            },
        },
        {
            // CloudWatch cannot publish to a KMS-encrypted topic without these two actions. The
            // alert topic's encryption context, which SNS passes on every call, limits the grant to
            // that topic. The SNS guide also recommends aws:SourceAccount and aws:SourceArn for AWS
            // event sources, but not every source sends them (EventBridge does not); if CloudWatch
            // did not, plain operators would silence every alarm, the heartbeat included. IfExists
            // enforces them whenever they are sent and never blocks an alarm when they are not.
            Sid: "AllowCloudWatchAlarmsToPublishToEncryptedTopic",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: {
                StringEquals: { [SNS_TOPIC_CONTEXT_KEY]: topicArn(scope, args.alertTopicName) },
                StringEqualsIfExists: { "aws:SourceAccount": scope.accountId },
                ArnLikeIfExists: { "aws:SourceArn": alarmArnPattern(scope, args.alarmNamePrefix) },
            },
        },
    ];
    if (args.deliveryTopicName !== undefined) {
        statements.push({
            // Only with the delivery topic's encryption context (the context SNS passes for an
            // encrypted topic): without a condition this statement would let CloudTrail generate
            // data keys with no aws:cloudtrail:arn context, undoing the log encryption statement's
            // restriction. CloudTrail's own page shows no condition here, so docs/policy-statements.md
            // says how to confirm delivery after the first `pulumi up`.
            Sid: "AllowCloudTrailToPublishToEncryptedDeliveryTopic",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { [SNS_TOPIC_CONTEXT_KEY]: topicArn(scope, args.deliveryTopicName) } },
        });
    }
    return statements;
}
