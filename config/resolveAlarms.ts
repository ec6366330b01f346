// The alarm list components build: every catalogue control in catalogue order (catalogue value,
// then alarms.defaults, then alarms.overrides.<id>), then the custom alarms. Each value remembers
// the key it came from, so a rule between two values blames the key the user actually wrote.
import type { AlarmStatistic } from "../core/awsVocabulary";
import { MONITORING_CONTROLS, type MonitoringControl } from "../core/catalogue/monitoringControls";
import { DELIVERY_HEARTBEAT } from "../core/catalogue/deliveryHeartbeat";
import { lintFilterPattern, tryParseFilterPattern } from "../core/filterPattern";
import type { MergedConfig } from "./applyDefaults";
import {
    LONG_PERIOD_THRESHOLD,
    MAX_EVALUATION_RANGE_LONG_PERIOD,
    MAX_EVALUATION_RANGE_SHORT_PERIOD,
} from "./awsLimits";
import { configKey, describeValue, type ConfigPath } from "./configProblems";
import { CUSTOM_ALARM_DEFAULTS, type AlarmDefaults } from "./environmentDefaults";
import type { Findings } from "./findings";
import { CATALOGUE_ALARM_IDS, type RawAlarmOverride, type RawCustomAlarm } from "./schema";
import type { DeliveryHeartbeatAlarm, ResolvedAlarm } from "./settings";

/** A resolved value and the key that set it (undefined: the catalogue or a built-in default). */
interface Sourced<T> {
    value: T;
    path?: ConfigPath;
}

interface Tuning {
    enabled: Sourced<boolean>;
    threshold: Sourced<number>;
    period: Sourced<number>;
    evaluationPeriods: Sourced<number>;
    datapointsToAlarm: Sourced<number>;
    statistic: Sourced<AlarmStatistic>;
}

type TuningKey = keyof Tuning;
type Fallback = { [K in TuningKey]: Tuning[K]["value"] | undefined };

/** Statistics that count events, so a fractional threshold cannot mean anything. */
const COUNT_STATISTICS: readonly AlarmStatistic[] = ["Sum", "SampleCount"];

export function resolveAlarms(config: MergedConfig, findings: Findings): ResolvedAlarm[] {
    const catalogue = MONITORING_CONTROLS.map((control) => resolveCatalogueAlarm(control, config, findings));
    checkExceptionReasons(config, catalogue, findings);
    const custom = config.alarms.custom.map((alarm, i) => resolveCustomAlarm(alarm, i, config, findings));
    checkCustomIdentity(config.alarms.custom, custom, findings);
    return [...catalogue, ...custom];
}

/**
 * The delivery heartbeat: its catalogue values, then alarms.overrides.trailDeliveryStopped only.
 * alarms.defaults does not apply: its period is a silence window, not an event-count period, and
 * a dev-wide "five minutes" would page every quiet night.
 */
export function resolveDeliveryHeartbeat(config: MergedConfig, findings: Findings): DeliveryHeartbeatAlarm {
    const control = DELIVERY_HEARTBEAT;
    const { tuning, overridePath } = catalogueTuning(control, config, findings, /* no alarms.defaults */ {});
    const reason = config.alarms.overrides[control.id]?.reason;
    if (reason !== undefined) {
        findings.problem([...overridePath, "reason"], reason,
            `expected no reason: ${control.id} is not a CIS control, so turning it off is a warning, not an accepted exception`);
    }
    if (!tuning.enabled.value) {
        findings.warn(tuning.enabled.path ?? overridePath,
            `alarm ${control.id} is disabled: if the trail stops delivering, every metric-filter alarm stays OK and nobody is told`);
    } else if (tuning.threshold.value === 0) {
        findings.warn(tuning.threshold.path ?? [...overridePath, "threshold"],
            `alarm ${control.id} with threshold 0 can never fire: it alarms when fewer than threshold events arrive`);
    }
    return { id: control.id, title: control.title, ...values(tuning) };
}

/** A catalogue entry's values under alarms.overrides.<id> (and alarms.defaults if inherited), checked. */
function catalogueTuning(
    control: Pick<MonitoringControl, "id" | "threshold" | "period" | "evaluationPeriods" | "statistic">,
    config: MergedConfig,
    findings: Findings,
    defaults: Partial<AlarmDefaults> = config.alarms.defaults,
): { tuning: Tuning; overridePath: ConfigPath } {
    const overridePath: ConfigPath = ["alarms", "overrides", control.id];
    const tuning = resolveTuning(config.alarms.overrides[control.id] ?? {}, overridePath, defaults, findings, {
        enabled: true,
        threshold: control.threshold,
        period: control.period,
        evaluationPeriods: control.evaluationPeriods,
        datapointsToAlarm: undefined,
        statistic: control.statistic,
    });
    checkTuning(tuning, control.id, findings);
    return { tuning, overridePath };
}

