// The trail's own settings, checked per resource on its inputs (Analyze), so a violation stops the
// step before the trail is created or changed.
import { EXCLUDABLE_MANAGEMENT_EVENT_SOURCES, ExcludableManagementEventSource } from "../../../core/awsVocabulary";
import { cisV14, cisV30, HIPAA_AUDIT_CONTROLS, nist, pciDss, securityHub, SOC2_MONITORING, TRAIL_LOGGING_REFERENCES } from "../frameworks";
import { resourcePolicy, undecided } from "../policyDefinition";
import { TYPES } from "../stackGraph";
import { at, bool, isSet, isUnknown, list, listText, show, UNKNOWN, Unknown } from "../values";

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
        const multiRegion = bool(trail.props.isMultiRegionTrail);
        if (multiRegion === true) return;
        if (multiRegion === UNKNOWN) return report(undecided(`Trail "${trail.name}"`, "isMultiRegionTrail", "it records every region"));
        report({
            message: `Trail "${trail.name}" records only its home region (isMultiRegionTrail is ${show(trail.props.isMultiRegionTrail)}); set isMultiRegionTrail: true.`,
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
        const global = bool(trail.props.includeGlobalServiceEvents);
        if (global === UNKNOWN) return report(undecided(`Trail "${trail.name}"`, "includeGlobalServiceEvents", "it records global service events"));
        if (global !== false) return;
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
        const validation = bool(trail.props.enableLogFileValidation);
        if (validation === true) return;
        if (validation === UNKNOWN) return report(undecided(`Trail "${trail.name}"`, "enableLogFileValidation", "it validates its log files"));
        report({
            message: `Trail "${trail.name}" does not validate log files (enableLogFileValidation is ${show(trail.props.enableLogFileValidation)}); set enableLogFileValidation: true.`,
        });
    },
    (trail) => (bool(trail.props.enableLogFileValidation) === true ? undefined : { ...trail.props, enableLogFileValidation: true }),
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
        if (isSet(trail.props.kmsKeyId)) return;
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
        const noGroup = !isSet(trail.props.cloudWatchLogsGroupArn);
        const noRole = !isSet(trail.props.cloudWatchLogsRoleArn);
        if (!noGroup && !noRole) return;
        const fix =
            noGroup && noRole
                ? 'set cloudWatchLogsGroupArn to "${logGroup.arn}:*" and cloudWatchLogsRoleArn to a delivery role'
                : noGroup
                  ? 'set cloudWatchLogsGroupArn to "${logGroup.arn}:*"'
                  : "set cloudWatchLogsRoleArn to a delivery role that cloudtrail.amazonaws.com can assume";
        const missing = [noGroup ? "cloudWatchLogsGroupArn" : undefined, noRole ? "cloudWatchLogsRoleArn" : undefined].filter((k) => k !== undefined);
        report({ message: `Trail "${trail.name}" does not deliver to CloudWatch Logs (${missing.join(" and ")} not set); ${fix}.` });
    },
);

export interface ManagementEventSettings {
    allowedExcludedEventSources: string[];
}

/** Allowed by default: the high-volume RDS Data API. */
const DEFAULT_ALLOWED_EXCLUDED_SOURCES: readonly ExcludableManagementEventSource[] = ["rdsdata.amazonaws.com"];

