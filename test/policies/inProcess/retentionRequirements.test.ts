// In-process unit tests of cloudtrail-bucket-retention's `requirements` (policies/src/
// retentionRequirements.ts, retentionPlanReader.ts): the same requirement ids and evaluator as stack
// config, judged on any program's lifecycle configuration, Object Lock and log group, in preview and
// deployed. Expected numbers from the published texts (test/retention/requirementBoundaries.test.ts
// writes them out): pci-dss 366 days kept, 92 readable without a restore; security-hub a log group
// of 365 days.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { archiveBucketRetention } from "../../../policies/src/policies/archiveBucket";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

type Mode = "preview" | "deployed";
const MODES: Mode[] = ["preview", "deployed"];
const PCI = { requirements: ["pci-dss"] };
const policy = archiveBucketRetention;

interface Setup {
    mode?: Mode;
    rule?: Record<string, unknown>;
    lifecycle?: Record<string, unknown>;
    lifecycleType?: string;
    bucketInputs?: Record<string, unknown>;
    lockDays?: unknown;
    logGroupDays?: unknown;
}

/** A trail writing to "audit-logs", one lifecycle rule over AWSLogs/ (400 days, no noncurrent expiry), options. */
function stack({ mode = "deployed", rule = {}, lifecycle = {}, lifecycleType = LIFECYCLE, bucketInputs = {}, lockDays, logGroupDays }: Setup) {
    const s = new InMemoryStack(mode);
    const bucket = s.add(BUCKET, "audit-logs", { ...(lockDays !== undefined ? { objectLockEnabled: true } : {}), ...bucketInputs });
    const group = logGroupDays !== undefined ? s.add(LOG_GROUP, "trail-events", logGroupDays === null ? {} : { retentionInDays: logGroupDays }) : undefined;
    s.add(TRAIL, "audit", {
        s3BucketName: s.ref(bucket, "id"),
        ...(group ? { cloudWatchLogsGroupArn: s.apply([[group, "arn"]], (arn) => `${arn}:*`) } : {}),
    });
    const lifecycleNode = s.add(lifecycleType, "audit-logs-lifecycle", {
        bucket: s.ref(bucket, "id"),
        rules: [{ id: "archive", status: "Enabled", filter: { prefix: "AWSLogs/" }, expiration: { days: 400 }, ...rule }],
        ...lifecycle,
    });
    const lock =
        lockDays !== undefined
            ? s.add(OBJECT_LOCK, "audit-logs-lock", { bucket: s.ref(bucket, "id"), rule: { defaultRetention: { mode: "COMPLIANCE", days: lockDays } } })
            : undefined;
    return { rendered: s.rendered(), bucket, lifecycle: lifecycleNode, lock, group };
}

const finding = (urn: string, message: string, enforcementLevel = "mandatory") => ({ policy: "cloudtrail-bucket-retention", enforcementLevel, urn, message });

