// Each cost component against a hand calculation from the built-in price table's figures
// (core/cost/priceTable.ts, us-east-1): CloudTrail $2.00 per 100,000 additional management events,
// $0.10 per 100,000 data events, $0.35 per 100,000 events analysed per Insights type; S3 STANDARD
// $0.023, STANDARD_IA $0.0125, GLACIER_IR $0.004, DEEP_ARCHIVE $0.00099 per GB-month, PUT $0.005
// per 1,000, transitions per 1,000 $0.01 (IA), $0.02 (GLACIER_IR), $0.05 (DEEP_ARCHIVE); KMS $1
// per key-month, +$1 per each of the first two rotations, $0.03 per 10,000 requests; CloudWatch
// Logs $0.50 per GB ingested, $0.03 per GB-month stored; $0.30 per custom metric, $0.10 per alarm,
// SNS $0.50 per million publishes.
//
// Months are twelfths of 365 days: month 1 is days 0-29 (30 days), month 2 days 30-59 (30),
// month 3 days 60-90 (31), month 13 days 365-394 (30).
import { describe, expect, it } from "vitest";
import { estimateStackCost, type MonthCost } from "../../core/cost/estimateStackCost";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { filesOf, GiB, KiB, stack, volume } from "./costFixtures";

const usdOf = (month: MonthCost, name: string) => {
    const found = month.items.filter((i) => i.item === name);
    return found.reduce((sum, i) => sum + i.usd, 0);
};
const quantityOf = (month: MonthCost, name: string) => month.items.find((i) => i.item === name)?.quantity ?? 0;

