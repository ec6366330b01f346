// The shipped stack files are what users copy: each must validate, and each must be the
// environment it claims to be.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../config/validateConfig";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { findControl } from "../../core/catalogue/monitoringControls";
import { shippedStackNames } from "../support/shippedStacks";

const stacksDir = path.join(__dirname, "..", "..", "stacks");
const load = (stack: string) => checkConfig(readStackConfigFile(path.join(stacksDir, `Pulumi.${stack}.yaml`), "trailguard").values, stack);

describe("shipped stack files", () => {
    it.each(shippedStackNames())("%s validates without warnings", (stack) => {
        const { warnings } = load(stack);
        expect(warnings).toEqual([]);
    });

    it.each(["dev", "staging", "prod"])("the %s stack is its own environment", (stack) => {
        const { settings } = load(stack);
        expect(settings.environment).toBe(stack);
        expect(settings.namePrefix).toBe(`acme-audit-${stack}`);
    });

    it("gives every stack its own namePrefix: two stacks with one prefix would make the same names in one account", () => {
        const prefixes = shippedStackNames().map((stack) => load(stack).settings.namePrefix);
        expect(new Set(prefixes).size).toBe(prefixes.length);
    });

    it("dev is cheap and disposable", () => {
        const { settings } = load("dev");
        expect(settings.retention.logGroupDays).toBeLessThanOrEqual(30);
        expect(settings.retention.archive.expirationDays).toBeLessThanOrEqual(90);
        expect(settings.retention.objectLock).toBeUndefined();
        expect(settings.trail.dataEvents).toEqual({ s3: [], lambda: [], dynamodb: [] });
        expect(settings.trail.insights).toEqual([]);
        expect(settings.protection).toEqual({ protect: false, retainOnDelete: false, forceDestroy: true });
        // Relaxed: some thresholds above the catalogue's, none below, none disabled.
        const catalogue = settings.alarms.alarms.filter((a) => a.source === "catalogue");
        const catalogueThreshold = (id: string) => findControl(id)!.threshold;
        expect(catalogue.filter((a) => a.threshold > catalogueThreshold(a.id)).length).toBeGreaterThan(3);
        expect(catalogue.filter((a) => a.threshold < catalogueThreshold(a.id))).toEqual([]);
        expect(catalogue.every((a) => a.enabled)).toBe(true);
        // The alarms a single event should raise keep their CIS threshold even in dev.
        for (const id of ["rootAccountUsage", "consoleSignInWithoutMfa", "cloudTrailConfigChanges", "kmsKeyDisableOrDeletion"]) {
            expect(catalogue.find((a) => a.id === id)!.threshold).toBe(catalogueThreshold(id));
        }
    });

    it("prod keeps seven years under a COMPLIANCE lock, moving to colder storage", () => {
        const { settings } = load("prod");
        expect(settings.retention.archive.expirationDays).toBe(2557);
        expect(settings.retention.archive.transitions.map((t) => t.storageClass)).toEqual(["GLACIER_IR", "DEEP_ARCHIVE"]);
        expect(settings.retention.objectLock?.mode).toBe("COMPLIANCE");
        expect(settings.retention.objectLock!.days).toBeLessThanOrEqual(settings.retention.archive.expirationDays);
        expect(settings.retention.logGroupDays).toBeGreaterThanOrEqual(365);
        expect(settings.protection).toEqual({ protect: true, retainOnDelete: true, forceDestroy: false });
    });

    it("prod records data events for named buckets, both Insights, and notifies an email and a queue", () => {
        const { settings } = load("prod");
        expect(settings.trail.dataEvents.s3.length).toBeGreaterThan(0);
        expect(settings.trail.dataEvents.s3.every((arn) => /^arn:aws:s3:::[a-z0-9.-]+\//.test(arn))).toBe(true);
        expect(settings.trail.insights).toEqual(["ApiCallRateInsight", "ApiErrorRateInsight"]);
        expect(settings.trail.deliveryNotifications).toBe(true);
        expect(settings.trail.excludeManagementEventSources).not.toContain("kms.amazonaws.com");
        expect(settings.notifications.email.length).toBeGreaterThan(0);
        expect(settings.notifications.sqs.length).toBeGreaterThan(0);
        expect(settings.alarms.alarms.filter((a) => a.source === "custom").map((a) => a.id)).toEqual([
            "guardDutyDisabled",
            "securityHubDisabled",
        ]);
    });

    it("staging sits between dev and prod", () => {
        const [dev, staging, prod] = ["dev", "staging", "prod"].map((s) => load(s).settings);
        const expiry = (s: typeof dev) => s.retention.archive.expirationDays;
        expect(expiry(staging)).toBeGreaterThan(expiry(dev));
        expect(expiry(staging)).toBeLessThan(expiry(prod));
        expect(staging.retention.objectLock?.mode).toBe("GOVERNANCE");
        expect(staging.protection.forceDestroy).toBe(false);
    });
});
