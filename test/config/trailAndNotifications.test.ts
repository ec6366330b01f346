import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { describe, expect, it } from "vitest";
import { accepted, configValues, onlyProblem, problemsOf } from "./configValues";

describe("excluding KMS management events", () => {
    it("is an error while the KMS alarm is enabled, and says how to accept it", () => {
        const values = configValues("dev", { trail: { excludeManagementEventSources: ["rdsdata.amazonaws.com", "kms.amazonaws.com"] } });
        expect(onlyProblem(values)).toBe(
            'trailguard:trail.excludeManagementEventSources[1]: got "kms.amazonaws.com", expected no kms.amazonaws.com while the kmsKeyDisableOrDeletion alarm is enabled: without KMS management events it can never fire (CIS 4.7, Security Hub CloudWatch.7); to accept that, also set alarms.overrides.kmsKeyDisableOrDeletion.enabled to false with its reason',
        );
    });

    it("is a warning once the KMS alarm is disabled on purpose", () => {
        const values = configValues("dev", {
            trail: { excludeManagementEventSources: ["kms.amazonaws.com"] },
            alarms: { overrides: { kmsKeyDisableOrDeletion: { enabled: false, reason: "keys are managed by another account" } } },
        });
        const { settings, warnings } = accepted(values);
        expect(settings.trail.excludeManagementEventSources).toEqual(["kms.amazonaws.com"]);
        // The alarm itself is an accepted exception (reported by the pack), not a warning.
        expect(warnings.map((w) => w.key)).toEqual(["trailguard:trail.excludeManagementEventSources[0]"]);
        expect(warnings[0].message).toContain("Security Hub CloudWatch.7 / CIS 4.7 fail");
    });

    it("allows excluding RDS Data API events", () => {
        const values = configValues("dev", { trail: { excludeManagementEventSources: ["rdsdata.amazonaws.com"] } });
        expect(accepted(values).warnings).toEqual([]);
    });
});

describe("lists name each value once", () => {
    it("flags a repeated data-event bucket, also when written once with and once without the trailing slash", () => {
        const values = configValues("dev", { trail: { dataEvents: { s3: ["arn:aws:s3:::data", "arn:aws:s3:::data/"] } } });
        expect(onlyProblem(values)).toBe(
            'trailguard:trail.dataEvents.s3[1]: got "arn:aws:s3:::data/", expected each value once; it is already listed at [0]',
        );
    });

    it("flags repeated endpoints and Insights types", () => {
        const problems = problemsOf(
            configValues("dev", {
                notifications: { email: ["sec@example.com", "sec@example.com"] },
                trail: { insights: ["ApiCallRateInsight", "ApiCallRateInsight"] },
            }),
        );
        expect(problems).toEqual([
            'trailguard:trail.insights[1]: got "ApiCallRateInsight", expected each value once; it is already listed at [0]',
            'trailguard:notifications.email[1]: got "sec@example.com", expected each value once; it is already listed at [0]',
        ]);
    });
});

describe("notification endpoints", () => {
    it("refuses FIFO queues, which a standard SNS topic cannot deliver to", () => {
        const values = configValues("dev", { notifications: { sqs: ["arn:aws:sqs:eu-west-1:123456789012:alerts.fifo"] } });
        expect(onlyProblem(values)).toBe(
            'trailguard:notifications.sqs[0]: got "arn:aws:sqs:eu-west-1:123456789012:alerts.fifo", expected a standard (non-FIFO) queue: the alert topic is a standard SNS topic, which cannot deliver to FIFO queues',
        );
    });

    it("accepts every endpoint kind in its proper form", () => {
        const notifications = {
            email: ["security+alerts@example.co.uk"],
            https: ["https://hooks.example.com/services/T000/B000"],
            sqs: ["arn:aws-us-gov:sqs:us-gov-west-1:123456789012:alerts"],
            lambda: ["arn:aws:lambda:eu-west-1:123456789012:function:notify:live"],
        };
        expect(accepted(configValues("dev", { notifications })).settings.notifications).toEqual(notifications);
    });

    it("warns when prod alarms would notify nobody", () => {
        const { warnings } = accepted(configValues("prod"), "prod");
        expect(warnings).toEqual([
            { key: "trailguard:notifications", message: "no endpoint is subscribed: prod alarms will change state without telling anyone" },
        ]);
        const withEmail = accepted(configValues("prod", { notifications: { email: ["sec@example.com"] } }), "prod");
        expect(withEmail.warnings).toEqual([]);
    });

    it("does not warn when every alarm, custom ones included, is switched off", () => {
        // Custom alarms take `enabled` from alarms.defaults: none of these exists.
        const values = configValues("prod", {
            alarms: {
                defaults: { enabled: false },
                overrides: Object.fromEntries(MONITORING_CONTROLS.map((c) => [c.id, { reason: "monitored by the organization's SIEM" }])),
                custom: [{ id: "bucket-deleted", pattern: '{ $.eventName = "DeleteBucket" }' }],
            },
        });
        const { settings, warnings } = accepted(values, "prod");
        expect(settings.alarms.alarms.filter((a) => a.enabled)).toEqual([]);
        expect(warnings.map((w) => w.key)).not.toContain("trailguard:notifications");
    });
});
