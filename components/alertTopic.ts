// The SNS topic security alarms notify, encrypted with the audit key, with the subscriptions from
// settings.notifications. Only this account's trailguard alarms may publish to it.
import * as crypto from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NotificationSettings } from "../config/settings";
import { alarmArnPattern, AuditScope, scopeOrLookup, topicArn } from "./auditScope";
import { policyJson } from "./policyDocument";
import type { Tags } from "./protection";

export interface AlertTopicArgs {
    /** Account, region and partition; default: the provider's, looked up. */
    scope?: pulumi.Input<AuditScope>;
    topicName: string;
    kmsKeyArn: pulumi.Input<string>;
    /** Alarms whose names start with this may publish. */
    alarmNamePrefix: string;
    notifications: NotificationSettings;
    tags?: Tags;
}

type Protocol = "email" | "https" | "sqs" | "lambda";
const PROTOCOLS: readonly Protocol[] = ["email", "https", "sqs", "lambda"];

export class AlertTopic extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly policy: aws.sns.TopicPolicy;
    readonly subscriptions: aws.sns.TopicSubscription[] = [];
    readonly lambdaPermissions: aws.lambda.Permission[] = [];
    readonly topicArn: pulumi.Output<string>;

    constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:sns:AlertTopic", name, {}, opts);

        this.topic = new aws.sns.Topic(
            `${name}-topic`,
            { name: args.topicName, displayName: "trailguard security alarms", kmsMasterKeyId: args.kmsKeyArn, tags: args.tags },
            { parent: this },
        );
        this.policy = new aws.sns.TopicPolicy(
            `${name}-policy`,
            {
                arn: this.topic.arn,
                // The topic ARN is computed, not read from the topic, so the policy is known at preview.
                policy: scopeOrLookup(args.scope, this).apply((scope) =>
                    policyJson([
                        {
                            Sid: "AllowThisAccountsAlarmsToPublish",
                            Effect: "Allow",
                            Principal: { Service: "cloudwatch.amazonaws.com" },
                            Action: "SNS:Publish",
                            Resource: topicArn(scope, args.topicName),
                            // The alarm ARN names the account, so aws:SourceAccount would add
                            // nothing (IAM: not necessary with an aws:SourceArn that includes it).
                            Condition: { ArnLike: { "aws:SourceArn": alarmArnPattern(scope, args.alarmNamePrefix) } },
                        },
                    ]),
                ),
            },
            { parent: this },
        );

        const usedNames = new Set<string>();
        for (const protocol of PROTOCOLS) {
            for (const endpoint of args.notifications[protocol]) {
                // Named by endpoint, not position, so removing one subscriber leaves the others alone.
                // Offline renders read every secret endpoint as the same placeholder; number repeats.
                let subscriptionName = `${name}-${protocol}-${endpointHash(endpoint)}`;
                for (let n = 2; usedNames.has(subscriptionName); n++) subscriptionName = `${name}-${protocol}-${endpointHash(endpoint)}-${n}`;
                usedNames.add(subscriptionName);
                if (protocol === "lambda") {
                    this.lambdaPermissions.push(
                        new aws.lambda.Permission(
                            `${subscriptionName}-invoke`,
                            {
                                action: "lambda:InvokeFunction",
                                function: endpoint,
                                principal: "sns.amazonaws.com",
                                sourceArn: this.topic.arn,
                            },
                            { parent: this },
                        ),
                    );
                }
                this.subscriptions.push(
                    new aws.sns.TopicSubscription(
                        subscriptionName,
                        {
                            topic: this.topic.arn,
                            protocol,
                            // HTTPS endpoints usually carry an integration key (PagerDuty, Opsgenie):
                            // kept secret in the state whether or not the stack config marked them so.
                            endpoint: protocol === "https" ? pulumi.secret(endpoint) : endpoint,
                        },
                        { parent: this },
                    ),
                );
            }
        }

        this.topicArn = this.topic.arn;
        this.registerOutputs({ topicArn: this.topicArn });
    }
}

function endpointHash(endpoint: string): string {
    return crypto.createHash("sha256").update(endpoint).digest("hex").slice(0, 10);
}
