// The trailguard Pulumi program: one CloudTrail audit baseline per stack, built from the stack's
// validated settings (stacks/Pulumi.<stack>.yaml).
import { loadSettings } from "./config/loadSettings";
import { CloudTrailBaseline } from "./components/cloudTrailBaseline";

const settings = loadSettings();
const baseline = new CloudTrailBaseline("audit", { settings });

// The stack's outputs: the component's, the optional ones (deliveryTopicArn with
// trail.deliveryNotifications, athenaWorkgroupName and athenaDatabaseName with investigation.enabled)
// only when their feature is on.
export = baseline.stackOutputs;
