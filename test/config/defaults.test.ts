import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { accepted, configValues } from "./configValues";

// The per-environment defaults documented in docs/configuration.md.
describe("defaults per environment", () => {
    it("dev: short retention, no Object Lock, nothing protected, forceDestroy still opt-in", () => {
        const { settings } = accepted(configValues("dev"));
        expect(settings.environment).toBe("dev");
        expect(settings.namePrefix).toBe("trailguard-dev");
        expect(settings.trail.name).toBe("trailguard-dev-trail");
        expect(settings.retention.logGroupDays).toBe(30);
        expect(settings.retention.archive).toEqual({
            transitions: [],
            expirationDays: 90,
            noncurrentVersionExpirationDays: 7,
            abortIncompleteMultipartUploadDays: 1,
            transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
            typicalObjectBytes: undefined,
        });
        expect(settings.retention.requirements).toEqual([]);
        expect(settings.retention.organizationPolicy).toBeUndefined();
        expect(settings.retention.objectLock).toBeUndefined();
        expect(settings.retention.accessLogExpirationDays).toBe(30);
        expect(settings.protection).toEqual({ protect: false, retainOnDelete: false, forceDestroy: false });
        expect(settings.trail.insights).toEqual([]);
        expect(settings.trail.deliveryNotifications).toBe(false);
    });

    it("staging: IA then Glacier IR, thirteen months, no protection", () => {
        const { settings } = accepted(configValues("staging"));
        expect(settings.retention.logGroupDays).toBe(90);
        expect(settings.retention.archive.transitions).toEqual([
            { days: 30, storageClass: "STANDARD_IA" },
            { days: 90, storageClass: "GLACIER_IR" },
        ]);
        expect(settings.retention.archive.expirationDays).toBe(400);
        expect(settings.retention.objectLock).toBeUndefined();
        expect(settings.protection).toEqual({ protect: false, retainOnDelete: false, forceDestroy: false });
    });

    it("prod: seven years via DEEP_ARCHIVE, GOVERNANCE lock, protected and retained, Insights and delivery notifications", () => {
        const { settings } = accepted(configValues("prod"), "prod");
        expect(settings.retention.logGroupDays).toBe(365);
        expect(settings.retention.archive.transitions).toEqual([
            { days: 90, storageClass: "GLACIER_IR" },
            { days: 365, storageClass: "DEEP_ARCHIVE" },
        ]);
        expect(settings.retention.archive.expirationDays).toBe(2557);
        expect(settings.retention.objectLock).toEqual({ mode: "GOVERNANCE", days: 366 });
        expect(settings.protection).toEqual({ protect: true, retainOnDelete: true, forceDestroy: false });
        expect(settings.trail.insights).toEqual(["ApiCallRateInsight", "ApiErrorRateInsight"]);
        expect(settings.trail.deliveryNotifications).toBe(true);
    });

    it("every environment: no data events, no exclusions, no endpoints, no tags, CloudTrailMetrics namespace", () => {
        for (const env of ["dev", "staging", "prod"]) {
            const { settings } = accepted(configValues(env), env);
            expect(settings.trail.dataEvents).toEqual({ s3: [], lambda: [], dynamodb: [] });
            expect(settings.trail.excludeManagementEventSources).toEqual([]);
            expect(settings.trail.organizationTrail).toBe(false);
            expect(settings.notifications).toEqual({ email: [], https: [], sqs: [], lambda: [] });
            expect(settings.tags).toEqual({});
            expect(settings.alarms.namespace).toBe("CloudTrailMetrics");
        }
    });

    it("resolves every catalogue control in catalogue order with the catalogue's tuning", () => {
        const { settings } = accepted(configValues("dev"));
        expect(settings.alarms.alarms.map((a) => a.id)).toEqual(MONITORING_CONTROLS.map((c) => c.id));
        settings.alarms.alarms.forEach((alarm, i) => {
            const control = MONITORING_CONTROLS[i];
            expect(alarm).toMatchObject({
                title: control.title,
                pattern: control.pattern,
                metricName: control.metricName,
                enabled: true,
                threshold: control.threshold,
                period: control.period,
                evaluationPeriods: control.evaluationPeriods,
                datapointsToAlarm: control.evaluationPeriods,
                statistic: control.statistic,
                references: control.references,
                source: "catalogue",
            });
        });
    });
});

describe("merging the stack's values with the defaults", () => {
    it("merges mappings key by key: one archive key set, the others keep the environment default", () => {
        const { settings } = accepted(configValues("prod", { retention: { archive: { expirationDays: 3653 } } }), "prod");
        expect(settings.retention.archive.expirationDays).toBe(3653);
        expect(settings.retention.archive.transitions).toHaveLength(2);
        expect(settings.retention.archive.noncurrentVersionExpirationDays).toBe(90);
        expect(settings.retention.logGroupDays).toBe(365);
    });

    it("replaces lists as a whole", () => {
        const transitions = [{ days: 180, storageClass: "GLACIER" }];
        const { settings } = accepted(configValues("prod", { retention: { archive: { transitions } } }), "prod");
        expect(settings.retention.archive.transitions).toEqual(transitions);
    });

    it("turns Object Lock off with false or null, and sets it with a mapping", () => {
        for (const off of [false, null]) {
            const { settings } = accepted(configValues("prod", { retention: { objectLock: off } }), "prod");
            expect(settings.retention.objectLock).toBeUndefined();
        }
        const { settings } = accepted(configValues("dev", { retention: { objectLock: { mode: "COMPLIANCE", days: 30 } } }));
        expect(settings.retention.objectLock).toEqual({ mode: "COMPLIANCE", days: 30 });
    });

    it("derives the trail name from namePrefix unless trail.name is set", () => {
        const values = configValues("dev");
        values["trailguard:namePrefix"] = "acme-audit-dev";
        expect(accepted(values).settings.trail.name).toBe("acme-audit-dev-trail");
        const named = configValues("dev", { trail: { name: "org-trail" } });
        expect(accepted(named).settings.trail.name).toBe("org-trail");
    });

    it("accepts numbers and booleans written as strings, as `pulumi config set --path` stores non-integers", () => {
        const { settings } = accepted(
            configValues("dev", {
                alarms: { overrides: { unauthorizedApiCalls: { threshold: "2.5", statistic: "Average", enabled: "false", reason: "a test" } } },
                retention: { logGroupDays: "60" },
            }),
        );
        expect(settings.retention.logGroupDays).toBe(60);
        const alarm = settings.alarms.alarms.find((a) => a.id === "unauthorizedApiCalls")!;
        expect(alarm.threshold).toBe(2.5);
        expect(alarm.enabled).toBe(false);
    });

    it("turns bucket ARNs into the every-object form CloudTrail needs and keeps prefixes", () => {
        const { settings } = accepted(
            configValues("dev", { trail: { dataEvents: { s3: ["arn:aws:s3:::logs-bucket", "arn:aws:s3:::data-bucket/exports/"] } } }),
        );
        expect(settings.trail.dataEvents.s3).toEqual(["arn:aws:s3:::logs-bucket/", "arn:aws:s3:::data-bucket/exports/"]);
    });

    it("keeps tags, turning YAML numbers into text", () => {
        const { settings } = accepted(configValues("dev", { tags: { CostCenter: 4711, Owner: "security" } }));
        expect(settings.tags).toEqual({ CostCenter: "4711", Owner: "security" });
    });

    it("ignores other namespaces", () => {
        const values = { ...configValues("dev"), "aws:profile": "x", "other:thing": "{not json" };
        expect(accepted(values).settings.environment).toBe("dev");
    });
});