export const trailManagementEvents = resourcePolicy(
    {
        name: "cloudtrail-management-events",
        displayName: "CloudTrail logs all management events",
        description: "A trail must be logging and record every management event, read and write, leaving out no event source beyond those allowed.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Leave `enableLogging` at true and either omit event selectors (management events, read and write, are the default) or let the selectors together record every management event, since CloudTrail logs an event that matches any of them: basic selectors with `includeManagementEvents: true` and `readWriteType: \"All\"` (or one \"ReadOnly\" and one \"WriteOnly\"), and no event source beyond the allowed ones left out by all of them through `excludeManagementEventSources`; advanced selectors selecting `eventCategory = Management` without a `readOnly` field (or one with readOnly \"true\" and one with \"false\"), filtering `eventSource` with nothing but a `notEquals` of allowed sources.",
        references: TRAIL_LOGGING_REFERENCES,
        settings: {
            allowedExcludedEventSources: {
                type: "array",
                description:
                    "Management event sources a trail may leave out. Only the high-volume RDS Data API is allowed by default; leaving out kms.amazonaws.com silences CIS 4.7 (key disabling and deletion).",
                default: [...DEFAULT_ALLOWED_EXCLUDED_SOURCES],
                // Every source CloudTrail lets a trail leave out, the default ones first.
                items: {
                    type: "string",
                    enum: [...DEFAULT_ALLOWED_EXCLUDED_SOURCES, ...EXCLUDABLE_MANAGEMENT_EVENT_SOURCES.filter((s) => !DEFAULT_ALLOWED_EXCLUDED_SOURCES.includes(s))],
                },
                uniqueItems: true,
            },
        },
    },
    TRAIL,
    (trail, settings: ManagementEventSettings, report) => {
        const name = `Trail "${trail.name}"`;
        if (bool(trail.props.enableLogging) === false) {
            report({ message: `${name} is not logging (enableLogging: false); remove enableLogging: false.` });
        }
        const problem = managementEventProblem(trail.props.eventSelectors, trail.props.advancedEventSelectors, settings.allowedExcludedEventSources);
        if (problem === UNKNOWN || problem === undefined) return;
        report({ message: `${name} ${problem.text}.`, unverified: problem.unverified });
    },
);

// CloudTrail logs an event when it matches ANY of a trail's event selectors, basic or advanced alike:
// "CloudTrail evaluates the event selectors or advanced event selectors in all trails. For each trail,
// if the event matches any event selector, the trail processes and logs the event." (PutEventSelectors,
// https://docs.aws.amazon.com/goto/cli2/cloudtrail-2013-11-01/PutEventSelectors). So one selector for
// read events and one for write events together record every management event, and a source one
// selector leaves out is still recorded when another selector records it.

type Kind = "read" | "write";
const KINDS: readonly Kind[] = ["read", "write"];

/** The management events one selector records. */
interface Coverage {
    /** How a message names an advanced selector: its name in quotes, else its position. */
    label: string;
    /** Read events, write events or both; Unknown while a computed readOnly filter decides. */
    kinds: readonly Kind[] | Unknown;
    /** The event sources it leaves out (excludeManagementEventSources, or a notEquals on eventSource). */
    excluded: readonly string[];
    /** The operators of an eventSource filter other than notEquals: it records only the sources they let through. */
    picks?: readonly string[];
}

/** A selector's management events: "none" when it records none, Unknown when a computed value hides which. */
type Reading = Coverage | "none" | Unknown;

function readBasicSelector(selector: unknown, index: number): Reading {
    const include = bool(at(selector, "includeManagementEvents"));
    const readWrite = at(selector, "readWriteType");
    const excluded = list(at(selector, "excludeManagementEventSources"));
    if (include === UNKNOWN || isUnknown(readWrite) || excluded === UNKNOWN || (excluded ?? []).some(isUnknown)) return UNKNOWN;
    // includeManagementEvents defaults to true, readWriteType to "All".
    if (include === false) return "none";
    const kinds: Kind[] = readWrite === undefined || readWrite === "All" ? ["read", "write"] : readWrite === "ReadOnly" ? ["read"] : readWrite === "WriteOnly" ? ["write"] : [];
    return { label: String(index + 1), kinds, excluded: (excluded ?? []).map(String) };
}

