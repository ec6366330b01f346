// The alarms a replay evaluates: the whole catalogue, or a stack's enabled alarms (catalogue entries
// after its overrides, plus its custom alarms).
import type { ResolvedAlarm } from "../../config/settings";
import { MONITORING_CONTROLS } from "../../policies/src/catalogue/monitoringControls";

export interface ReplayAlarm {
    id: string;
    title: string;
    pattern: string;
    /** CIS AWS Foundations Benchmark v1.4 id ("4.3"), when the alarm is a CIS control. */
    cis?: string;
    /** AWS Security Hub control id ("CloudWatch.1"), when there is one. */
    securityHub?: string;
}

export function catalogueAlarms(): ReplayAlarm[] {
    return MONITORING_CONTROLS.map((c) => ({
        id: c.id,
        title: c.title,
        pattern: c.pattern,
        cis: c.references.cisV14,
        securityHub: c.references.securityHub,
    }));
}

export function alarmsFromSettings(alarms: readonly ResolvedAlarm[]): ReplayAlarm[] {
    return alarms
        .filter((a) => a.enabled)
        .map((a) => ({
            id: a.id,
            title: a.title,
            pattern: a.pattern,
            cis: a.references?.cisV14,
            securityHub: a.references?.securityHub,
        }));
}
