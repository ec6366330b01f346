// The alarms a replay evaluates: the whole catalogue, or a stack's enabled alarms (catalogue entries
// after its overrides, plus its custom alarms).
import type { ResolvedAlarm } from "../../config/settings";
import { MONITORING_CONTROLS, type FrameworkReferences } from "../../core/catalogue/monitoringControls";

export interface ReplayAlarm {
    id: string;
    pattern: string;
    /** CIS AWS Foundations Benchmark v1.4 id ("4.3"), when the alarm is a CIS control. */
    cis?: string;
    /** AWS Security Hub control id ("CloudWatch.1"), when there is one. */
    securityHub?: string;
}

export function catalogueAlarms(): ReplayAlarm[] {
    return MONITORING_CONTROLS.map(toReplayAlarm);
}

export function alarmsFromSettings(alarms: readonly ResolvedAlarm[]): ReplayAlarm[] {
    return alarms.filter((a) => a.enabled).map(toReplayAlarm);
}

/** What replay needs of a catalogue control or a resolved alarm (custom alarms have no references). */
function toReplayAlarm(alarm: { id: string; pattern: string; references?: FrameworkReferences }): ReplayAlarm {
    return {
        id: alarm.id,
        pattern: alarm.pattern,
        cis: alarm.references?.cisV14,
        securityHub: alarm.references?.securityHub,
    };
}