/** Operators of an advanced field selector that are set (@pulumi/aws names them equals, notEquals, startsWiths, ...). */
function operatorsOf(fieldSelector: unknown): string[] {
    if (typeof fieldSelector !== "object" || fieldSelector === null) return [];
    return Object.entries(fieldSelector)
        .filter(([key, value]) => key !== "field" && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
        .map(([key]) => key);
}

function readAdvancedSelector(selector: unknown, index: number): Reading {
    // An unnamed selector, or one whose name is computed, is named by its position.
    const name = at(selector, "name");
    const label = typeof name === "string" && name !== "" ? `"${name}"` : String(index + 1);
    const fields = list(at(selector, "fieldSelectors"));
    if (fields === UNKNOWN || (fields ?? []).some((f) => isUnknown(f) || isUnknown(at(f, "field")))) return UNKNOWN;
    const named = (field: string) => (fields ?? []).filter((f) => at(f, "field") === field);
    const category = list(at(named("eventCategory")[0], "equals"));
    if (category === UNKNOWN || (category ?? []).some(isUnknown)) return UNKNOWN;
    if (!category?.includes("Management")) return "none";

    let kinds: readonly Kind[] | Unknown = KINDS;
    const readOnly = named("readOnly")[0];
    if (readOnly !== undefined) {
        const equals = list(at(readOnly, "equals"));
        const notEquals = list(at(readOnly, "notEquals"));
        if (equals === UNKNOWN || notEquals === UNKNOWN || [...(equals ?? []), ...(notEquals ?? [])].some(isUnknown)) kinds = UNKNOWN;
        else {
            const value = (kind: Kind) => (kind === "read" ? "true" : "false");
            kinds = KINDS.filter((kind) => (equals === undefined || equals.includes(value(kind))) && !(notEquals ?? []).includes(value(kind)));
        }
    }

    const excluded: string[] = [];
    const picks = new Set<string>();
    for (const source of named("eventSource")) {
        const notEquals = list(at(source, "notEquals"));
        if (notEquals === UNKNOWN || (notEquals ?? []).some(isUnknown)) return UNKNOWN;
        excluded.push(...(notEquals ?? []).map(String));
        for (const operator of operatorsOf(source)) if (operator !== "notEquals") picks.add(operator);
    }
    return { label, kinds, excluded, ...(picks.size > 0 ? { picks: [...picks] } : {}) };
}

/**
 * For each kind of management event, what no selector records: "all" of it, or the event sources
 * every selector recording that kind leaves out. Selectors whose readOnly filter is computed count
 * as recording both kinds when `assumeComputed`, neither otherwise.
 */
function gaps(coverages: readonly Coverage[], assumeComputed: boolean): Map<Kind, "all" | string[]> {
    const out = new Map<Kind, "all" | string[]>();
    for (const kind of KINDS) {
        const recording = coverages.filter((c) => !c.picks && (c.kinds === UNKNOWN ? assumeComputed : c.kinds.includes(kind)));
        const [first, ...rest] = recording;
        out.set(kind, first ? first.excluded.filter((source) => rest.every((c) => c.excluded.includes(source))) : "all");
    }
    return out;
}

/** 'selector "reads"', 'selector 2', 'selectors "reads", "more-reads"'. */
function selectorsText(coverages: readonly Coverage[]): string {
    return `${coverages.length === 1 ? "selector" : "selectors"} ${coverages.map((c) => c.label).join(", ")}`;
}

/** What the selectors leave out, in words; none when they record every management event but allowed sources. */
function problemsOf(coverages: readonly Coverage[], assumeComputed: boolean, allowed: readonly string[], style: "basic" | "advanced"): string[] {
    const missing = gaps(coverages, assumeComputed);
    const allowedText = allowed.join(", ") || "none";
    const problems: string[] = [];
    const unrecorded = KINDS.filter((kind) => missing.get(kind) === "all");
    if (unrecorded.length === 1) {
        const only = KINDS.find((kind) => kind !== unrecorded[0])!;
        problems.push(
            style === "basic"
                ? `records only ${only === "read" ? "ReadOnly" : "WriteOnly"} management events (set readWriteType: "All")`
                : `records only ${only} management events in ${selectorsText(coverages.filter((c) => !c.picks && c.kinds !== UNKNOWN && c.kinds.includes(only)))} (remove the readOnly field)`,
        );
    }
    if (unrecorded.length > 0) {
        const partial = coverages.filter((c) => c.picks && (c.kinds === UNKNOWN || unrecorded.some((kind) => (c.kinds as readonly Kind[]).includes(kind))));
        if (partial.length > 0) {
            const operators = [...new Set(partial.flatMap((c) => c.picks ?? []))];
            const lets = partial.length === 1 ? "lets" : "let";
            problems.push(
                `records ${unrecorded.length === 1 ? `${unrecorded[0]} ` : ""}management events only from the event sources that ${selectorsText(partial)} ${lets} through with ${listText(operators, "or")} on eventSource (filter eventSource only with notEquals, of the allowed sources: ${allowedText})`,
            );
        } else if (unrecorded.length === KINDS.length) {
            problems.push(
                style === "basic"
                    ? 'records no management events (set includeManagementEvents: true, readWriteType: "All")'
                    : 'has no advanced event selector that records all management events; add one with fieldSelectors [{ field: "eventCategory", equals: ["Management"] }]',
            );
        }
    }
    // Sources left out of the kinds that are recorded: once when the same for both kinds.
    const leftOut = KINDS.map((kind) => {
        const sources = missing.get(kind);
        return { kind, extra: sources === "all" || sources === undefined ? undefined : sources.filter((s) => !allowed.includes(s)) };
    });
    const same = unrecorded.length === 0 && [...leftOut[0]!.extra!].sort().join() === [...leftOut[1]!.extra!].sort().join();
    for (const { kind, extra } of same ? [{ kind: undefined, extra: leftOut[0]!.extra }] : leftOut) {
        if (!extra || extra.length === 0) continue;
        const events = `${kind ? `${kind} ` : ""}management events`;
        problems.push(
            style === "basic"
                ? `excludes ${events} from ${extra.join(", ")} (allowed: ${allowedText}; remove the others from excludeManagementEventSources)`
                : `leaves out ${events} from ${extra.join(", ")} (allowed: ${allowedText})`,
        );
    }
    return problems;
}

/**
 * Why the selectors fall short of all management events: undefined when they do not, Unknown when a
 * computed value decides; `unverified` when only a computed readOnly filter decides.
 */
function managementEventProblem(basic: unknown, advanced: unknown, allowed: readonly string[]): { text: string; unverified: boolean } | Unknown | undefined {
    const advancedList = list(advanced);
    if (advancedList === UNKNOWN) return UNKNOWN;
    let style: "basic" | "advanced";
    let readings: Reading[];
    // A trail has basic or advanced selectors, not both; advanced ones replace the basic ones.
    if (advancedList && advancedList.length > 0) {
        style = "advanced";
        readings = advancedList.map(readAdvancedSelector);
    } else {
        const selectors = list(basic);
        if (selectors === UNKNOWN) return UNKNOWN;
        // No selectors: all management events, read and write, are the default.
        if (!selectors || selectors.length === 0) return undefined;
        style = "basic";
        readings = selectors.map(readBasicSelector);
    }
    const coverages = readings.filter((r): r is Coverage => typeof r === "object");
    if (problemsOf(coverages, false, allowed, style).length === 0) return undefined;
    // A selector whose category, sources or settings are computed may yet record what is missing.
    if (readings.includes(UNKNOWN)) return UNKNOWN;
    const known = problemsOf(coverages, true, allowed, style);
    if (known.length > 0) return { text: known.join("; "), unverified: false };
    const computed = coverages.filter((c) => c.kinds === UNKNOWN && !c.picks);
    return {
        text: `may record only read or only write management events: the readOnly ${computed.length === 1 ? "filter" : "filters"} of ${selectorsText(computed)} ${computed.length === 1 ? "is" : "are"} computed (remove the readOnly field)`,
        unverified: true,
    };
}
