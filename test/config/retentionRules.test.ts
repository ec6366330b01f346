import { describe, expect, it } from "vitest";
import { accepted, configValues, onlyProblem, problemsOf } from "./configValues";

const archive = (value: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    configValues("dev", { retention: { archive: value, ...extra } });

describe("lifecycle transitions", () => {
    it("must be in increasing order of days", () => {
        const transitions = [
            { days: 90, storageClass: "GLACIER_IR" },
            { days: 30, storageClass: "GLACIER" },
        ];
        expect(onlyProblem(archive({ transitions, expirationDays: 400 }))).toBe(
            "trailguard:retention.archive.transitions[1].days: got 30, expected more than transitions[0].days (90): transitions must be in increasing order",
        );
    });

    it("must not repeat a day", () => {
        const transitions = [
            { days: 90, storageClass: "GLACIER_IR" },
            { days: 90, storageClass: "DEEP_ARCHIVE" },
        ];
        expect(onlyProblem(archive({ transitions, expirationDays: 400 }))).toContain(
            "transitions[1].days: got 90, expected more than transitions[0].days (90)",
        );
    });

    it("must move to a class S3 can transition to from the previous one", () => {
        const colderFirst = [
            { days: 90, storageClass: "DEEP_ARCHIVE" },
            { days: 180, storageClass: "GLACIER" },
        ];
        expect(onlyProblem(archive({ transitions: colderFirst, expirationDays: 400 }))).toBe(
            'trailguard:retention.archive.transitions[1].storageClass: got "GLACIER", expected no transition after DEEP_ARCHIVE, the coldest class: S3 cannot move objects from DEEP_ARCHIVE (transitions[0]) to GLACIER; each transition must go to a colder class',
        );
        // One Zone-IA cannot go to Glacier Instant Retrieval although GLACIER_IR is colder.
        const oneZoneToInstant = [
            { days: 30, storageClass: "ONEZONE_IA" },
            { days: 90, storageClass: "GLACIER_IR" },
        ];
        expect(onlyProblem(archive({ transitions: oneZoneToInstant, expirationDays: 400 }))).toBe(
            'trailguard:retention.archive.transitions[1].storageClass: got "GLACIER_IR", expected one of GLACIER, DEEP_ARCHIVE: S3 cannot move objects from ONEZONE_IA (transitions[0]) to GLACIER_IR; each transition must go to a colder class',
        );
    });

    it("to Standard-IA or One Zone-IA need objects at least 30 days old", () => {
        expect(onlyProblem(archive({ transitions: [{ days: 7, storageClass: "STANDARD_IA" }], expirationDays: 400 }))).toBe(
            "trailguard:retention.archive.transitions[0].days: got 7, expected at least 30: S3 moves objects to STANDARD_IA only once they are 30 days old",
        );
        expect(() =>
            problemsOf(archive({ transitions: [{ days: 0, storageClass: "GLACIER_IR" }], expirationDays: 400 })),
        ).toThrow(/accepted/);
    });

    it("out of an infrequent-access class need 30 days there first", () => {
        const transitions = [
            { days: 30, storageClass: "STANDARD_IA" },
            { days: 45, storageClass: "GLACIER" },
        ];
        expect(onlyProblem(archive({ transitions, expirationDays: 400 }))).toBe(
            "trailguard:retention.archive.transitions[1].days: got 45, expected at least 60 (transitions[0].days + 30): S3 keeps objects 30 days in STANDARD_IA before the next transition",
        );
    });

    it("accept a full warm-to-cold chain", () => {
        const transitions = [
            { days: 30, storageClass: "STANDARD_IA" },
            { days: 60, storageClass: "INTELLIGENT_TIERING" },
            { days: 90, storageClass: "GLACIER_IR" },
            { days: 180, storageClass: "GLACIER" },
            { days: 365, storageClass: "DEEP_ARCHIVE" },
        ];
        const { settings } = accepted(archive({ transitions, expirationDays: 2557 }));
        expect(settings.retention.archive.transitions.map((t) => t.storageClass)).toEqual(transitions.map((t) => t.storageClass));
    });

    it("warn when objects leave a class before its minimum storage duration", () => {
        const transitions = [
            { days: 0, storageClass: "GLACIER_IR" },
            { days: 30, storageClass: "DEEP_ARCHIVE" },
        ];
        const { warnings } = accepted(archive({ transitions, expirationDays: 120 }));
        expect(warnings).toEqual([
            {
                key: "trailguard:retention.archive.transitions[0]",
                message: "objects stay 30 days in GLACIER_IR, less than its 90-day minimum storage duration; S3 bills the full 90 days",
            },
            {
                key: "trailguard:retention.archive.transitions[1]",
                message: "objects stay 90 days in DEEP_ARCHIVE, less than its 180-day minimum storage duration; S3 bills the full 180 days",
            },
        ]);
    });
});

describe("expiration", () => {
    it("must come after the last transition", () => {
        const transitions = [{ days: 90, storageClass: "GLACIER_IR" }];
        expect(onlyProblem(archive({ transitions, expirationDays: 90 }))).toBe(
            "trailguard:retention.archive.expirationDays: got 90, expected more than transitions[0].days (90): objects must not expire before their last transition",
        );
    });

    it("blames a default transition as the environment's default", () => {
        // prod's default transitions end at DEEP_ARCHIVE on day 365; its default lock is 365 days.
        const line = onlyProblem(configValues("prod", { retention: { archive: { expirationDays: 300 }, objectLock: false } }), "prod");
        expect(line).toBe(
            "trailguard:retention.archive.expirationDays: got 300, expected more than transitions[1].days (365, the prod default): objects must not expire before their last transition",
        );
    });

    it("must not come before the Object Lock retention ends", () => {
        const values = configValues("dev", {
            retention: { archive: { expirationDays: 365 }, objectLock: { mode: "COMPLIANCE", days: 2557 } },
        });
        expect(onlyProblem(values)).toBe(
            "trailguard:retention.archive.expirationDays: got 365, expected at least retention.objectLock.days (2557): objects cannot expire while Object Lock retains them",
        );
    });

    it("blames the lock days when the stack set only those and expiration is the default", () => {
        const values = configValues("dev", { retention: { objectLock: { mode: "GOVERNANCE", days: 120 } } });
        expect(onlyProblem(values)).toBe(
            "trailguard:retention.objectLock.days: got 120, expected at most retention.archive.expirationDays (90, the dev default): objects cannot expire while Object Lock retains them",
        );
    });

    it("blames a default value as coming from the defaults", () => {
        // prod's default lock (366 days) outlives an expiration the stack shortened to 200 days.
        const values = configValues("prod", {
            retention: { archive: { transitions: [{ days: 90, storageClass: "GLACIER_IR" }], expirationDays: 200 } },
        });
        expect(onlyProblem(values, "prod")).toBe(
            "trailguard:retention.archive.expirationDays: got 200, expected at least retention.objectLock.days (366, the prod default): objects cannot expire while Object Lock retains them",
        );
    });

    it("may equal the Object Lock retention", () => {
        const values = configValues("dev", {
            retention: { archive: { expirationDays: 400 }, objectLock: { mode: "COMPLIANCE", days: 400 } },
        });
        expect(accepted(values).settings.retention.objectLock).toEqual({ mode: "COMPLIANCE", days: 400 });
    });
});