describe("cloudtrail-bucket-retention", () => {
    describe("requirements", () => {
        it("default none: judges as before, so DEEP_ARCHIVE at day 30 passes", () => {
            const { rendered } = stack({ rule: { transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }] } });
            expect(runPolicy(policy, rendered)).toEqual([]);
        });

        it.each(MODES)("pci-dss blocks DEEP_ARCHIVE at day 60 and passes GLACIER_IR at day 60 (%s)", (mode) => {
            const deep = stack({ mode, rule: { transitions: [{ days: 60, storageClass: "DEEP_ARCHIVE" }] } });
            expect(runPolicy(policy, deep.rendered, PCI)).toEqual([
                finding(
                    deep.lifecycle.urn,
                    'Audit bucket "audit-logs": DEEP_ARCHIVE at day 60 leaves 60 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92 (in "audit-logs-lifecycle").',
                ),
            ]);
            const instant = stack({ mode, rule: { transitions: [{ days: 60, storageClass: "GLACIER_IR" }] } });
            expect(runPolicy(policy, instant.rendered, PCI)).toEqual([]);
        });

        it("pci-dss blocks 365 days in all, which the default minimum (365) lets pass, on a V2 lifecycle too", () => {
            for (const lifecycleType of [LIFECYCLE, LIFECYCLE_V2]) {
                const { rendered, lifecycle } = stack({ lifecycleType, rule: { expiration: { days: 365 } } });
                expect(runPolicy(policy, rendered)).toEqual([]);
                expect(runPolicy(policy, rendered, PCI)).toEqual([
                    finding(lifecycle.urn, 'Audit bucket "audit-logs": log files expire after 365 days; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366 (in "audit-logs-lifecycle").'),
                ]);
            }
        });

        it("pci-dss counts Object Lock as keeping deleted versions: noncurrent after 90 days passes with a 366-day lock, not with 365", () => {
            const rule = { noncurrentVersionExpiration: { noncurrentDays: 90 } };
            for (const mode of MODES) {
                expect(runPolicy(policy, stack({ mode, rule, lockDays: 366 }).rendered, PCI), mode).toEqual([]);
                const short = stack({ mode, rule, lockDays: 365 });
                expect(runPolicy(policy, short.rendered, PCI), mode).toEqual([
                    finding(
                        short.lifecycle.urn,
                        'Audit bucket "audit-logs": a log file deleted or overwritten on delivery is removed 90 days after it becomes noncurrent and Object Lock keeps it only 365 days; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366 (in "audit-logs-lifecycle").',
                    ),
                ]);
            }
            const unlocked = stack({ rule });
            expect(runPolicy(policy, unlocked.rendered, PCI).map((f) => f.message)).toEqual([
                'Audit bucket "audit-logs": a log file deleted or overwritten on delivery is removed 90 days after it becomes noncurrent and no Object Lock keeps it; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366 (in "audit-logs-lifecycle").',
            ]);
        });

        it("security-hub judges the trail's log group: 180 blocked on the group, 365 and never-expire pass", () => {
            const short = stack({ logGroupDays: 180 });
            expect(runPolicy(policy, short.rendered, { requirements: ["security-hub"] })).toEqual([
                finding(short.group!.urn, 'Audit bucket "audit-logs": the log group keeps events 180 days; security-hub (AWS Security Hub CloudWatch.16) needs 365 (in "trail-events").'),
            ]);
            expect(runPolicy(policy, stack({ logGroupDays: 365 }).rendered, { requirements: ["security-hub"] })).toEqual([]);
            expect(runPolicy(policy, stack({ logGroupDays: null }).rendered, { requirements: ["security-hub"] })).toEqual([]);
        });

        it("reads the transitions of a Bucket's inline lifecycle rules", () => {
            const s = new InMemoryStack("preview");
            const bucket = s.add(BUCKET, "audit-logs", {
                lifecycleRules: [{ id: "archive", enabled: true, transitions: [{ days: 30, storageClass: "GLACIER" }], expiration: { days: 400 } }],
            });
            s.add(TRAIL, "audit", { s3BucketName: s.ref(bucket, "id") });
            expect(runPolicy(policy, s.rendered(), PCI)).toEqual([
                finding(bucket.urn, 'Audit bucket "audit-logs": GLACIER at day 30 leaves 30 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92 (in "audit-logs").'),
            ]);
        });

        it("needs the organization's number for soc2, iso27001 and nist-800-53, and then holds the plan to it", () => {
            const { rendered, lifecycle } = stack({ rule: { expiration: { days: 399 } } });
            const [missing] = runPolicy(policy, rendered, { requirements: ["soc2"] });
            expect(missing!.message).toBe(
                "soc2 (SOC 2 (AICPA Trust Services Criteria) CC7.2) leaves the retention period to the organization; set organizationRetentionDays in the config of this policy to the number your policy states.",
            );
            expect(missing!.enforcementLevel).toBe("mandatory");
            expect(runPolicy(policy, rendered, { requirements: ["soc2"], organizationRetentionDays: 400 })).toEqual([
                finding(lifecycle.urn, 'Audit bucket "audit-logs": log files expire after 399 days; soc2 (SOC 2 (AICPA Trust Services Criteria) CC7.2) needs 400 (in "audit-logs-lifecycle").'),
            ]);
            expect(runPolicy(policy, rendered, { requirements: ["soc2"], organizationRetentionDays: 399 })).toEqual([]);
        });

        it("is advisory while the rule's status is computed, and silent while the transition's days are", () => {
            const computedStatus = stack({ mode: "preview", rule: { status: UNKNOWN_VALUE, transitions: [{ days: 60, storageClass: "DEEP_ARCHIVE" }] } });
            expect(runPolicy(policy, computedStatus.rendered, PCI)).toEqual([
                finding(
                    computedStatus.lifecycle.urn,
                    'Audit bucket "audit-logs": DEEP_ARCHIVE at day 60 leaves 60 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92 (in "audit-logs-lifecycle"). (cannot be verified until the value is known)',
                    "advisory",
                ),
            ]);
            const computedDays = stack({ mode: "preview", rule: { transitions: [{ days: UNKNOWN_VALUE, storageClass: "DEEP_ARCHIVE" }] } });
            expect(runPolicy(policy, computedDays.rendered, PCI)).toEqual([]);
        });

        it("refuses an id it does not know, naming the valid ones", () => {
            const { rendered, bucket } = stack({});
            expect(runPolicy(policy, rendered, { requirements: ["pci"] })).toEqual([
                finding(
                    bucket.urn,
                    'invalid config for policy "cloudtrail-bucket-retention", key "requirements": ["pci"] contains "pci"; expected items from "pci-dss", "hipaa", "security-hub", "fedramp", "m-21-31", "soc2", "iso27001", "nist-800-53"',
                ),
            ]);
        });
    });

    describe("typicalObjectBytes: S3's object-size rules", () => {
        it("warns (advisory) that a 20 KB log file never takes a transition under the 128 KB default", () => {
            const { rendered, lifecycle } = stack({ rule: { transitions: [{ days: 90, storageClass: "GLACIER_IR" }] } });
            expect(runPolicy(policy, rendered, { typicalObjectBytes: 20_000 })).toEqual([
                finding(
                    lifecycle.urn,
                    'Audit bucket "audit-logs": GLACIER_IR at day 90 does not apply to the trail\'s typical 20000-byte log files under transitionDefaultMinimumObjectSize all_storage_classes_128K, which moves no object under 128 KB (131072 bytes) to GLACIER_IR; they stay in STANDARD (in "audit-logs-lifecycle").',
                    "advisory",
                ),
            ]);
        });

        it("warns that a 4 KB log file costs more in DEEP_ARCHIVE under varies_by_storage_class, and says nothing of a 200 KB one", () => {
            const setup = { rule: { transitions: [{ days: 180, storageClass: "DEEP_ARCHIVE" }] }, lifecycle: { transitionDefaultMinimumObjectSize: "varies_by_storage_class" } };
            const { rendered } = stack(setup);
            const [warning] = runPolicy(policy, rendered, { typicalObjectBytes: 4096 });
            expect(warning!.enforcementLevel).toBe("advisory");
            expect(warning!.message).toMatch(/^Audit bucket "audit-logs": DEEP_ARCHIVE at day 180 costs more than it saves for the trail's typical 4096-byte log files: /);
            expect(runPolicy(policy, rendered, { typicalObjectBytes: 200_000 })).toEqual([]);
        });

        it("lets a rule's objectSizeGreaterThan filter take precedence over the default", () => {
            const { rendered } = stack({ rule: { filter: { and: { prefix: "AWSLogs/", objectSizeGreaterThan: 1024 } }, transitions: [{ days: 90, storageClass: "GLACIER_IR" }] } });
            expect(runPolicy(policy, rendered, { typicalObjectBytes: 20_000 })).toEqual([]);
        });
    });
});

