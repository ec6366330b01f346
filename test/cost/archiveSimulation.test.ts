// A second method for the archive bucket: follow every day's objects one day at a time (which
// class each cohort is in, when it moves, when it is deleted) and add up GB-days, transitions and
// early deletions, then compare with the model's closed-form month totals over ten years of
// plans that exercise each rule.
import { describe, expect, it } from "vitest";
import { estimateStackCost, monthStartDay, type CostedStack } from "../../core/cost/estimateStackCost";
import type { LifecyclePlan } from "../../core/cost/objectLifecycle";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { filesOf, GiB, KiB, stack, volume } from "./costFixtures";

const MIN_DAYS: Record<string, number> = { STANDARD: 0, STANDARD_IA: 30, INTELLIGENT_TIERING: 0, ONEZONE_IA: 30, GLACIER_IR: 90, GLACIER: 90, DEEP_ARCHIVE: 180 };
const MIN_BYTES: Record<string, number> = { STANDARD_IA: 128 * KiB, ONEZONE_IA: 128 * KiB, GLACIER_IR: 128 * KiB };
const ARCHIVAL = ["GLACIER", "DEEP_ARCHIVE"];

/** Which class an object of `bytes` is in at `age` under the plan, by walking its transitions (S3's rules restated). */
function classAt(age: number, bytes: number, plan: LifecyclePlan): { storageClass: string; since: number } {
    let storageClass = "STANDARD";
    let since = 0;
    for (const t of plan.transitions) {
        if (t.days > age || t.days >= plan.expirationDays) break;
        const moves =
            plan.objectSizeGreaterThan !== undefined
                ? bytes > plan.objectSizeGreaterThan
                : bytes >= 128 * KiB || (plan.transitionDefaultMinimumObjectSize === "varies_by_storage_class" && ARCHIVAL.includes(t.storageClass));
        if (moves) {
            storageClass = t.storageClass;
            since = t.days;
        }
    }
    return { storageClass, since };
}

function simulate(s: CostedStack, bytes: number, filesPerDay: number, months: number) {
    const plan = s.retention.archive;
    const deletedAt = Math.max(plan.expirationDays + plan.noncurrentVersionExpirationDays, s.retention.objectLock?.days ?? 0);
    const storedGbMonths = Array.from({ length: months }, () => ({} as Record<string, number>));
    const transitions = Array.from({ length: months }, () => ({} as Record<string, number>));
    const early = Array.from({ length: months }, () => ({} as Record<string, number>));
    const add = (r: Record<string, number>, k: string, v: number) => (r[k] = (r[k] ?? 0) + v);
    const byAge = Array.from({ length: deletedAt + 1 }, (_, age) => classAt(age, bytes, plan));
    for (let m = 0; m < months; m++) {
        const length = monthStartDay(m + 1) - monthStartDay(m);
        for (let day = monthStartDay(m); day < monthStartDay(m + 1); day++) {
            for (let written = Math.max(0, day - deletedAt); written <= day; written++) {
                const age = day - written;
                const here = byAge[age]!;
                if (age === deletedAt) {
                    // Deleted today: early deletion if it left its class before the minimum.
                    const stayed = age - here.since;
                    const billed = Math.max(bytes, MIN_BYTES[here.storageClass] ?? 0) + (ARCHIVAL.includes(here.storageClass) ? 32 * KiB : 0);
                    if (stayed < MIN_DAYS[here.storageClass]!) add(early[m]!, here.storageClass, ((MIN_DAYS[here.storageClass]! - stayed) * filesPerDay * billed * 12) / 365 / GiB);
                    continue;
                }
                if (age > 0 || plan.transitions.some((t) => t.days === 0)) {
                    const before = age === 0 ? { storageClass: "STANDARD", since: 0 } : byAge[age - 1]!;
                    if (age === 0 ? here.storageClass !== "STANDARD" : before.storageClass !== here.storageClass) {
                        add(transitions[m]!, here.storageClass, filesPerDay);
                        const stayed = age - before.since;
                        const billed = Math.max(bytes, MIN_BYTES[before.storageClass] ?? 0) + (ARCHIVAL.includes(before.storageClass) ? 32 * KiB : 0);
                        if (stayed < MIN_DAYS[before.storageClass]!) add(early[m]!, before.storageClass, ((MIN_DAYS[before.storageClass]! - stayed) * filesPerDay * billed * 12) / 365 / GiB);
                    }
                }
                const billed = Math.max(bytes, MIN_BYTES[here.storageClass] ?? 0) + (ARCHIVAL.includes(here.storageClass) ? 32 * KiB : 0);
                add(storedGbMonths[m]!, here.storageClass, (filesPerDay * billed) / GiB / length);
                if (ARCHIVAL.includes(here.storageClass)) add(storedGbMonths[m]!, "STANDARD", (filesPerDay * 8 * KiB) / GiB / length);
            }
        }
    }
    return { storedGbMonths, transitions, early };
}

