// S3's object-size rules for transitions (core/retention/transitionObjectSize.ts), on a trail's
// typical log file. Expectations from the S3 texts: under all_storage_classes_128K no object under
// 128 KB (131072 bytes) transitions; under varies_by_storage_class objects under 128 KB do go to
// GLACIER and DEEP_ARCHIVE and nowhere else; a rule's objectSizeGreaterThan takes precedence. An
// archived object carries 8 KB billed at the STANDARD rate, so a file of 8 KB or less costs more
// archived straight from STANDARD than it did there.
import { describe, expect, it } from "vitest";
import type { RetentionPlan } from "../../core/retention/retentionPlan";
import { transitionApplies, transitionWarnings } from "../../core/retention/transitionObjectSize";

const prodLike = (overrides: Partial<RetentionPlan>): RetentionPlan => ({
    expirationDays: 2557,
    transitions: [
        { days: 90, storageClass: "GLACIER_IR" },
        { days: 365, storageClass: "DEEP_ARCHIVE" },
    ],
    ...overrides,
});

describe("which objects a transition moves", () => {
    it("under S3's default (all_storage_classes_128K): objects of 131072 bytes or more, to any class", () => {
        const plan = prodLike({});
        for (const storageClass of ["STANDARD_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const) {
            expect(transitionApplies(plan, storageClass, 131_071)).toBe(false);
            expect(transitionApplies(plan, storageClass, 131_072)).toBe(true);
        }
    });

    it("under varies_by_storage_class: any size to GLACIER and DEEP_ARCHIVE, 128 KB and up elsewhere", () => {
        const plan = prodLike({ transitionDefaultMinimumObjectSize: "varies_by_storage_class" });
        expect(transitionApplies(plan, "DEEP_ARCHIVE", 1)).toBe(true);
        expect(transitionApplies(plan, "GLACIER", 1)).toBe(true);
        expect(transitionApplies(plan, "GLACIER_IR", 131_071)).toBe(false);
        expect(transitionApplies(plan, "STANDARD_IA", 131_071)).toBe(false);
    });

    it("with a rule's objectSizeGreaterThan: objects strictly larger, whatever the default", () => {
        const plan = prodLike({ objectSizeGreaterThan: 1000 });
        expect(transitionApplies(plan, "GLACIER_IR", 1000)).toBe(false);
        expect(transitionApplies(plan, "GLACIER_IR", 1001)).toBe(true);
    });
});

describe("warnings for the trail's typical log file", () => {
    it("none when the typical size is unknown", () => {
        expect(transitionWarnings(prodLike({}))).toEqual([]);
    });

    it("every transition of a 20 KB file is skipped under the 128 KB default, and the file stays in STANDARD", () => {
        expect(transitionWarnings(prodLike({ typicalObjectBytes: 20_000 }))).toEqual([
            {
                field: ["transitions", 0],
                kind: "skipped",
                message:
                    "GLACIER_IR at day 90 does not apply to the trail's typical 20000-byte log files under transitionDefaultMinimumObjectSize all_storage_classes_128K, which moves no object under 128 KB (131072 bytes) to GLACIER_IR; they stay in STANDARD",
            },
            {
                field: ["transitions", 1],
                kind: "skipped",
                message:
                    "DEEP_ARCHIVE at day 365 does not apply to the trail's typical 20000-byte log files under transitionDefaultMinimumObjectSize all_storage_classes_128K, which moves no object under 128 KB (131072 bytes) to DEEP_ARCHIVE; they stay in STANDARD",
            },
        ]);
    });

    it("nothing for files of 128 KB and more", () => {
        expect(transitionWarnings(prodLike({ typicalObjectBytes: 131_072 }))).toEqual([]);
    });

    it("under varies_by_storage_class, a 6 KB file skips GLACIER_IR and then costs more in DEEP_ARCHIVE than in STANDARD", () => {
        const warnings = transitionWarnings(prodLike({ typicalObjectBytes: 6_000, transitionDefaultMinimumObjectSize: "varies_by_storage_class" }));
        expect(warnings.map((w) => [w.field[1], w.kind])).toEqual([
            [0, "skipped"],
            [1, "costsMore"],
        ]);
        expect(warnings[1]!.message).toBe(
            "DEEP_ARCHIVE at day 365 costs more than it saves for the trail's typical 6000-byte log files: S3 bills each archived object 40 KB of metadata, 8 KB of it at the STANDARD rate, more than the file itself cost in STANDARD, and charges a transition request per object",
        );
    });

    it("puts the price-free cost edge at 8 KB (8192 bytes): 8192 warns, 8193 does not", () => {
        const plan = (bytes: number) =>
            prodLike({ transitions: [{ days: 180, storageClass: "GLACIER" }], typicalObjectBytes: bytes, transitionDefaultMinimumObjectSize: "varies_by_storage_class" });
        expect(transitionWarnings(plan(8192)).map((w) => w.kind)).toEqual(["costsMore"]);
        expect(transitionWarnings(plan(8193))).toEqual([]);
    });

    it("does not claim a loss when the file comes from a class billed at 128 KB minimum (GLACIER_IR): prices decide that", () => {
        const plan = prodLike({ typicalObjectBytes: 6_000, objectSizeGreaterThan: 0 });
        expect(transitionWarnings(plan)).toEqual([]);
    });
});