function resolveCatalogueAlarm(control: MonitoringControl, config: MergedConfig, findings: Findings): ResolvedAlarm {
    const { tuning, overridePath } = catalogueTuning(control, config, findings);
    // A CIS control off with its reason is an accepted exception: the pack reports it as such
    // (core/acceptedExceptions.ts), so no warning here; without a reason, checkExceptionReasons.
    const reason = config.alarms.overrides[control.id]?.reason;
    const exception = !tuning.enabled.value && reason !== undefined ? { reason, key: configKey([...overridePath, "reason"]) } : undefined;
    return {
        id: control.id,
        title: control.title,
        pattern: control.pattern,
        metricName: control.metricName,
        ...values(tuning),
        references: control.references,
        ...(exception ? { exception } : {}),
        source: "catalogue",
    };
}

/**
 * Turning a CIS control off is an exception to the baseline, accepted only with its reason
 * (alarms.overrides.<id>.reason); a reason on a control that is on accepts nothing. One line per
 * key the user wrote: alarms.defaults.enabled false names every control it leaves without a reason.
 */
function checkExceptionReasons(config: MergedConfig, alarms: readonly ResolvedAlarm[], findings: Findings): void {
    const byDefaults: string[] = [];
    for (const control of MONITORING_CONTROLS) {
        const alarm = alarms.find((a) => a.id === control.id)!;
        const overridePath: ConfigPath = ["alarms", "overrides", control.id];
        const override = config.alarms.overrides[control.id] ?? {};
        const cis = `CIS ${control.references.cisV14}`;
        if (alarm.enabled && override.reason !== undefined) {
            findings.problem([...overridePath, "reason"], override.reason,
                `expected no reason while alarm ${control.id} is on: a reason records why a CIS control is off (enabled: false); remove it, or turn the alarm off`);
        } else if (!alarm.enabled && alarm.exception === undefined) {
            if (override.enabled === false) {
                findings.problem([...overridePath, "enabled"], false,
                    `expected alarms.overrides.${control.id}.reason with it: turning off ${cis} is an accepted exception only with its reason`);
            } else {
                byDefaults.push(control.id);
            }
        }
    }
    if (byDefaults.length > 0) {
        findings.problem(["alarms", "defaults", "enabled"], false,
            `expected alarms.overrides.<id>.reason for every CIS control it turns off (missing for ${byDefaults.join(", ")}): turning off a CIS control is an accepted exception only with its reason`);
    }
}

function resolveCustomAlarm(alarm: RawCustomAlarm, index: number, config: MergedConfig, findings: Findings): ResolvedAlarm {
    const path: ConfigPath = ["alarms", "custom", index];
    const tuning = resolveTuning(alarm, path, config.alarms.defaults, findings, { ...CUSTOM_ALARM_DEFAULTS, enabled: true, datapointsToAlarm: undefined });
    checkTuning(tuning, alarm.id, findings);
    checkPattern(alarm, [...path, "pattern"], findings);
    return {
        id: alarm.id,
        title: alarm.title ?? alarm.id,
        pattern: alarm.pattern,
        metricName: alarm.metricName ?? pascalCase(alarm.id),
        ...values(tuning),
        source: "custom",
    };
}

/** Own setting, then `defaults` (alarms.defaults, or none), then the fallback; datapointsToAlarm falls back to evaluationPeriods. */
function resolveTuning(
    own: RawAlarmOverride,
    ownPath: ConfigPath,
    alarmDefaults: Partial<AlarmDefaults>,
    findings: Findings,
    fallback: Fallback,
): Tuning {
    const defaults = alarmDefaults as Partial<Record<TuningKey, unknown>>;
    const pick = <K extends TuningKey>(key: K): Sourced<Tuning[K]["value"]> | undefined => {
        const ownValue = (own as Partial<Record<TuningKey, unknown>>)[key];
        if (ownValue !== undefined) return { value: ownValue as Tuning[K]["value"], path: [...ownPath, key] };
        const defaultsPath = ["alarms", "defaults", key];
        if (defaults[key] !== undefined) {
            return { value: defaults[key] as Tuning[K]["value"], path: findings.given(defaultsPath) ? defaultsPath : undefined };
        }
        return fallback[key] === undefined ? undefined : { value: fallback[key] as Tuning[K]["value"] };
    };
    const evaluationPeriods = pick("evaluationPeriods")!;
    return {
        enabled: pick("enabled")!,
        threshold: pick("threshold")!,
        period: pick("period")!,
        evaluationPeriods,
        datapointsToAlarm: pick("datapointsToAlarm") ?? { value: evaluationPeriods.value },
        statistic: pick("statistic")!,
    };
}

function values(tuning: Tuning) {
    return {
        enabled: tuning.enabled.value,
        threshold: tuning.threshold.value,
        period: tuning.period.value,
        evaluationPeriods: tuning.evaluationPeriods.value,
        datapointsToAlarm: tuning.datapointsToAlarm.value,
        statistic: tuning.statistic.value,
    };
}

