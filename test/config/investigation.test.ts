// The `investigation` section: its defaults per environment (docs/configuration.md states the same
// values; defaultsDocs.test.ts ties the two) and one line per mistake, naming key, value and what
// Athena accepts.
import { describe, expect, it } from "vitest";
import { accepted, configValues, onlyProblem, problemsOf } from "./configValues";

describe("investigation config", () => {
    it("is on in prod and staging, off in dev, with the documented cutoffs and expirations", () => {
        // docs/configuration.md: 10 GB / 10 GB / 100 GB, 7 / 7 / 30 days.
        expect(accepted(configValues("dev")).settings.investigation).toEqual({
            enabled: false,
            bytesScannedCutoffPerQuery: 10 * 1000 ** 3,
            resultExpirationDays: 7,
        });
        expect(accepted(configValues("staging"), "staging").settings.investigation).toEqual({
            enabled: true,
            bytesScannedCutoffPerQuery: 10 * 1000 ** 3,
            resultExpirationDays: 7,
        });
        expect(accepted(configValues("prod"), "prod").settings.investigation).toEqual({
            enabled: true,
            bytesScannedCutoffPerQuery: 100 * 1000 ** 3,
            resultExpirationDays: 30,
        });
    });

    it("merges key by key: setting one key keeps the environment's others", () => {
        const { settings } = accepted(configValues("dev", { investigation: { enabled: "true" } }));
        expect(settings.investigation).toEqual({ enabled: true, bytesScannedCutoffPerQuery: 10 * 1000 ** 3, resultExpirationDays: 7 });
    });

    it("accepts Athena's minimum cutoff exactly (10 MB = 10 × 1024 × 1024 bytes) and refuses one byte less", () => {
        const minimum = 10 * 1024 * 1024;
        expect(accepted(configValues("dev", { investigation: { bytesScannedCutoffPerQuery: minimum } })).settings.investigation.bytesScannedCutoffPerQuery).toBe(minimum);
        expect(onlyProblem(configValues("dev", { investigation: { bytesScannedCutoffPerQuery: minimum - 1 } }))).toBe(
            `trailguard:investigation.bytesScannedCutoffPerQuery: got ${minimum - 1}, expected a whole number of bytes, at least ${minimum} (Athena's minimum, 10 MB)`,
        );
    });

    it("reports each mistake on its own line", () => {
        const problems = problemsOf(
            configValues("dev", { investigation: { enabled: "yes", bytesScannedCutoffPerQuery: 2.5e7 + 0.5, resultExpirationDays: 0, workgroup: "x" } }),
        );
        expect(problems.sort()).toEqual(
            [
                // The form docs/configuration.md shows for a misspelt key.
                `trailguard:investigation.workgroup: unknown key; valid keys: enabled, bytesScannedCutoffPerQuery, resultExpirationDays`,
                `trailguard:investigation.enabled: got "yes", expected true or false`,
                `trailguard:investigation.bytesScannedCutoffPerQuery: got 25000000.5, expected a whole number of bytes, at least 10485760 (Athena's minimum, 10 MB)`,
                `trailguard:investigation.resultExpirationDays: got 0, expected a whole number of days, at least 1`,
            ].sort(),
        );
        for (const line of problems) expect(line.includes("\n")).toBe(false);
    });

    it("refuses a section that is not a mapping", () => {
        expect(onlyProblem(configValues("dev", { investigation: "[1]" }))).toMatch(/^trailguard:investigation: got \[1\], expected a mapping with keys enabled, bytesScannedCutoffPerQuery, resultExpirationDays$/);
    });
});