describe("cloudtrail-bucket-retention: INTELLIGENT_TIERING's opt-in archive tiers", () => {
    const INTELLIGENT_TIERING = "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration";
    /** INTELLIGENT_TIERING from day 30, with an archive tier after `days` days without access. */
    function tiered(days: unknown, extra: Record<string, unknown> = {}, mode: Mode = "deployed") {
        const s = new InMemoryStack(mode);
        const bucket = s.add(BUCKET, "audit-logs", {});
        s.add(TRAIL, "audit", { s3BucketName: s.ref(bucket, "id") });
        const lifecycle = s.add(LIFECYCLE, "audit-logs-lifecycle", {
            bucket: s.ref(bucket, "id"),
            rules: [{ id: "archive", status: "Enabled", transitions: [{ days: 30, storageClass: "INTELLIGENT_TIERING" }], expiration: { days: 400 } }],
        });
        s.add(INTELLIGENT_TIERING, "audit-logs-tiering", { bucket: s.ref(bucket, "id"), status: "Enabled", tierings: [{ accessTier: "ARCHIVE_ACCESS", days }], ...extra });
        return { rendered: s.rendered(), lifecycle };
    }

    it("counts an archive tier after 90 days as 120 days readable: enough for pci-dss's 92", () => {
        expect(runPolicy(policy, tiered(90).rendered, PCI)).toEqual([]);
    });

    it("blocks under m-21-31 (366 days readable), naming the tier", () => {
        const { rendered, lifecycle } = tiered(90);
        expect(runPolicy(policy, rendered, { requirements: ["m-21-31"] }).filter((f) => f.message.includes("immediately"))).toEqual([
            finding(
                lifecycle.urn,
                'Audit bucket "audit-logs": INTELLIGENT_TIERING at day 30 whose archive tier takes unread objects after 90 days leaves 120 days immediately available; m-21-31 (OMB M-21-31 Appendix C) needs 366 (in "audit-logs-lifecycle").',
            ),
        ]);
    });

    it("ignores a disabled configuration and one filtered to other objects, and is advisory while its days are computed", () => {
        const mOnly = { requirements: ["m-21-31"] };
        const windowFindings = (r: ReturnType<typeof tiered>) => runPolicy(policy, r.rendered, mOnly).filter((f) => f.message.includes("immediately"));
        expect(windowFindings(tiered(90, { status: "Disabled" }))).toEqual([]);
        expect(windowFindings(tiered(90, { filter: { prefix: "tmp/" } }))).toEqual([]);
        expect(windowFindings(tiered(90, { filter: { tags: { archive: "yes" } } }))).toEqual([]);
        expect(windowFindings(tiered(UNKNOWN_VALUE, {}, "preview"))).toEqual([]);
        expect(windowFindings(tiered(90, { status: UNKNOWN_VALUE }, "preview")).map((f) => f.enforcementLevel)).toEqual(["advisory"]);
    });
});

