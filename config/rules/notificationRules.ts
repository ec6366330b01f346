// Alarm delivery: endpoints SNS can actually deliver to, each once, and a warning when a prod
// stack's alarms would notify nobody.
import { isFifoQueueArn } from "../formats";
import type { MergedConfig } from "../applyDefaults";
import type { Findings } from "../findings";
import type { ResolvedAlarm } from "../settings";
import { checkNoDuplicates } from "./duplicates";

/** `alarms` is the resolved list (resolveAlarms.ts): which alarms exist is decided there alone. */
export function checkNotifications(config: MergedConfig, alarms: readonly ResolvedAlarm[], findings: Findings): void {
    const notifications = config.notifications;
    for (const kind of ["email", "https", "sqs", "lambda"] as const) {
        checkNoDuplicates(["notifications", kind], notifications[kind], findings);
    }
    notifications.sqs.forEach((arn, i) => {
        if (isFifoQueueArn(arn)) {
            findings.problem(["notifications", "sqs", i], arn,
                "expected a standard (non-FIFO) queue: the alert topic is a standard SNS topic, which cannot deliver to FIFO queues");
        }
    });
    const endpoints = notifications.email.length + notifications.https.length + notifications.sqs.length + notifications.lambda.length;
    if (config.environment === "prod" && endpoints === 0 && alarms.some((a) => a.enabled)) {
        findings.warn(["notifications"], "no endpoint is subscribed: prod alarms will change state without telling anyone");
    }
}
