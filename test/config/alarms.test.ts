import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS, findControl } from "../../core/catalogue/monitoringControls";
import type { ResolvedAlarm } from "../../config/settings";
import { accepted, configValues, onlyProblem, problemsOf, type Structured } from "./configValues";

const alarmsOf = (alarms: Structured, env = "dev") => accepted(configValues(env, { alarms }), env);
const byId = (alarms: ResolvedAlarm[], id: string) => alarms.find((a) => a.id === id)!;

describe("catalogue alarms", () => {
    it("take an override for one control and leave the others at the catalogue's values", () => {
        const { settings } = alarmsOf({ overrides: { rootAccountUsage: { threshold: 2, period: 60, evaluationPeriods: 3, datapointsToAlarm: 2 } } });
        expect(byId(settings.alarms.alarms, "rootAccountUsage")).toMatchObject({
            threshold: 2,
            period: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            statistic: "Sum",
            enabled: true,
        });
        const untouched = byId(settings.alarms.alarms, "vpcChanges");
        const control = findControl("vpcChanges")!;
        expect(untouched).toMatchObject({ threshold: control.threshold, period: control.period, evaluationPeriods: control.evaluationPeriods });
    });

    it("apply alarms.defaults to every control, below the per-control overrides", () => {
        const { settings } = alarmsOf({
            defaults: { period: 600, evaluationPeriods: 2 },
            overrides: { iamPolicyChanges: { period: 60 } },
        });
        for (const alarm of settings.alarms.alarms) {
            expect(alarm.period).toBe(alarm.id === "iamPolicyChanges" ? 60 : 600);
            expect(alarm.evaluationPeriods).toBe(2);
            // Unset datapointsToAlarm means every evaluated period must breach.
            expect(alarm.datapointsToAlarm).toBe(2);
        }
    });

    it("can be disabled with a reason: an accepted exception the program publishes for the pack, without a warning", () => {
        const reason = "network ACLs are managed by the platform team's own stack";
        const { settings, warnings } = alarmsOf({ overrides: { networkAclChanges: { enabled: false, reason } } });
        const alarm = byId(settings.alarms.alarms, "networkAclChanges");
        expect(alarm.enabled).toBe(false);
        expect(alarm.exception).toEqual({ reason, key: "trailguard:alarms.overrides.networkAclChanges.reason" });
        expect(settings.alarms.alarms).toHaveLength(MONITORING_CONTROLS.length);
        expect(settings.alarms.alarms.filter((a) => a.exception !== undefined).map((a) => a.id)).toEqual(["networkAclChanges"]);
        expect(warnings).toEqual([]);
    });

    it("cannot be disabled without a reason: one line naming the key and CIS control", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { organizationsChanges: { enabled: false } } } }))).toBe(
            "trailguard:alarms.overrides.organizationsChanges.enabled: got false, expected alarms.overrides.organizationsChanges.reason with it: turning off CIS 4.15 is an accepted exception only with its reason",
        );
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { organizationsChanges: { enabled: false, reason: "  " } } } }))).toBe(
            'trailguard:alarms.overrides.organizationsChanges.reason: got "  ", expected a non-empty text saying why the control is off',
        );
    });

    it("refuse a reason on a control that is on, and on the heartbeat (not a CIS control)", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { vpcChanges: { reason: "not needed" } } } }))).toBe(
            'trailguard:alarms.overrides.vpcChanges.reason: got "not needed", expected no reason while alarm vpcChanges is on: a reason records why a CIS control is off (enabled: false); remove it, or turn the alarm off',
        );
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { trailDeliveryStopped: { enabled: false, reason: "quiet account" } } } }))).toBe(
            'trailguard:alarms.overrides.trailDeliveryStopped.reason: got "quiet account", expected no reason: trailDeliveryStopped is not a CIS control, so turning it off is a warning, not an accepted exception',
        );
    });

    it("can all be disabled through defaults and re-enabled one by one, each off one with its reason", () => {
        const others = MONITORING_CONTROLS.filter((c) => c.id !== "rootAccountUsage");
        const { settings } = alarmsOf({
            defaults: { enabled: false },
            overrides: { rootAccountUsage: { enabled: true }, ...Object.fromEntries(others.map((c) => [c.id, { reason: "SIEM rule" }])) },
        });
        expect(settings.alarms.alarms.filter((a) => a.enabled).map((a) => a.id)).toEqual(["rootAccountUsage"]);
        // Without the reasons: one line on alarms.defaults.enabled naming every control left without one.
        expect(onlyProblem(configValues("dev", { alarms: { defaults: { enabled: false }, overrides: { rootAccountUsage: { enabled: true } } } }))).toBe(
            `trailguard:alarms.defaults.enabled: got false, expected alarms.overrides.<id>.reason for every CIS control it turns off (missing for ${others.map((c) => c.id).join(", ")}): turning off a CIS control is an accepted exception only with its reason`,
        );
    });

    it("need whole-number thresholds when counting events", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { vpcChanges: { threshold: 1.5 } } } }))).toBe(
            "trailguard:alarms.overrides.vpcChanges.threshold: got 1.5, expected a whole number: the Sum statistic counts matching events",
        );
        const { settings } = alarmsOf({ overrides: { vpcChanges: { threshold: 0.5, statistic: "Average" } } });
        expect(byId(settings.alarms.alarms, "vpcChanges").threshold).toBe(0.5);
    });

    it("cannot need more breaching datapoints than they evaluate", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { vpcChanges: { evaluationPeriods: 2, datapointsToAlarm: 3 } } } }))).toBe(
            "trailguard:alarms.overrides.vpcChanges.datapointsToAlarm: got 3, expected at most evaluationPeriods (2): an alarm cannot need more breaching datapoints than it evaluates",
        );
    });

    it("blame alarms.defaults, naming the alarm, when a default breaks a rule", () => {
        const problems = problemsOf(configValues("dev", { alarms: { defaults: { datapointsToAlarm: 2 } } }));
        expect(problems).toHaveLength(MONITORING_CONTROLS.length);
        expect(problems[0]).toBe(
            `trailguard:alarms.defaults.datapointsToAlarm: got 2, expected at most evaluationPeriods (1): an alarm cannot need more breaching datapoints than it evaluates (for alarm ${MONITORING_CONTROLS[0].id})`,
        );
    });

    it("stay within CloudWatch's evaluation range", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { vpcChanges: { period: 3540, evaluationPeriods: 25, datapointsToAlarm: 1 } } } }))).toBe(
            "trailguard:alarms.overrides.vpcChanges.evaluationPeriods: got 25, expected period × evaluationPeriods (3540 × 25 = 88500 s) of at most 86400 s: CloudWatch evaluates one day for periods under an hour",
        );
        const { settings } = alarmsOf({ overrides: { vpcChanges: { period: 3600, evaluationPeriods: 168, datapointsToAlarm: 1 } } });
        expect(byId(settings.alarms.alarms, "vpcChanges").evaluationPeriods).toBe(168);
    });
});

