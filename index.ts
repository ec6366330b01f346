// The trailguard Pulumi program: one CloudTrail audit baseline per stack, built from the stack's
// validated settings (stacks/Pulumi.<stack>.yaml).
import { loadSettings } from "./config/loadSettings";
import { CloudTrailBaseline } from "./components/cloudTrailBaseline";

const settings = loadSettings();
const baseline = new CloudTrailBaseline("audit", { settings });

export const trailArn = baseline.trailArn;
export const logArchiveBucketName = baseline.logArchiveBucketName;
export const accessLogBucketName = baseline.accessLogBucketName;
export const auditKeyArn = baseline.auditKeyArn;
export const logGroupName = baseline.logGroupName;
export const alertTopicArn = baseline.alertTopicArn;
export const alarmNames = baseline.alarmNames;
/** Present when trail.deliveryNotifications is on: subscribe a SIEM queue to it. */
export const deliveryTopicArn = baseline.deliveryTopicArn;
/** Present when investigation.enabled: `trailguard query --athena --workgroup <this> <id>`. */
export const athenaWorkgroupName = baseline.athenaWorkgroupName;
export const athenaDatabaseName = baseline.athenaDatabaseName;