/** Rules between an alarm's values; `id` names the alarm when the blamed key is alarms.defaults. */
function checkTuning(tuning: Tuning, id: string, findings: Findings): void {
    const blame = (...candidates: Sourced<unknown>[]) => candidates.find((c) => c.path !== undefined)?.path;
    const forAlarm = (path: ConfigPath) => (path[1] === "defaults" ? ` (for alarm ${id})` : "");

    const { threshold, statistic, datapointsToAlarm, evaluationPeriods, period } = tuning;
    if (COUNT_STATISTICS.includes(statistic.value) && !Number.isInteger(threshold.value)) {
        const path = blame(threshold, statistic)!;
        findings.problem(path, path === threshold.path ? threshold.value : statistic.value,
            `expected a whole number: the ${statistic.value} statistic counts matching events${forAlarm(path)}`);
    }
    if (datapointsToAlarm.value > evaluationPeriods.value) {
        const path = blame(datapointsToAlarm, evaluationPeriods)!;
        const onDatapoints = path === datapointsToAlarm.path;
        findings.problem(path, onDatapoints ? datapointsToAlarm.value : evaluationPeriods.value,
            onDatapoints
                ? `expected at most evaluationPeriods (${evaluationPeriods.value}): an alarm cannot need more breaching datapoints than it evaluates${forAlarm(path)}`
                : `expected at least datapointsToAlarm (${datapointsToAlarm.value})${forAlarm(path)}`);
    }
    const range = period.value * evaluationPeriods.value;
    const limit = period.value < LONG_PERIOD_THRESHOLD ? MAX_EVALUATION_RANGE_SHORT_PERIOD : MAX_EVALUATION_RANGE_LONG_PERIOD;
    if (range > limit) {
        const path = blame(evaluationPeriods, period)!;
        findings.problem(path, path === evaluationPeriods.path ? evaluationPeriods.value : period.value,
            `expected period × evaluationPeriods (${period.value} × ${evaluationPeriods.value} = ${range} s) of at most ${limit} s: CloudWatch evaluates ${limit === MAX_EVALUATION_RANGE_SHORT_PERIOD ? "one day for periods under an hour" : "at most seven days"}${forAlarm(path)}`);
    }
}

/** Custom patterns must parse as CloudWatch JSON patterns; lint findings are warnings. */
function checkPattern(alarm: RawCustomAlarm, path: ConfigPath, findings: Findings): void {
    const parsed = tryParseFilterPattern(alarm.pattern);
    if (!parsed.ok) {
        findings.problem(path, alarm.pattern, `expected a CloudWatch Logs JSON filter pattern: ${parsed.error.message}`);
        return;
    }
    for (const finding of lintFilterPattern(parsed.pattern)) {
        findings.warn(path, `alarm ${alarm.id}: ${finding.message} [${finding.code}]`);
    }
}

/** Custom ids and metric names must be unique and must not shadow the catalogue's. */
function checkCustomIdentity(raw: readonly RawCustomAlarm[], custom: readonly ResolvedAlarm[], findings: Findings): void {
    // The heartbeat's id too: a custom alarm of that id would be a second alarm of the same name.
    const catalogueIds = new Map(CATALOGUE_ALARM_IDS.map((id) => [id.toLowerCase(), id]));
    const catalogueMetrics = new Set(MONITORING_CONTROLS.map((c) => c.metricName));
    const seenIds = new Map<string, number>();
    const seenMetrics = new Map<string, number>();
    custom.forEach((alarm, i) => {
        const at: ConfigPath = ["alarms", "custom", i];
        const clash = catalogueIds.get(alarm.id.toLowerCase());
        if (clash !== undefined) {
            findings.problem([...at, "id"], alarm.id,
                `expected an id the catalogue does not use: tune the catalogue alarm under alarms.overrides.${clash} instead`);
        } else if (seenIds.has(alarm.id.toLowerCase())) {
            findings.problem([...at, "id"], alarm.id, `expected a unique id; alarms.custom[${seenIds.get(alarm.id.toLowerCase())}] already uses it`);
        } else {
            seenIds.set(alarm.id.toLowerCase(), i);
        }
        const metricPath: ConfigPath = raw[i].metricName !== undefined ? [...at, "metricName"] : [...at, "id"];
        const metricValue = raw[i].metricName ?? alarm.id;
        if (clash === undefined && catalogueMetrics.has(alarm.metricName)) {
            findings.problem(metricPath, metricValue,
                `expected a metric name the catalogue does not use (${describeValue(alarm.metricName)} belongs to a CIS alarm): set alarms.custom[${i}].metricName`);
        } else if (seenMetrics.has(alarm.metricName) && seenIds.get(alarm.id.toLowerCase()) === i) {
            findings.problem(metricPath, metricValue,
                `expected a unique metric name; alarms.custom[${seenMetrics.get(alarm.metricName)}] already publishes ${describeValue(alarm.metricName)}`);
        } else {
            seenMetrics.set(alarm.metricName, i);
        }
    });
}

/** `s3-public-access` → `S3PublicAccess`, `deleteBucket` → `DeleteBucket`. */
function pascalCase(id: string): string {
    return id
        .split("-")
        .filter(Boolean)
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join("");
}
