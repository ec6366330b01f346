// The retention requirement catalogue (core/retention/requirementProfiles.ts) against two
// independent sources: a calendar, for turning the texts' months and years into days, and
// docs/retention.md's profiles table, which must show exactly the catalogue's numbers and sources.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { citation, REQUIREMENT_IDS, REQUIREMENT_PROFILES } from "../../core/retention/requirementProfiles";

/** The most days `months` consecutive calendar months span, over a whole 400-year Gregorian cycle. */
function longestSpan(months: number): number {
    let longest = 0;
    for (let year = 2000; year < 2400; year++) {
        for (let month = 0; month < 12; month++) {
            const days = (Date.UTC(year, month + months, 1) - Date.UTC(year, month, 1)) / 86_400_000;
            longest = Math.max(longest, days);
        }
    }
    return longest;
}

describe("the catalogue's days, from the texts' periods and a calendar", () => {
    it("the calendar itself: 1 month is at most 31 days, 2 years at most 731", () => {
        expect(longestSpan(1)).toBe(31);
        expect(longestSpan(24)).toBe(731);
    });

    it("pci-dss: 12 months kept, the most recent 3 months immediately available", () => {
        expect(REQUIREMENT_PROFILES["pci-dss"].minimumRetentionDays).toBe(longestSpan(12));
        expect(REQUIREMENT_PROFILES["pci-dss"].minimumImmediatelyAvailableDays).toBe(longestSpan(3));
    });

    it("hipaa: 6 years", () => {
        expect(REQUIREMENT_PROFILES.hipaa.minimumRetentionDays).toBe(longestSpan(72));
    });

    it("m-21-31: 12 months active and 18 more months cold", () => {
        expect(REQUIREMENT_PROFILES["m-21-31"].minimumImmediatelyAvailableDays).toBe(longestSpan(12));
        expect(REQUIREMENT_PROFILES["m-21-31"].minimumRetentionDays).toBe(longestSpan(12 + 18));
    });

    it("fedramp: ninety days on-line (written in days), M-21-31's total", () => {
        expect(REQUIREMENT_PROFILES.fedramp.minimumImmediatelyAvailableDays).toBe(90);
        expect(REQUIREMENT_PROFILES.fedramp.minimumRetentionDays).toBe(longestSpan(30));
    });

    it("security-hub: CloudWatch.16's default minRetentionTime, 365 days, on the log group only", () => {
        const profile = REQUIREMENT_PROFILES["security-hub"];
        expect([profile.minimumLogGroupDays, profile.minimumRetentionDays, profile.minimumImmediatelyAvailableDays]).toEqual([365, undefined, undefined]);
    });

    it("soc2, iso27001, nist-800-53: no number of their own, the organization's", () => {
        for (const id of ["soc2", "iso27001", "nist-800-53"] as const) {
            const profile = REQUIREMENT_PROFILES[id];
            expect([profile.organizationDefined, profile.minimumRetentionDays, profile.minimumImmediatelyAvailableDays], id).toEqual([true, undefined, undefined]);
        }
    });

    it("every entry is keyed by its own id and has an https source and an interpretation", () => {
        for (const id of REQUIREMENT_IDS) {
            const profile = REQUIREMENT_PROFILES[id];
            expect(profile.id).toBe(id);
            expect(profile.sourceUrl).toMatch(/^https:\/\//);
            expect(profile.interpretation.length).toBeGreaterThan(80);
        }
    });
});

describe("docs/retention.md's profiles table", () => {
    const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "retention.md"), "utf8");
    const rows = new Map(
        docs
            .split("\n")
            .filter((line) => /^\| `[a-z0-9-]+` \| /.test(line))
            .map((line) => line.slice(1, -1).split(" | ").map((cell) => cell.trim()))
            .filter((cells) => cells.length === 6)
            .map((cells) => [cells[0]!.replace(/`/g, ""), cells.slice(1)] as const),
    );

    it("has one row per requirement, in the catalogue's order", () => {
        expect([...rows.keys()].filter((id) => (REQUIREMENT_IDS as readonly string[]).includes(id))).toEqual([...REQUIREMENT_IDS]);
    });

    it("shows each requirement's clause, numbers and source as the catalogue has them", () => {
        const mismatches: string[] = [];
        for (const id of REQUIREMENT_IDS) {
            const profile = REQUIREMENT_PROFILES[id];
            const shown = (days: number | undefined) => (profile.organizationDefined ? "yours" : days === undefined ? "—" : String(days));
            const expected = [
                citation(profile),
                shown(profile.minimumRetentionDays),
                shown(profile.minimumImmediatelyAvailableDays),
                profile.minimumLogGroupDays === undefined ? "—" : String(profile.minimumLogGroupDays),
            ];
            const cells = rows.get(id)!;
            if (JSON.stringify(cells.slice(0, 4)) !== JSON.stringify(expected)) mismatches.push(`${id}: docs ${JSON.stringify(cells.slice(0, 4))}, catalogue ${JSON.stringify(expected)}`);
            if (!cells[4]!.includes(`(${profile.sourceUrl})`)) mismatches.push(`${id}: source ${cells[4]} is not ${profile.sourceUrl}`);
        }
        expect(mismatches).toEqual([]);
    });
});
