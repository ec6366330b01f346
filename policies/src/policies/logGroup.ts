// The CloudWatch Logs group a trail delivers to (AnalyzeStack: found through the trail's
// cloudWatchLogsGroupArn).
import { HIPAA_AUDIT_CONTROLS, nist, pciDss, securityHub } from "../frameworks";
import { stackPolicy, undecided } from "../policyDefinition";
import { LogGroupNode, StackGraph, TYPES } from "../stackGraph";
import { count, isSet, num, UNKNOWN } from "../values";

function trailLogGroups(graph: StackGraph): Map<LogGroupNode, string> {
    const groups = new Map<LogGroupNode, string>();
    for (const audit of graph.trails()) {
        if (audit.logGroup && !groups.has(audit.logGroup)) groups.set(audit.logGroup, audit.trail.name);
    }
    return groups;
}

export const logGroupEncryption = stackPolicy(
    {
        name: "cloudtrail-log-group-kms-encryption",
        displayName: "Trail log group encrypted with KMS",
        description: "The CloudWatch Logs group a trail delivers to must be encrypted with a customer managed KMS key.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Set `kmsKeyId` on the aws.cloudwatch.LogGroup to a KMS key ARN whose policy allows logs.<region>.amazonaws.com to use it for this log group.",
        references: [pciDss("10.3.2"), HIPAA_AUDIT_CONTROLS, nist("AU-9(3)"), nist("SC-28")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const [group, trail] of trailLogGroups(graph)) {
            if (isSet(group.props.kmsKeyId)) continue;
            report({ urn: group.urn, message: `Log group "${group.name}" of trail "${trail}" is not KMS-encrypted; set kmsKeyId to a customer managed key.` });
        }
    },
);

export interface LogGroupRetentionConfig {
    minimumRetentionDays: number;
}

export const logGroupRetention = stackPolicy<LogGroupRetentionConfig>(
    {
        name: "cloudtrail-log-group-retention",
        displayName: "Trail log group kept long enough",
        description: "The CloudWatch Logs group a trail delivers to must keep events for at least the minimum retention.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps: "Set `retentionInDays` on the aws.cloudwatch.LogGroup to at least the minimum (or leave it unset to keep events forever).",
        references: [securityHub("CloudWatch.16"), pciDss("10.5.1"), HIPAA_AUDIT_CONTROLS, nist("AU-11")],
        settings: {
            minimumRetentionDays: {
                type: "integer",
                description: "Shortest acceptable retentionInDays for a trail's log group.",
                default: 365,
                minimum: 1,
            },
        },
    },
    TYPES.trail,
    ({ graph }, settings, report) => {
        for (const [group, trail] of trailLogGroups(graph)) {
            const days = num(group.props.retentionInDays);
            // Unset or 0 means CloudWatch keeps events forever.
            if (days === UNKNOWN) {
                report(undecided(`Log group "${group.name}" of trail "${trail}"`, "retentionInDays", `it keeps events at least ${settings.minimumRetentionDays} days`, group.urn));
                continue;
            }
            if (days === undefined || days === 0 || days >= settings.minimumRetentionDays) continue;
            report({
                urn: group.urn,
                message: `Log group "${group.name}" of trail "${trail}" keeps events ${count(days, "day")}; set retentionInDays to at least ${settings.minimumRetentionDays}.`,
            });
        }
    },
);
