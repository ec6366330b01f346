import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { ConfigRunError } from "../../config/loadSettings";
import { checkConfig, ConfigValidationError } from "../../config/validateConfig";
import { MONITORING_CONTROL_IDS } from "../../core/catalogue/monitoringControls";
import { configValues, onlyProblem, problemsOf } from "./configValues";

describe("the error users see", () => {
    it("has a header naming the stack and one indented line per problem, no stack trace; the Pulumi binding throws it as a RunError", () => {
        let error: unknown;
        try {
            checkConfig(configValues("dev", { notifications: { email: ["ops@", "sec@"] } }), "dev");
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(ConfigValidationError);
        const lines = (error as Error).message.split("\n");
        expect(lines[0]).toBe('invalid trailguard configuration for stack "dev" (2 problems):');
        expect(lines.slice(1)).toEqual([
            '  trailguard:notifications.email[0]: got "ops@", expected an email address',
            '  trailguard:notifications.email[1]: got "sec@", expected an email address',
        ]);
        expect((error as Error).message).not.toMatch(/^\s+at /m);
        // loadSettings rethrows it so, for the Pulumi CLI to print the message without a stack trace.
        const runError = new ConfigRunError(error as ConfigValidationError);
        expect(pulumi.RunError.isInstance(runError)).toBe(true);
        expect(runError.message).toBe((error as Error).message);
        expect(runError.problems).toEqual((error as ConfigValidationError).problems);
    });

    it("reports every shape problem at once", () => {
        const problems = problemsOf(
            configValues("dev", {
                retention: { logGroupDays: 31 },
                notifications: { sqs: ["queue"] },
                alarms: { overrides: { rootAccountUsage: { threshold: -1 } } },
            }),
        );
        expect(problems).toHaveLength(3);
    });
});

describe("top-level keys", () => {
    it("requires environment and says which values it takes", () => {
        const values = configValues("dev");
        delete values["trailguard:environment"];
        expect(onlyProblem(values)).toBe("trailguard:environment: missing, expected one of dev, staging, prod");
    });

    it("rejects an unknown environment", () => {
        expect(onlyProblem(configValues("production"))).toBe(
            'trailguard:environment: got "production", expected one of dev, staging, prod',
        );
    });

    it("names an unknown top-level key and lists the valid ones", () => {
        expect(onlyProblem(configValues("dev", { retension: { logGroupDays: 30 } }))).toBe(
            "trailguard:retension: unknown key; valid keys: environment, namePrefix, retention, trail, alarms, notifications, protection, tags, cost, investigation",
        );
    });

    it("reports structured config that is not JSON", () => {
        const line = onlyProblem(configValues("dev", { retention: "{logGroupDays: 30" }));
        expect(line).toMatch(/^trailguard:retention: got "\{logGroupDays: 30", expected a YAML mapping \(not structured config: /);
    });

    it("reports a scalar where a mapping is expected, naming the valid keys", () => {
        expect(onlyProblem(configValues("dev", { retention: 30 }))).toBe(
            "trailguard:retention: got 30, expected a mapping with keys logGroupDays, archive, objectLock, accessLogExpirationDays, requirements, organizationPolicy",
        );
    });

    it("checks namePrefix against S3 bucket naming and the longest derived bucket name", () => {
        const withPrefix = (prefix: string) => ({ ...configValues("dev"), "trailguard:namePrefix": prefix });
        expect(onlyProblem(withPrefix("Acme_Audit"))).toBe(
            'trailguard:namePrefix: got "Acme_Audit", expected lowercase letters, digits and hyphens, starting and ending with a letter or digit',
        );
        expect(onlyProblem(withPrefix("xn--audit"))).toContain('expected a prefix not starting with "xn--"');
        const long = "a".repeat(36);
        expect(onlyProblem(withPrefix(long))).toBe(
            `trailguard:namePrefix: got "${long}", expected at most 35 characters (the longest bucket name, <prefix>-s3-access-logs-<account id>, must fit S3's 63)`,
        );
        expect(() => problemsOf(withPrefix("a".repeat(35)))).toThrow(/accepted/);
    });
});

describe("nested keys", () => {
    it("names a misspelt nested key with its full path and the valid keys at that level", () => {
        expect(onlyProblem(configValues("dev", { retention: { archiv: {} } }))).toBe(
            "trailguard:retention.archiv: unknown key; valid keys: logGroupDays, archive, objectLock, accessLogExpirationDays, requirements, organizationPolicy",
        );
        expect(onlyProblem(configValues("dev", { trail: { dataEvents: { s3: [], lamda: "all" } } }))).toBe(
            "trailguard:trail.dataEvents.lamda: unknown key; valid keys: s3, lambda, dynamodb",
        );
    });

    it("only accepts CloudWatch Logs retention values", () => {
        expect(onlyProblem(configValues("dev", { retention: { logGroupDays: 31 } }))).toBe(
            "trailguard:retention.logGroupDays: got 31, expected one of CloudWatch Logs' retention values: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 = never expire)",
        );
    });

    it("requires whole, positive day counts", () => {
        expect(onlyProblem(configValues("dev", { retention: { archive: { expirationDays: 0 } } }))).toBe(
            "trailguard:retention.archive.expirationDays: got 0, expected a whole number of days, at least 1",
        );
        expect(onlyProblem(configValues("dev", { retention: { archive: { expirationDays: 90.5 } } }))).toBe(
            "trailguard:retention.archive.expirationDays: got 90.5, expected a whole number of days, at least 1",
        );
    });

    it("requires a storage class S3 lifecycle rules accept", () => {
        const transitions = [{ days: 30, storageClass: "GLACIER_DEEP" }];
        expect(onlyProblem(configValues("dev", { retention: { archive: { transitions, expirationDays: 400 } } }))).toBe(
            'trailguard:retention.archive.transitions[0].storageClass: got "GLACIER_DEEP", expected one of STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE',
        );
    });

    it("accepts Object Lock modes COMPLIANCE and GOVERNANCE only", () => {
        expect(onlyProblem(configValues("dev", { retention: { objectLock: { mode: "LEGAL_HOLD", days: 30 } } }))).toBe(
            'trailguard:retention.objectLock.mode: got "LEGAL_HOLD", expected one of COMPLIANCE, GOVERNANCE',
        );
        expect(onlyProblem(configValues("dev", { retention: { objectLock: "on" } }))).toBe(
            'trailguard:retention.objectLock: got "on", expected {mode: COMPLIANCE|GOVERNANCE, days: <n>}, or false for no Object Lock',
        );
    });

    it("allows only the management-event sources CloudTrail can exclude", () => {
        expect(onlyProblem(configValues("dev", { trail: { excludeManagementEventSources: ["s3.amazonaws.com"] } }))).toBe(
            'trailguard:trail.excludeManagementEventSources[0]: got "s3.amazonaws.com", expected one of kms.amazonaws.com, rdsdata.amazonaws.com',
        );
    });

    it("checks data-event ARNs, pointing at the bad element of a list or the whole value", () => {
        expect(onlyProblem(configValues("dev", { trail: { dataEvents: { s3: ["arn:aws:s3:::ok-bucket", "my-bucket"] } } }))).toBe(
            'trailguard:trail.dataEvents.s3[1]: got "my-bucket", expected an S3 bucket or prefix ARN (arn:aws:s3:::<bucket> or arn:aws:s3:::<bucket>/<prefix>/)',
        );
        expect(onlyProblem(configValues("dev", { trail: { dataEvents: { lambda: ["arn:aws:lambda:eu-west-1:123456789012:fn"] } } }))).toBe(
            'trailguard:trail.dataEvents.lambda[0]: got "arn:aws:lambda:eu-west-1:123456789012:fn", expected a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
        );
        expect(onlyProblem(configValues("dev", { trail: { dataEvents: { dynamodb: "everything" } } }))).toBe(
            'trailguard:trail.dataEvents.dynamodb: got "everything", expected "all" or a list of ARNs',
        );
    });

    it("accepts 'all' and well-formed ARNs for Lambda and DynamoDB", () => {
        expect(() =>
            problemsOf(
                configValues("dev", {
                    trail: {
                        dataEvents: {
                            lambda: "all",
                            dynamodb: ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"],
                        },
                    },
                }),
            ),
        ).toThrow(/accepted/);
    });

    it("checks every notification endpoint's format", () => {
        const problems = problemsOf(
            configValues("dev", {
                notifications: {
                    email: ["ops@"],
                    https: ["http://hooks.example.com/x"],
                    sqs: ["queue"],
                    lambda: ["arn:aws:sqs:eu-west-1:123456789012:q"],
                },
            }),
        );
        expect(problems).toEqual([
            'trailguard:notifications.email[0]: got "ops@", expected an email address',
            'trailguard:notifications.https[0]: got "http://hooks.example.com/x", expected an https:// URL',
            'trailguard:notifications.sqs[0]: got "queue", expected an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)',
            'trailguard:notifications.lambda[0]: got "arn:aws:sqs:eu-west-1:123456789012:q", expected a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
        ]);
    });

    it("rejects reserved and oversized tags, quoting odd keys the way --path does", () => {
        expect(onlyProblem(configValues("dev", { tags: { "aws:createdBy": "me" } }))).toBe(
            'trailguard:tags["aws:createdBy"]: tag key "aws:createdBy": expected a tag key not starting with "aws:" (AWS reserves it)',
        );
        expect(onlyProblem(configValues("dev", { tags: { Owner: "x".repeat(257) } }))).toMatch(
            /^trailguard:tags\.Owner: got "x+…, expected a tag value of at most 256 characters$/,
        );
    });

    it("expects true or false for switches", () => {
        expect(onlyProblem(configValues("dev", { protection: { forceDestroy: "yes" } }))).toBe(
            'trailguard:protection.forceDestroy: got "yes", expected true or false',
        );
    });
});

describe("alarm keys", () => {
    it("names an unknown alarm id and lists every valid id", () => {
        const line = onlyProblem(configValues("dev", { alarms: { overrides: { rootAcountUsage: { threshold: 2 } } } }));
        expect(line).toBe(
            `trailguard:alarms.overrides.rootAcountUsage: unknown alarm id "rootAcountUsage"; valid ids: ${[...MONITORING_CONTROL_IDS, "trailDeliveryStopped"].join(", ")}`,
        );
        expect(MONITORING_CONTROL_IDS.length).toBeGreaterThan(10);
    });

    it("rejects a negative threshold", () => {
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { rootAccountUsage: { threshold: -1 } } } }))).toBe(
            "trailguard:alarms.overrides.rootAccountUsage.threshold: got -1, expected a non-negative number",
        );
    });

    it("requires whole-minute periods of at least 60 seconds", () => {
        const period = (value: unknown) =>
            onlyProblem(configValues("dev", { alarms: { overrides: { vpcChanges: { period: value } } } }));
        expect(period(90)).toBe(
            "trailguard:alarms.overrides.vpcChanges.period: got 90, expected a multiple of 60 seconds (metric filters publish one-minute metrics)",
        );
        expect(period(30)).toBe(
            "trailguard:alarms.overrides.vpcChanges.period: got 30, expected at least 60 seconds (metric filters publish one-minute metrics)",
        );
        expect(period("five minutes")).toBe(
            'trailguard:alarms.overrides.vpcChanges.period: got "five minutes", expected a period in seconds',
        );
    });

    it("requires evaluationPeriods and datapointsToAlarm of at least 1", () => {
        const problems = problemsOf(
            configValues("dev", { alarms: { defaults: { evaluationPeriods: 0, datapointsToAlarm: 1.5 } } }),
        );
        expect(problems).toEqual([
            "trailguard:alarms.defaults.evaluationPeriods: got 0, expected an integer of at least 1",
            "trailguard:alarms.defaults.datapointsToAlarm: got 1.5, expected an integer of at least 1",
        ]);
    });

    it("names the statistics CloudWatch offers", () => {
        expect(onlyProblem(configValues("dev", { alarms: { defaults: { statistic: "Count" } } }))).toBe(
            'trailguard:alarms.defaults.statistic: got "Count", expected one of Sum, SampleCount, Average, Maximum, Minimum',
        );
    });

    it("explains that thresholds belong to overrides and patterns to custom alarms", () => {
        expect(onlyProblem(configValues("dev", { alarms: { defaults: { threshold: 2 } } }))).toBe(
            "trailguard:alarms.defaults.threshold: unknown key; valid keys: enabled, period, evaluationPeriods, datapointsToAlarm, statistic (thresholds are set per alarm, under alarms.overrides)",
        );
        expect(onlyProblem(configValues("dev", { alarms: { overrides: { rootAccountUsage: { pattern: "{ $.x = 1 }" } } } }))).toMatch(
            /^trailguard:alarms\.overrides\.rootAccountUsage\.pattern: unknown key; valid keys: .*threshold.*add a custom alarm under alarms\.custom instead\)$/,
        );
    });

    it("requires id and pattern on custom alarms", () => {
        expect(problemsOf(configValues("dev", { alarms: { custom: [{ title: "x" }] } }))).toEqual([
            "trailguard:alarms.custom[0].id: missing, expected an alarm id: a letter, then up to 63 letters, digits or hyphens",
            "trailguard:alarms.custom[0].pattern: missing, expected a CloudWatch Logs filter pattern",
        ]);
    });
});