describe("cloudtrail-bucket-retention: the pack and stack config judge alike", () => {
    // The dev stack as shipped, rendered by the real program: the pack reads its plan from the
    // resources, stack config from the settings. Under pci-dss both must find the same shortfalls.
    it("finds in the rendered dev stack exactly what validation finds in its config", async () => {
        const { renderTrailguardStack } = await import("../../../cli/mockEngine/renderEntryPoints");
        const { stackConfigValues } = await import("../../baseline/support/renderedBaseline");
        const { checkConfig, ConfigValidationError } = await import("../../../config/validateConfig");
        const values = stackConfigValues("dev");
        const retention = JSON.parse(values["trailguard:retention"] ?? "{}") as Record<string, unknown>;
        let configLines: string[] = [];
        try {
            checkConfig({ ...values, "trailguard:retention": JSON.stringify({ ...retention, requirements: ["pci-dss"] }) }, "dev");
        } catch (err) {
            expect(err).toBeInstanceOf(ConfigValidationError);
            configLines = (err as InstanceType<typeof ConfigValidationError>).problems;
        }
        // "trailguard:<key>: <sentence>[ (from the dev defaults)]" → the sentence.
        const fromConfig = configLines.map((line) => line.replace(/^trailguard:[^:]+: /, "").replace(/ \(from the dev defaults\)$/, ""));
        expect(fromConfig.length).toBeGreaterThan(0);
        for (const mode of MODES) {
            const rendered = await renderTrailguardStack("dev", { mode });
            // "Audit bucket "<name>": <sentence> (in "<resource>")." → the sentence.
            // minimumRetentionDays 1: only the requirement's findings, not the 365-day default's.
            const fromPack = runPolicy(policy, rendered, { ...PCI, minimumRetentionDays: 1 }).map((f) => f.message.replace(/^Audit bucket "[^"]+": /, "").replace(/ \(in "[^"]+"\)\.$/, ""));
            expect(fromPack.sort(), mode).toEqual([...fromConfig].sort());
        }
    });
});
