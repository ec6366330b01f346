// The Pulumi component package (PulumiPlugin.yaml; package.json `main`): what Python, Go, C#, Java
// and YAML programs get from `pulumi package add`. The SDK infers its schema from the exported
// classes' TypeScript types (@pulumi/pulumi/provider/experimental/analyzer.js), which accepts
// interfaces of strings, numbers, booleans, lists and maps, outputs and @pulumi resources, but no
// unions and no references to other components, in Args or in public fields. CloudTrailBaseline
// has public fields of its child components, so `Baseline` wraps it with outputs only.
// test/package/componentSchema.test.ts runs the SDK's analysis on this package.
import * as pulumi from "@pulumi/pulumi";
import { CloudTrailBaseline } from "../components/cloudTrailBaseline";
import type { BaselineArgs } from "../config/baselineArgs";

/** The stack-config keys as arguments; `environment` is required here as in stack config. */
export interface BaselineComponentArgs extends BaselineArgs {
    /** dev, staging or prod: selects every default. */
    environment: string;
}

/**
 * trailguard's CloudTrail audit baseline: a multi-Region trail with log-file validation, a KMS key,
 * a KMS-encrypted S3 archive with lifecycle retention, CloudWatch Logs delivery, and a metric filter
 * and alarm for each CIS monitoring control plus a delivery heartbeat, notifying an encrypted SNS
 * topic. Arguments are trailguard's stack-config keys (docs/configuration.md), validated at run time.
 */
export class Baseline extends pulumi.ComponentResource {
    /** ARN of the trail. */
    readonly trailArn: pulumi.Output<string>;
    /** The S3 bucket CloudTrail writes log and digest files to. */
    readonly logArchiveBucketName: pulumi.Output<string>;
    /** The bucket receiving the archive's S3 server access logs. */
    readonly accessLogBucketName: pulumi.Output<string>;
    /** ARN of the KMS key that encrypts the logs, the log group and the topics. */
    readonly auditKeyArn: pulumi.Output<string>;
    /** The CloudWatch Logs group the trail delivers to. */
    readonly logGroupName: pulumi.Output<string>;
    /** ARN of the SNS topic the alarms notify. */
    readonly alertTopicArn: pulumi.Output<string>;
    /** Names of every alarm created. */
    readonly alarmNames: pulumi.Output<string[]>;
    /** ARN of the log-file delivery topic, with trail.deliveryNotifications: subscribe a SIEM queue to it. */
    readonly deliveryTopicArn?: pulumi.Output<string>;
    /** The Athena workgroup for `trailguard query --athena`, with investigation.enabled. */
    readonly athenaWorkgroupName?: pulumi.Output<string>;
    /** The Glue database holding the CloudTrail table, with investigation.enabled. */
    readonly athenaDatabaseName?: pulumi.Output<string>;

    constructor(name: string, args: BaselineComponentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:index:Baseline", name, {}, opts);
        const baseline = new CloudTrailBaseline(name, args, { parent: this });
        this.trailArn = baseline.trailArn;
        this.logArchiveBucketName = baseline.logArchiveBucketName;
        this.accessLogBucketName = baseline.accessLogBucketName;
        this.auditKeyArn = baseline.auditKeyArn;
        this.logGroupName = baseline.logGroupName;
        this.alertTopicArn = baseline.alertTopicArn;
        this.alarmNames = baseline.alarmNames;
        this.deliveryTopicArn = baseline.deliveryTopicArn;
        this.athenaWorkgroupName = baseline.athenaWorkgroupName;
        this.athenaDatabaseName = baseline.athenaDatabaseName;
        // The outputs a stack of trailguard's own program exports, the optional ones only when set.
        this.registerOutputs(baseline.stackOutputs);
    }
}
