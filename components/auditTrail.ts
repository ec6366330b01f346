// The CloudTrail trail itself, with its CloudWatch Logs delivery (log group, and the role CloudTrail
// assumes to write to it) and the optional SNS topic announcing each delivered log file.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TrailSettings } from "../config/settings";
import { AuditScope, logGroupArnForTrail, scopeOrLookup, logStreamsArn, topicArn, trailArn } from "./auditScope";
import { policyJson } from "./policyDocument";
import { EvidenceProtection, evidenceOptions, Tags } from "./protection";
import { trailSelectors } from "./trailEventSelectors";

export interface AuditTrailArgs {
    /** Account, region and partition; default: the provider's, looked up. */
    scope?: pulumi.Input<AuditScope>;
    /** What to record; `name` is the trail's physical name. */
    trail: TrailSettings;
    /** Destination bucket of log files. */
    bucketName: pulumi.Input<string>;
    /** CloudTrail checks its bucket permissions when the trail is created: create the trail after these. */
    bucketPolicy: pulumi.Resource;
    kmsKeyArn: pulumi.Input<string>;
    logGroupName: string;
    /** One of the retention periods CloudWatch Logs accepts. */
    logGroupRetentionDays: number;
    cloudWatchDeliveryRoleName: string;
    /** Name of the log-file delivery topic; used when trail.deliveryNotifications is on. */
    deliveryTopicName: string;
    protection?: EvidenceProtection;
    tags?: Tags;
}

export class AuditTrail extends pulumi.ComponentResource {
    readonly trail: aws.cloudtrail.Trail;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly cloudWatchDeliveryRole: aws.iam.Role;
    readonly cloudWatchDeliveryPolicy: aws.iam.RolePolicy;
    readonly deliveryTopic?: aws.sns.Topic;
    readonly deliveryTopicPolicy?: aws.sns.TopicPolicy;
    readonly trailArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly logGroupArn: pulumi.Output<string>;
    readonly deliveryTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:cloudtrail:AuditTrail", name, {}, opts);
        const trailName = args.trail.name;
        const scope = scopeOrLookup(args.scope, this);

        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-log-group`,
            {
                name: args.logGroupName,
                retentionInDays: args.logGroupRetentionDays,
                kmsKeyId: args.kmsKeyArn,
                tags: args.tags,
            },
            { parent: this, ...evidenceOptions(args.protection) },
        );

        this.cloudWatchDeliveryRole = new aws.iam.Role(
            `${name}-cloudwatch-delivery-role`,
            {
                name: args.cloudWatchDeliveryRoleName,
                description: `CloudTrail trail ${trailName} writes its events to ${args.logGroupName}`,
                assumeRolePolicy: policyJson([
                    {
                        // No Condition: CloudTrail does not send aws:SourceArn or aws:SourceAccount
                        // when it assumes this role (CloudTrail user guide, "Role policy document for
                        // CloudTrail to use CloudWatch Logs for monitoring"). Requiring them would stop
                        // delivery and silence every metric-filter alarm. The inline policy below
                        // limits what the role can do to this one log group.
                        Sid: "AllowCloudTrailToAssume",
                        Effect: "Allow",
                        Principal: { Service: "cloudtrail.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ]),
                tags: args.tags,
            },
            { parent: this },
        );
        this.cloudWatchDeliveryPolicy = new aws.iam.RolePolicy(
            `${name}-cloudwatch-delivery-policy`,
            {
                name: "write-trail-log-streams",
                role: this.cloudWatchDeliveryRole.id,
                policy: pulumi.all([scope, this.logGroup.name]).apply(([s, groupName]) =>
                    policyJson([
                        {
                            Sid: "WriteTrailLogStreams",
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: logStreamsArn(s, groupName),
                        },
                    ]),
                ),
            },
            { parent: this },
        );

        const trailDependencies: pulumi.Resource[] = [args.bucketPolicy, this.cloudWatchDeliveryPolicy];
        if (args.trail.deliveryNotifications) {
            this.deliveryTopic = new aws.sns.Topic(
                `${name}-delivery-topic`,
                { name: args.deliveryTopicName, kmsMasterKeyId: args.kmsKeyArn, tags: args.tags },
                { parent: this },
            );
            this.deliveryTopicPolicy = new aws.sns.TopicPolicy(
                `${name}-delivery-topic-policy`,
                {
                    arn: this.deliveryTopic.arn,
                    policy: scope.apply((s) =>
                        policyJson([
                            {
                                Sid: "AllowThisTrailToPublish",
                                Effect: "Allow",
                                Principal: { Service: "cloudtrail.amazonaws.com" },
                                Action: "SNS:Publish",
                                Resource: topicArn(s, args.deliveryTopicName),
                                Condition: { StringEquals: { "aws:SourceArn": trailArn(s, trailName) } },
                            },
                        ]),
                    ),
                },
                { parent: this },
            );
            trailDependencies.push(this.deliveryTopicPolicy);
            this.deliveryTopicArn = this.deliveryTopic.arn;
        }

        const selectors = trailSelectors(args.trail.dataEvents, args.trail.excludeManagementEventSources);
        this.trail = new aws.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: trailName,
                s3BucketName: args.bucketName,
                kmsKeyId: args.kmsKeyArn,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                enableLogging: true,
                isOrganizationTrail: args.trail.organizationTrail,
                cloudWatchLogsGroupArn: pulumi
                    .all([scope, this.logGroup.name])
                    .apply(([s, groupName]) => logGroupArnForTrail(s, groupName)),
                cloudWatchLogsRoleArn: this.cloudWatchDeliveryRole.arn,
                eventSelectors: selectors.kind === "basic" ? selectors.eventSelectors : undefined,
                advancedEventSelectors: selectors.kind === "advanced" ? selectors.advancedEventSelectors : undefined,
                insightSelectors: args.trail.insights.map((insightType) => ({ insightType })),
                snsTopicName: this.deliveryTopic?.name,
                tags: args.tags,
            },
            { parent: this, dependsOn: trailDependencies, ...evidenceOptions(args.protection) },
        );

        this.trailArn = this.trail.arn;
        this.logGroupName = this.logGroup.name;
        this.logGroupArn = this.logGroup.arn;
        this.registerOutputs({
            trailArn: this.trailArn,
            logGroupName: this.logGroupName,
            logGroupArn: this.logGroupArn,
            deliveryTopicArn: this.deliveryTopicArn,
        });
    }
}