describe("CloudTrail", () => {
    it("charges nothing for the first copy of management events, $2.00 per 100,000 for an additional copy", () => {
        const v = { managementReadEventsPerDay: 4_000, managementWriteEventsPerDay: 1_000 };
        const free = estimateStackCost(stack(), volume(v), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(free.items.filter((i) => i.component === "CloudTrail")).toEqual([]);
        const paid = estimateStackCost(stack(), volume(v, true), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        // 5,000 events a day × 30 days = 150,000 events; 150,000 / 100,000 × $2.00 = $3.00
        expect(usdOf(paid, "management events (additional copy)")).toBeCloseTo(3.0, 10);
    });

    it("prices data events exactly per 100,000 (pro rata, not rounded up to the next 100,000)", () => {
        // 5,000 data events a day × 30 days = 150,000; 1.5 × $0.10 = $0.15 (not $0.20)
        const month = estimateStackCost(stack({}, { dataEvents: true }), volume({ dataEventsPerDay: 5_000 }), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(quantityOf(month, "data events")).toBe(150_000);
        expect(usdOf(month, "data events")).toBeCloseTo(0.15, 12);
        // exactly 100,000 (3,333.33… a day × 30) costs exactly $0.10
        const exact = estimateStackCost(stack({}, { dataEvents: true }), volume({ dataEventsPerDay: 100_000 / 30 }), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(usdOf(exact, "data events")).toBeCloseTo(0.1, 12);
    });

    it("does not price data events the trail does not select", () => {
        const month = estimateStackCost(stack(), volume({ dataEventsPerDay: 5_000 }), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(quantityOf(month, "data events")).toBe(0);
    });

    it("prices Insights per type per 100,000 events analysed: call rate the writes, error rate all management events", () => {
        const s = stack({}, { insights: ["ApiCallRateInsight", "ApiErrorRateInsight"] });
        const month = estimateStackCost(s, volume({ managementReadEventsPerDay: 9_000, managementWriteEventsPerDay: 1_000 }), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        // writes: 1,000 × 30 = 30,000 → 0.3 × $0.35 = $0.105
        expect(usdOf(month, "Insights: API call rate (write events analysed)")).toBeCloseTo(0.105, 12);
        // all: 10,000 × 30 = 300,000 → 3 × $0.35 = $1.05
        expect(usdOf(month, "Insights: API error rate (all management events analysed)")).toBeCloseTo(1.05, 12);
    });
});

describe("S3 storage, requests and lifecycle", () => {
    it("bills STANDARD storage by the average GB stored and a PUT per log file", () => {
        // 100 files a day of 64 KiB, expiring at 30 days, noncurrent removed 1 day later: each file lives 31 days.
        const month3 = estimateStackCost(stack(), volume(filesOf(64 * KiB)), US_EAST_1_PRICES, { months: 3 }).months[2]!;
        // Month 3 (days 60-90): 31 cohorts alive every day → 3,100 files × 64 KiB = 3,100 / 16,384 GiB
        const gb = (3_100 * 64 * KiB) / GiB;
        expect(quantityOf(month3, "storage: STANDARD")).toBeCloseTo(gb, 12);
        expect(usdOf(month3, "storage: STANDARD")).toBeCloseTo(gb * 0.023, 12);
        // 100 PUTs a day × 31 days = 3,100 → 3.1 × $0.005 = $0.0155
        expect(usdOf(month3, "PUT requests (log and digest files)")).toBeCloseTo(0.0155, 12);
    });

    it("fills the bucket day by day until the first files are deleted", () => {
        // Month 1 (days 0-29): day d holds d + 1 cohorts; the average is (1 + … + 30) / 30 = 15.5 cohorts.
        const month1 = estimateStackCost(stack(), volume(filesOf(64 * KiB)), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(quantityOf(month1, "storage: STANDARD")).toBeCloseTo((15.5 * 100 * 64 * KiB) / GiB, 12);
    });

    it("the 128 KB rule: by default no object under 128 KB moves, so a transition costs nothing and saves nothing", () => {
        const plan = { transitions: [{ days: 0, storageClass: "DEEP_ARCHIVE" as const }], expirationDays: 200, noncurrentVersionExpirationDays: 1 };
        const small = filesOf(100 * KiB);
        const defaultRule = estimateStackCost(stack(plan), volume(small), US_EAST_1_PRICES, { months: 12 }).months[11]!;
        // Month 12 (days 334-364), files live 201 days: 201 cohorts × 100 files × 100 KiB, all in STANDARD.
        const gbStandard = (201 * 100 * 100 * KiB) / GiB;
        expect(quantityOf(defaultRule, "storage: STANDARD")).toBeCloseTo(gbStandard, 12);
        expect(quantityOf(defaultRule, "storage: DEEP_ARCHIVE")).toBe(0);
        expect(quantityOf(defaultRule, "lifecycle transitions to DEEP_ARCHIVE")).toBe(0);

        // varies_by_storage_class lets them move to DEEP_ARCHIVE, billed 100 + 32 KiB there and 8 KiB at STANDARD.
        const varies = estimateStackCost(stack({ ...plan, transitionDefaultMinimumObjectSize: "varies_by_storage_class" }), volume(small), US_EAST_1_PRICES, { months: 12 }).months[11]!;
        const objects = 201 * 100;
        expect(quantityOf(varies, "storage: DEEP_ARCHIVE")).toBeCloseTo((objects * 132 * KiB) / GiB, 12);
        expect(quantityOf(varies, "storage: STANDARD (8 KB per GLACIER/DEEP_ARCHIVE object)")).toBeCloseTo((objects * 8 * KiB) / GiB, 12);
        // 100 transitions a day × 31 days (month 12 is days 334-364) = 3,100 → 3.1 × $0.05 = $0.155
        expect(usdOf(varies, "lifecycle transitions to DEEP_ARCHIVE")).toBeCloseTo(0.155, 12);
        // Steady-state storage: STANDARD would be 1.917 GiB × $0.023 = $0.0441;
        // DEEP_ARCHIVE is 2.530 GiB × $0.00099 + 0.153 GiB × $0.023 = $0.0060, plus $0.155 of transitions.
        const storageOnly = (m: MonthCost) => m.items.filter((i) => i.component === "S3" && i.item.startsWith("storage")).reduce((s, i) => s + i.usd, 0);
        expect(storageOnly(defaultRule)).toBeCloseTo(gbStandard * 0.023, 10);
        expect(storageOnly(varies)).toBeCloseTo(((objects * 132 * KiB) / GiB) * 0.00099 + ((objects * 8 * KiB) / GiB) * 0.023, 10);
        // Moving 100 KiB files costs more than it saves: the transitions alone exceed the storage saved.
        expect(varies.total).toBeGreaterThan(defaultRule.total);
    });

    it("the 128 KB rule does not hold objects of 128 KB or more", () => {
        const plan = { transitions: [{ days: 30, storageClass: "GLACIER_IR" as const }], expirationDays: 200, noncurrentVersionExpirationDays: 1 };
        const month = estimateStackCost(stack(plan), volume(filesOf(128 * KiB)), US_EAST_1_PRICES, { months: 12 }).months[11]!;
        // Ages 0-29 in STANDARD (30 cohorts), 30-200 in GLACIER_IR (171 cohorts), 100 files each, 128 KiB.
        expect(quantityOf(month, "storage: STANDARD")).toBeCloseTo((30 * 100 * 128 * KiB) / GiB, 12);
        expect(quantityOf(month, "storage: GLACIER_IR")).toBeCloseTo((171 * 100 * 128 * KiB) / GiB, 12);
    });

    it("bills objects under 128 KB in an IA class as 128 KB when a size filter lets them move", () => {
        const plan = { transitions: [{ days: 30, storageClass: "STANDARD_IA" as const }], expirationDays: 100, noncurrentVersionExpirationDays: 1, objectSizeGreaterThan: 0 };
        const month = estimateStackCost(stack(plan), volume(filesOf(10 * KiB)), US_EAST_1_PRICES, { months: 6 }).months[5]!;
        // Ages 30-100 in STANDARD_IA: 71 cohorts × 100 files, each billed 128 KiB (not 10).
        expect(quantityOf(month, "storage: STANDARD_IA")).toBeCloseTo((71 * 100 * 128 * KiB) / GiB, 12);
    });

    it("bills early deletion: the rest of the minimum storage duration when an object leaves its class early", () => {
        // DEEP_ARCHIVE from day 0, deleted at day 31 (expiration 30 + noncurrent 1): 149 of its 180 days unused.
        const plan = { transitions: [{ days: 0, storageClass: "DEEP_ARCHIVE" as const }], expirationDays: 30, noncurrentVersionExpirationDays: 1 };
        const month = estimateStackCost(stack(plan), volume(filesOf(1024 * KiB)), US_EAST_1_PRICES, { months: 3 }).months[2]!;
        // Month 3 (days 60-90, 31 days): 100 files leave each day, each billed 1 MiB + 32 KiB for 149 more days.
        // GB-days = 31 × 100 × 149 × 1056 KiB / 1 GiB; GB-months = GB-days × 12 / 365.
        const gbMonths = ((31 * 100 * 149 * 1056 * KiB) / GiB) * (12 / 365);
        expect(quantityOf(month, "early deletion: DEEP_ARCHIVE")).toBeCloseTo(gbMonths, 10);
        expect(usdOf(month, "early deletion: DEEP_ARCHIVE")).toBeCloseTo(gbMonths * 0.00099, 12);
        // No early deletion once objects stay at least the minimum: expiration 200 > 180.
        const kept = estimateStackCost(stack({ ...plan, expirationDays: 200 }), volume(filesOf(1024 * KiB)), US_EAST_1_PRICES, { months: 12 }).months[11]!;
        expect(quantityOf(kept, "early deletion: DEEP_ARCHIVE")).toBe(0);
    });

    it("keeps locked objects until Object Lock releases them", () => {
        // Expiration 30 + noncurrent 1 = 31, but the lock holds each version 60 days.
        const month = estimateStackCost(stack({}, { lockDays: 60 }), volume(filesOf(64 * KiB)), US_EAST_1_PRICES, { months: 4 }).months[3]!;
        // Month 4 (days 91-121): 60 cohorts alive → 6,000 files × 64 KiB
        expect(quantityOf(month, "storage: STANDARD")).toBeCloseTo((6_000 * 64 * KiB) / GiB, 12);
    });

    it("tiers Intelligent-Tiering objects of 128 KB or more by age and charges monitoring per 1,000", () => {
        const plan = { transitions: [{ days: 0, storageClass: "INTELLIGENT_TIERING" as const }], expirationDays: 200, noncurrentVersionExpirationDays: 1 };
        const month = estimateStackCost(stack(plan), volume(filesOf(256 * KiB)), US_EAST_1_PRICES, { months: 12 }).months[11]!;
        const gb = (cohorts: number) => (cohorts * 100 * 256 * KiB) / GiB;
        // Ages 0-29 Frequent (30 cohorts), 30-89 Infrequent (60), 90-200 Archive Instant (111).
        expect(quantityOf(month, "storage: INTELLIGENT_TIERING (Frequent Access)")).toBeCloseTo(gb(30), 12);
        expect(quantityOf(month, "storage: INTELLIGENT_TIERING (Infrequent Access)")).toBeCloseTo(gb(60), 12);
        expect(quantityOf(month, "storage: INTELLIGENT_TIERING (Archive Instant Access)")).toBeCloseTo(gb(111), 12);
        // 201 × 100 = 20,100 objects monitored → 20.1 × $0.0025 = $0.05025
        expect(usdOf(month, "Intelligent-Tiering monitoring")).toBeCloseTo(0.05025, 12);
    });
});

describe("KMS", () => {
    it("bills the key, adds a key-month at each of the first two yearly rotations, and nothing after", () => {
        const months = estimateStackCost(stack(), volume(), US_EAST_1_PRICES, { months: 40 }).months;
        const keyMonths = (m: number) => quantityOf(months[m - 1]!, "customer managed key") + quantityOf(months[m - 1]!, "key rotations (the first two add a key-month each)");
        expect(keyMonths(12)).toBeCloseTo(1, 12); // days 334-364: not yet rotated
        expect(keyMonths(13)).toBeCloseTo(2, 12); // days 365-394: rotated once
        expect(keyMonths(25)).toBeCloseTo(3, 12); // days 730-759: rotated twice
        expect(keyMonths(40)).toBeCloseTo(3, 12); // the third rotation (day 1095) adds nothing
    });

    it("prices log-file encryption requests with and without S3 Bucket Keys", () => {
        const v = volume({ logFilesPerDay: 1_000 });
        // 1,000 files × 30 days = 30,000 requests → 3 × $0.03 = $0.09 without Bucket Keys,
        // 1% of that with them (S3 documents "up to 99 percent" fewer requests): $0.0009.
        const without = estimateStackCost(stack(), v, US_EAST_1_PRICES, { months: 1, bucketKeys: false }).months[0]!;
        const withKeys = estimateStackCost(stack(), v, US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(usdOf(without, "requests: log file encryption (no S3 Bucket Keys)")).toBeCloseTo(0.09, 12);
        expect(usdOf(withKeys, "requests: log file encryption (S3 Bucket Keys)")).toBeCloseTo(0.0009, 12);
    });
});

describe("CloudWatch Logs and monitoring", () => {
    it("bills ingestion of the uncompressed records and storage of the compressed ones up to the retention", () => {
        // 1,073,741.824 events a day × 1,000 bytes = 1 GiB a day, compression 10 → 0.1 GiB stored a day.
        const v = volume({ managementReadEventsPerDay: GiB / 1000 });
        const months = estimateStackCost(stack({}, { logGroupDays: 30 }), v, US_EAST_1_PRICES, { months: 3 }).months;
        // Month 1: 30 GiB ingested → $15.00; stored (1 + … + 30) × 0.1 / 30 = 1.55 GiB → $0.0465
        expect(usdOf(months[0]!, "ingestion")).toBeCloseTo(15, 10);
        expect(quantityOf(months[0]!, "storage (compressed)")).toBeCloseTo(1.55, 10);
        // Month 3 (31 days): 30 days kept → 3 GiB all month → $0.09
        expect(usdOf(months[2]!, "storage (compressed)")).toBeCloseTo(0.09, 10);
    });

    it("bills a custom metric per metric filter, an alarm per alarm, and a publish per delivered file", () => {
        const s = stack({}, { alarms: 15, deliveryNotifications: true });
        const month = estimateStackCost(s, volume({ logFilesPerDay: 288 }), US_EAST_1_PRICES, { months: 1 }).months[0]!;
        expect(usdOf(month, "custom metrics of the metric filters")).toBeCloseTo(15 * 0.3, 12); // $4.50
        expect(usdOf(month, "alarms")).toBeCloseTo(15 * 0.1, 12); // $1.50
        // 288 files × 30 days = 8,640 publishes → 0.00864 × $0.50 = $0.00432
        expect(usdOf(month, "SNS publishes (delivery notifications)")).toBeCloseTo(0.00432, 12);
    });

    it("adds up: each month's total is the sum of its items, the cumulative total the sum of the months", () => {
        const estimate = estimateStackCost(stack({}, { alarms: 3 }), volume({ ...filesOf(64 * KiB), managementWriteEventsPerDay: 500 }), US_EAST_1_PRICES, { months: 14 });
        for (const month of estimate.months) expect(month.total).toBeCloseTo(month.items.reduce((s, i) => s + i.usd, 0), 10);
        expect(estimate.cumulativeTotal).toBeCloseTo(estimate.months.reduce((s, m) => s + m.total, 0), 8);
        expect(estimate.monthlyTotal).toBe(estimate.months[13]!.total);
    });
});