const PLANS: [string, Partial<LifecyclePlan>, number, number?][] = [
    ["GLACIER_IR then DEEP_ARCHIVE, large files", { transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 365, storageClass: "DEEP_ARCHIVE" }], expirationDays: 1100, noncurrentVersionExpirationDays: 90 }, 600 * KiB],
    ["the same plan, small files held in STANDARD", { transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 365, storageClass: "DEEP_ARCHIVE" }], expirationDays: 1100, noncurrentVersionExpirationDays: 90 }, 20 * KiB],
    ["small files to GLACIER under varies_by_storage_class, early deletion", { transitions: [{ days: 30, storageClass: "GLACIER" }], expirationDays: 100, noncurrentVersionExpirationDays: 5, transitionDefaultMinimumObjectSize: "varies_by_storage_class" }, 20 * KiB],
    ["STANDARD_IA at 30 then DEEP_ARCHIVE at 45: IA left after 15 days", { transitions: [{ days: 30, storageClass: "STANDARD_IA" }, { days: 45, storageClass: "DEEP_ARCHIVE" }], expirationDays: 400, noncurrentVersionExpirationDays: 1 }, 200 * KiB],
    ["DEEP_ARCHIVE from day 0 under a 500-day lock", { transitions: [{ days: 0, storageClass: "DEEP_ARCHIVE" }], expirationDays: 365, noncurrentVersionExpirationDays: 30 }, 300 * KiB, 500],
];

describe("the archive bucket, priced two ways", () => {
    it.each(PLANS)("%s: stored GB, transitions and early deletion match a day-by-day simulation over 10 years", (_name, archive, bytes, lockDays) => {
        const months = 120;
        const s = stack(archive, { lockDays });
        const estimate = estimateStackCost(s, volume(filesOf(bytes, 12)), US_EAST_1_PRICES, { months });
        const simulated = simulate(s, bytes, 12, months);
        let compared = 0;
        estimate.months.forEach((month, m) => {
            for (const [storageClass, gb] of Object.entries(month.storedGb)) {
                expect(gb, `month ${m + 1} ${storageClass}`).toBeCloseTo(simulated.storedGbMonths[m]![storageClass] ?? 0, 9);
                compared++;
            }
            for (const [storageClass, count] of Object.entries(simulated.transitions[m]!)) {
                expect(month.items.find((i) => i.item === `lifecycle transitions to ${storageClass}`)?.quantity, `month ${m + 1} transitions to ${storageClass}`).toBeCloseTo(count, 9);
            }
            const modelTransitions = month.items.filter((i) => i.item.startsWith("lifecycle transitions")).reduce((sum, i) => sum + i.quantity, 0);
            expect(modelTransitions).toBeCloseTo(Object.values(simulated.transitions[m]!).reduce((a, b) => a + b, 0), 9);
            const modelEarly = month.items.filter((i) => i.item.startsWith("early deletion")).reduce((sum, i) => sum + i.quantity, 0);
            expect(modelEarly, `month ${m + 1} early deletion`).toBeCloseTo(Object.values(simulated.early[m]!).reduce((a, b) => a + b, 0), 9);
        });
        expect(compared).toBe(months * 7);
    });
});