describe("the trail delivery heartbeat", () => {
    it("is on in every environment by default: fewer than 1 event in one hour (3600 s), Sum, one period", () => {
        for (const env of ["dev", "staging", "prod"]) {
            const { settings, warnings } = alarmsOf({}, env);
            expect(settings.alarms.deliveryHeartbeat, env).toEqual({
                id: "trailDeliveryStopped",
                title: "Trail delivery stopped",
                enabled: true,
                threshold: 1,
                period: 3600,
                evaluationPeriods: 1,
                datapointsToAlarm: 1,
                statistic: "Sum",
            });
            expect(warnings.filter((w) => w.key.includes("trailDeliveryStopped")), env).toEqual([]);
        }
    });

    it("is not one of the metric-filter alarms (it has no pattern, so replay leaves it out)", () => {
        const { settings } = alarmsOf({});
        expect(settings.alarms.alarms.map((a) => a.id)).not.toContain("trailDeliveryStopped");
    });

    it("takes its window and threshold from alarms.overrides.trailDeliveryStopped", () => {
        const { settings } = alarmsOf({ overrides: { trailDeliveryStopped: { period: 7200, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 5 } } });
        expect(settings.alarms.deliveryHeartbeat).toMatchObject({ period: 7200, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 5, enabled: true });
    });

    it("ignores alarms.defaults: a five-minute default period would page every quiet night", () => {
        const reasons = Object.fromEntries(MONITORING_CONTROLS.map((c) => [c.id, { reason: "SIEM rule" }]));
        const { settings } = alarmsOf({ defaults: { period: 300, evaluationPeriods: 2, enabled: false }, overrides: reasons });
        expect(settings.alarms.deliveryHeartbeat).toMatchObject({ period: 3600, evaluationPeriods: 1, enabled: true });
        expect(settings.alarms.alarms.every((a) => !a.enabled)).toBe(true);
    });

    it("can be disabled, with a warning that says what goes unnoticed", () => {
        const { settings, warnings } = alarmsOf({ overrides: { trailDeliveryStopped: { enabled: false } } });
        expect(settings.alarms.deliveryHeartbeat.enabled).toBe(false);
        expect(warnings).toEqual([
            {
                key: "trailguard:alarms.overrides.trailDeliveryStopped.enabled",
                message: "alarm trailDeliveryStopped is disabled: if the trail stops delivering, every metric-filter alarm stays OK and nobody is told",
            },
        ]);
    });

    it("warns that threshold 0 can never fire", () => {
        const { warnings } = alarmsOf({ overrides: { trailDeliveryStopped: { threshold: 0 } } });
        expect(warnings).toEqual([
            {
                key: "trailguard:alarms.overrides.trailDeliveryStopped.threshold",
                message: "alarm trailDeliveryStopped with threshold 0 can never fire: it alarms when fewer than threshold events arrive",
            },
        ]);
    });

    it("reserves its id: a custom alarm of that id would be a second alarm of the same name", () => {
        expect(onlyProblem(configValues("dev", { alarms: { custom: [{ id: "trailDeliveryStopped", pattern: '{ $.eventName = "StopLogging" }' }] } }))).toBe(
            'trailguard:alarms.custom[0].id: got "trailDeliveryStopped", expected an id the catalogue does not use: tune the catalogue alarm under alarms.overrides.trailDeliveryStopped instead',
        );
    });

    it("is checked like the others: CloudWatch's evaluation range, whole-number thresholds", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { trailDeliveryStopped: { evaluationPeriods: 200 } } } }))).toBe(
            "trailguard:alarms.overrides.trailDeliveryStopped.evaluationPeriods: got 200, expected period × evaluationPeriods (3600 × 200 = 720000 s) of at most 604800 s: CloudWatch evaluates at most seven days",
        );
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { trailDeliveryStopped: { threshold: 0.5 } } } }))).toBe(
            "trailguard:alarms.overrides.trailDeliveryStopped.threshold: got 0.5, expected a whole number: the Sum statistic counts matching events",
        );
    });
});

