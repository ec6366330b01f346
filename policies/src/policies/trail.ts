// The trail's own settings, checked per resource on its inputs (Analyze), so a violation stops the
// step before the trail is created or changed.
import { cisV14, cisV30, HIPAA_AUDIT_CONTROLS, nist, pciDss, securityHub, SOC2_MONITORING, TRAIL_LOGGING_REFERENCES } from "../frameworks";
import { resourcePolicy } from "../policyDefinition";
import { TYPES } from "../stackGraph";
import { at, bool, isSet, isUnknown, list, show, UNKNOWN } from "../values";

const TRAIL = [TYPES.trail];

export const trailMultiRegion = resourcePolicy(
    {
        name: "cloudtrail-multi-region",
        displayName: "CloudTrail records every region",
        description: "A trail must be multi-region so that API activity in regions nobody watches is still recorded.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps: "Set `isMultiRegionTrail: true` on the aws.cloudtrail.Trail.",
        references: [cisV14("3.1"), cisV30("3.1"), securityHub("CloudTrail.1"), pciDss("10.2.1"), HIPAA_AUDIT_CONTROLS, SOC2_MONITORING, nist("AU-2"), nist("AU-12")],
    },
    TRAIL,
    (trail, _settings, report) => {
        const multiRegion = bool(trail.props["isMultiRegionTrail"]);
        if (multiRegion === true || multiRegion === UNKNOWN) return;
        report({
            message: `Trail "${trail.name}" records only its home region (isMultiRegionTrail is ${show(trail.props["isMultiRegionTrail"])}); set isMultiRegionTrail: true.`,
        });
    },
);

export const trailGlobalServiceEvents = resourcePolicy(
    {
        name: "cloudtrail-global-service-events",
        displayName: "CloudTrail records global service events",
        description: "A trail must include global service events (IAM, STS, CloudFront), which are logged only once, in us-east-1.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps: "Remove `includeGlobalServiceEvents: false` from the aws.cloudtrail.Trail (the default is true).",
        references: [cisV14("3.1"), cisV30("3.1"), securityHub("CloudTrail.1"), pciDss("10.2.1"), nist("AU-2")],
    },
    TRAIL,
    (trail, _settings, report) => {
        if (bool(trail.props["includeGlobalServiceEvents"]) !== false) return;
        report({
            message: `Trail "${trail.name}" leaves out global service events (IAM, STS, CloudFront); set includeGlobalServiceEvents: true.`,
        });
    },
);

export const trailLogFileValidation = resourcePolicy(
    {
        name: "cloudtrail-log-file-validation",
        displayName: "CloudTrail log file integrity validation",
        description: "A trail must sign digest files so that altered or deleted log files can be detected.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Set `enableLogFileValidation: true` on the aws.cloudtrail.Trail. With enforcement level `remediate` the pack sets it during `pulumi up`.",
        references: [cisV14("3.2"), cisV30("3.2"), securityHub("CloudTrail.4"), pciDss("10.3.4"), nist("AU-9"), nist("AU-10")],
    },
    TRAIL,
    (trail, _settings, report) => {
        const validation = bool(trail.props["enableLogFileValidation"]);
        if (validation === true || validation === UNKNOWN) return;
        report({
            message: `Trail "${trail.name}" does not validate log files (enableLogFileValidation is ${show(trail.props["enableLogFileValidation"])}); set enableLogFileValidation: true.`,
        });
    },
    (trail) => (bool(trail.props["enableLogFileValidation"]) === true ? undefined : { ...trail.props, enableLogFileValidation: true }),
);

export const trailKmsEncryption = resourcePolicy(
    {
        name: "cloudtrail-kms-encryption",
        displayName: "CloudTrail log files encrypted with a KMS key",
        description: "A trail must encrypt its log files with a customer managed KMS key (SSE-KMS).",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Create an aws.kms.Key whose policy lets cloudtrail.amazonaws.com use it (kms:GenerateDataKey*, kms:DescribeKey) and set the trail's `kmsKeyId` to its ARN.",
        references: [cisV14("3.7"), cisV30("3.5"), securityHub("CloudTrail.2"), pciDss("10.3.2"), HIPAA_AUDIT_CONTROLS, nist("AU-9(3)"), nist("SC-28")],
    },
    TRAIL,
    (trail, _settings, report) => {
        if (isSet(trail.props["kmsKeyId"])) return;
        report({ message: `Trail "${trail.name}" has no kmsKeyId; set kmsKeyId to the ARN of a customer managed KMS key.` });
    },
);

export const trailCloudWatchLogs = resourcePolicy(
    {
        name: "cloudtrail-cloudwatch-logs",
        displayName: "CloudTrail delivers events to CloudWatch Logs",
        description: "A trail must deliver events to a CloudWatch Logs group, where metric filters and alarms watch them.",
        severity: "medium",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Set the trail's `cloudWatchLogsGroupArn` to `${logGroup.arn}:*` and `cloudWatchLogsRoleArn` to a role that cloudtrail.amazonaws.com can assume with logs:CreateLogStream and logs:PutLogEvents on that group.",
        references: [cisV14("3.4"), securityHub("CloudTrail.5"), pciDss("10.4.1"), SOC2_MONITORING, nist("AU-6"), nist("SI-4")],
    },
    TRAIL,
    (trail, _settings, report) => {
        const missing = ["cloudWatchLogsGroupArn", "cloudWatchLogsRoleArn"].filter((key) => !isSet(trail.props[key]));
        if (missing.length === 0) return;
        report({
            message: `Trail "${trail.name}" does not deliver to CloudWatch Logs (${missing.join(" and ")} not set); set cloudWatchLogsGroupArn to "\${logGroup.arn}:*" and cloudWatchLogsRoleArn to a delivery role.`,
        });
    },
);

