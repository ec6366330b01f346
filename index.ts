// The trailguard Pulumi program: one CloudTrail audit baseline per stack, built from the stack's
// validated settings (stacks/Pulumi.<stack>.yaml).
import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./config/loadSettings";
import { CloudTrailBaseline } from "./components/cloudTrailBaseline";

const settings = loadSettings();
const baseline = new CloudTrailBaseline("audit", { settings });

// The stack's outputs. An optional one is present only when its feature is on: exporting an
// undefined value would make the engine warn on every preview ("Undefined value … will not show as a
// stack output"), and that warning would reach every check report as noise.
const outputs: Record<string, pulumi.Output<unknown>> = {
    trailArn: baseline.trailArn,
    logArchiveBucketName: baseline.logArchiveBucketName,
    accessLogBucketName: baseline.accessLogBucketName,
    auditKeyArn: baseline.auditKeyArn,
    logGroupName: baseline.logGroupName,
    alertTopicArn: baseline.alertTopicArn,
    alarmNames: baseline.alarmNames,
};
/** When trail.deliveryNotifications is on: subscribe a SIEM queue to it. */
if (baseline.deliveryTopicArn) outputs.deliveryTopicArn = baseline.deliveryTopicArn;
/** When investigation.enabled: `trailguard query --athena --workgroup <this> <id>`. */
if (baseline.athenaWorkgroupName) outputs.athenaWorkgroupName = baseline.athenaWorkgroupName;
if (baseline.athenaDatabaseName) outputs.athenaDatabaseName = baseline.athenaDatabaseName;

export = outputs;