describe("custom alarms", () => {
    const guardDuty = {
        id: "guardDutyDisabled",
        title: "GuardDuty detector deleted",
        pattern: "{ ($.eventSource = guardduty.amazonaws.com) && ($.eventName = DeleteDetector) }",
    };

    it("come after the catalogue with built-in defaults filled in", () => {
        const { settings } = alarmsOf({ custom: [guardDuty, { id: "s3-bucket-deleted", pattern: "{ $.eventName = DeleteBucket }", threshold: 2 }] });
        const alarms = settings.alarms.alarms;
        expect(alarms.map((a) => a.id)).toEqual([...MONITORING_CONTROLS.map((c) => c.id), "guardDutyDisabled", "s3-bucket-deleted"]);
        expect(alarms[alarms.length - 2]).toEqual({
            id: "guardDutyDisabled",
            title: "GuardDuty detector deleted",
            pattern: guardDuty.pattern,
            metricName: "GuardDutyDisabled",
            enabled: true,
            threshold: 1,
            period: 300,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            statistic: "Sum",
            source: "custom",
        });
        expect(alarms[alarms.length - 1]).toMatchObject({ title: "s3-bucket-deleted", metricName: "S3BucketDeleted", threshold: 2 });
    });

    it("take alarms.defaults too", () => {
        const { settings } = alarmsOf({ defaults: { period: 900 }, custom: [guardDuty] });
        expect(byId(settings.alarms.alarms, "guardDutyDisabled").period).toBe(900);
    });

    it("must parse as a CloudWatch Logs JSON filter pattern", () => {
        const line = onlyProblem(configValues("dev", { alarms: { custom: [{ ...guardDuty, pattern: "{ $.eventName = }" }] } }));
        expect(line).toMatch(
            /^trailguard:alarms\.custom\[0\]\.pattern: got "\{ \$\.eventName = \}", expected a CloudWatch Logs JSON filter pattern: at position \d+: expected .+, found .+$/,
        );
        expect(onlyProblem(configValues("dev", { alarms: { custom: [{ ...guardDuty, pattern: "ERROR" }] } }))).toContain(
            "expected a CloudWatch Logs JSON filter pattern: at position 0: expected \"{\" to open a JSON filter pattern",
        );
    });

    it("report lint findings as warnings naming the alarm", () => {
        const pattern = '{ $.eventName = "DeleteBucket" || $.eventSource = "s3.amazonaws.com" && $.errorCode = "AccessDenied" }';
        const { warnings } = alarmsOf({ custom: [{ ...guardDuty, pattern }] });
        expect(warnings.length).toBeGreaterThan(0);
        expect(warnings[0].key).toBe("trailguard:alarms.custom[0].pattern");
        expect(warnings[0].message).toMatch(/^alarm guardDutyDisabled: .*\[mixed-and-or-without-parentheses\]$/);
    });

    it("cannot reuse a catalogue id", () => {
        expect(onlyProblem(configValues("dev", { alarms: { custom: [{ ...guardDuty, id: "rootAccountUsage" }] } }))).toBe(
            'trailguard:alarms.custom[0].id: got "rootAccountUsage", expected an id the catalogue does not use: tune the catalogue alarm under alarms.overrides.rootAccountUsage instead',
        );
    });

    it("cannot repeat an id", () => {
        expect(onlyProblem(configValues("dev", { alarms: { custom: [guardDuty, { ...guardDuty, title: "again" }] } }))).toBe(
            'trailguard:alarms.custom[1].id: got "guardDutyDisabled", expected a unique id; alarms.custom[0] already uses it',
        );
    });

    it("cannot publish a catalogue metric or another custom alarm's metric", () => {
        expect(onlyProblem(configValues("dev", { alarms: { custom: [{ ...guardDuty, metricName: "RootAccountUsage" }] } }))).toBe(
            'trailguard:alarms.custom[0].metricName: got "RootAccountUsage", expected a metric name the catalogue does not use ("RootAccountUsage" belongs to a CIS alarm): set alarms.custom[0].metricName',
        );
        const twins = [guardDuty, { ...guardDuty, id: "other", metricName: "GuardDutyDisabled" }];
        expect(onlyProblem(configValues("dev", { alarms: { custom: twins } }))).toBe(
            'trailguard:alarms.custom[1].metricName: got "GuardDutyDisabled", expected a unique metric name; alarms.custom[0] already publishes "GuardDutyDisabled"',
        );
    });

    it("follow the same tuning rules as catalogue alarms", () => {
        const problems = problemsOf(configValues("dev", { alarms: { custom: [{ ...guardDuty, threshold: -3, period: 45 }] } }));
        expect(problems).toEqual([
            "trailguard:alarms.custom[0].period: got 45, expected at least 60 seconds (metric filters publish one-minute metrics)",
            "trailguard:alarms.custom[0].threshold: got -3, expected a non-negative number",
        ]);
    });
});
