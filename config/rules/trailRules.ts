// Trail settings that depend on each other or on the alarms: excluding KMS management events
// blinds the CIS 4.7 alarm, and listing the same ARN twice is a copy-paste slip worth stopping.
import type { MergedConfig } from "../applyDefaults";
import type { Findings } from "../findings";
import type { ResolvedAlarm } from "../settings";
import { checkNoDuplicates } from "./duplicates";

const KMS_SOURCE = "kms.amazonaws.com";
const KMS_ALARM = "kmsKeyDisableOrDeletion";

/** `alarms` is the resolved list (resolveAlarms.ts): whether the CIS 4.7 alarm exists is decided there. */
export function checkTrail(config: MergedConfig, alarms: readonly ResolvedAlarm[], findings: Findings): void {
    const trail = config.trail;
    checkNoDuplicates(["trail", "excludeManagementEventSources"], trail.excludeManagementEventSources, findings);
    checkNoDuplicates(["trail", "insights"], trail.insights, findings);
    checkNoDuplicates(["trail", "dataEvents", "s3"], trail.dataEvents.s3, findings);
    for (const kind of ["lambda", "dynamodb"] as const) {
        const arns = trail.dataEvents[kind];
        if (arns !== "all") checkNoDuplicates(["trail", "dataEvents", kind], arns, findings);
    }
    const kmsIndex = trail.excludeManagementEventSources.indexOf(KMS_SOURCE);
    if (kmsIndex >= 0) {
        const path = ["trail", "excludeManagementEventSources", kmsIndex];
        const kmsAlarmEnabled = alarms.some((a) => a.id === KMS_ALARM && a.enabled);
        if (kmsAlarmEnabled) {
            findings.problem(path, KMS_SOURCE,
                `expected no ${KMS_SOURCE} while the ${KMS_ALARM} alarm is enabled: without KMS management events it can never fire (CIS 4.7, Security Hub CloudWatch.7); to accept that, also set alarms.overrides.${KMS_ALARM}.enabled to false with its reason`);
        } else {
            findings.warn(path,
                `KMS management events are not logged: key disabling and deletion go unrecorded, and Security Hub CloudWatch.7 / CIS 4.7 fail`);
        }
    }
}