export interface ManagementEventSettings {
    allowedExcludedEventSources: string[];
}

export const trailManagementEvents = resourcePolicy<ManagementEventSettings>(
    {
        name: "cloudtrail-management-events",
        displayName: "CloudTrail logs all management events",
        description: "A trail must be logging and record every management event, read and write, leaving out no event source beyond those allowed.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Leave `enableLogging` at true and either omit event selectors (management events, read and write, are the default) or include one with `readWriteType: \"All\"`, `includeManagementEvents: true` and no `excludeManagementEventSources` beyond the allowed ones; advanced selectors need one selecting `eventCategory = Management` without a `readOnly` field and with at most a `notEquals` of allowed event sources.",
        references: TRAIL_LOGGING_REFERENCES,
        settings: {
            allowedExcludedEventSources: {
                type: "array",
                description:
                    "Management event sources a trail may leave out. Only the high-volume RDS Data API is allowed by default; leaving out kms.amazonaws.com silences CIS 4.7 (key disabling and deletion).",
                default: ["rdsdata.amazonaws.com"],
                items: { type: "string", enum: ["rdsdata.amazonaws.com", "kms.amazonaws.com"] },
                uniqueItems: true,
            },
        },
    },
    TRAIL,
    (trail, settings, report) => {
        const name = `Trail "${trail.name}"`;
        if (bool(trail.props["enableLogging"]) === false) {
            report({ message: `${name} is not logging (enableLogging: false); remove enableLogging: false.` });
        }
        const problem = managementEventProblem(trail.props["eventSelectors"], trail.props["advancedEventSelectors"], settings.allowedExcludedEventSources);
        if (problem === UNKNOWN || problem === undefined) return;
        report({ message: `${name} ${problem}.` });
    },
);

/** Why the selectors fall short of all management events, undefined when they do not, Unknown when computed. */
function managementEventProblem(basic: unknown, advanced: unknown, allowed: readonly string[]): string | typeof UNKNOWN | undefined {
    const disallowed = (sources: unknown[]) => sources.filter((s) => typeof s !== "string" || !allowed.includes(s));
    const advancedList = list(advanced);
    if (advancedList === UNKNOWN) return UNKNOWN;
    if (advancedList && advancedList.length > 0) {
        let sawUnknown = false;
        const problems: string[] = [];
        for (const selector of advancedList) {
            const fields = list(at(selector, "fieldSelectors"));
            if (fields === UNKNOWN) return UNKNOWN;
            const category = (fields ?? []).find((f) => at(f, "field") === "eventCategory");
            const equals = list(at(category, "equals"));
            if (equals === UNKNOWN || isUnknown(at(category, "field"))) sawUnknown = true;
            if (!Array.isArray(equals) || !equals.includes("Management")) continue;
            const readOnly = (fields ?? []).find((f) => at(f, "field") === "readOnly");
            if (readOnly) {
                problems.push(`records only ${at(readOnly, "equals", 0) === "true" ? "read" : "write"} management events in selector "${String(at(selector, "name") ?? "")}" (remove the readOnly field)`);
                continue;
            }
            const source = (fields ?? []).find((f) => at(f, "field") === "eventSource");
            if (source) {
                const onlyNotEquals = Object.entries(source as object).every(([k, v]) => ["field", "notEquals"].includes(k) || v === undefined || v === null);
                const notEquals = list(at(source, "notEquals"));
                if (notEquals === UNKNOWN) return UNKNOWN;
                const extra = onlyNotEquals ? disallowed(notEquals ?? []) : ["(an eventSource filter other than notEquals)"];
                if (extra.length > 0) {
                    problems.push(`leaves out management events from ${extra.join(", ")} (allowed: ${allowed.join(", ") || "none"})`);
                    continue;
                }
            }
            return undefined;
        }
        if (sawUnknown) return UNKNOWN;
        return problems.length > 0
            ? problems.join("; ")
            : 'has no advanced event selector that records all management events; add one with fieldSelectors [{ field: "eventCategory", equals: ["Management"] }]';
    }
    const selectors = list(basic);
    if (selectors === UNKNOWN) return UNKNOWN;
    if (!selectors || selectors.length === 0) return undefined;
    const problems: string[] = [];
    for (const selector of selectors) {
        const include = bool(at(selector, "includeManagementEvents"));
        const readWrite = at(selector, "readWriteType");
        const excluded = list(at(selector, "excludeManagementEventSources"));
        if (include === UNKNOWN || isUnknown(readWrite) || excluded === UNKNOWN) return UNKNOWN;
        if (include === false) continue;
        if (readWrite !== undefined && readWrite !== "All") {
            problems.push(`records only ${String(readWrite)} management events (set readWriteType: "All")`);
            continue;
        }
        const extra = disallowed(excluded ?? []);
        if (extra.length > 0) {
            problems.push(`excludes management events from ${extra.join(", ")} (allowed: ${allowed.join(", ") || "none"}; remove the others from excludeManagementEventSources)`);
            continue;
        }
        return undefined;
    }
    return problems.length > 0 ? problems.join("; ") : 'records no management events (set includeManagementEvents: true, readWriteType: "All")';
}
