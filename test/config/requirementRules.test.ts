// `trailguard:retention.requirements` in stack config: one line per unmet requirement, naming the
// key, its value and the clause; the environment's defaults blamed as such; the organization's
// number for the requirements that leave it open; the object-size warnings.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { accepted, configValues, onlyProblem, problemsOf } from "./configValues";

const retention = (environment: string, value: Record<string, unknown>) => configValues(environment, { retention: value });

describe("retention.requirements", () => {
    it("reports the issue's example: DEEP_ARCHIVE at day 30 under pci-dss, on the transition's key", () => {
        const values = retention("dev", {
            requirements: ["pci-dss"],
            archive: { transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }], expirationDays: 400, noncurrentVersionExpirationDays: 400 },
        });
        expect(onlyProblem(values)).toBe(
            "trailguard:retention.archive.transitions[0]: DEEP_ARCHIVE at day 30 leaves 30 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92",
        );
    });

    it("gives docs/retention.md's example: the dev defaults and a DEEP_ARCHIVE transition under pci-dss", () => {
        const values = retention("dev", { requirements: ["pci-dss"], archive: { transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }] } });
        const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "retention.md"), "utf8");
        for (const line of problemsOf(values, "dev")) expect(docs).toContain(`  ${line}\n`);
        expect(problemsOf(values, "dev")).toHaveLength(3);
    });

    it("blames values the stack did not set as the environment's defaults", () => {
        // dev keeps log files 90 days and noncurrent versions 7, without Object Lock.
        expect(problemsOf(retention("dev", { requirements: ["pci-dss"] }))).toEqual([
            "trailguard:retention.archive.expirationDays: log files expire after 90 days; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366 (from the dev defaults)",
            "trailguard:retention.archive.noncurrentVersionExpirationDays: a log file deleted or overwritten on delivery is removed 7 days after it becomes noncurrent and no Object Lock keeps it; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366 (from the dev defaults)",
        ]);
    });

    it("judges the log group for security-hub: 180 fails, 365 passes", () => {
        expect(onlyProblem(retention("dev", { requirements: ["security-hub"], logGroupDays: 180 }))).toBe(
            "trailguard:retention.logGroupDays: the log group keeps events 180 days; security-hub (AWS Security Hub CloudWatch.16) needs 365",
        );
        expect(accepted(retention("dev", { requirements: ["security-hub"], logGroupDays: 365 })).settings.retention.requirements).toEqual(["security-hub"]);
    });

    it("accepts prod's defaults under pci-dss and security-hub, and names a lock one day short of 12 months", () => {
        // prod keeps log files 2557 days, moves them to DEEP_ARCHIVE at 365, drops noncurrent versions
        // after 90 days and locks every version 366 days (GOVERNANCE); its log group keeps 365 days.
        expect(accepted(retention("prod", { requirements: ["pci-dss", "security-hub"] }), "prod").settings.retention.requirements).toEqual(["pci-dss", "security-hub"]);
        expect(onlyProblem(retention("prod", { requirements: ["pci-dss"], objectLock: { mode: "GOVERNANCE", days: 365 } }), "prod")).toBe(
            "trailguard:retention.archive.noncurrentVersionExpirationDays: a log file deleted or overwritten on delivery is removed 90 days after it becomes noncurrent and Object Lock keeps it only 365 days; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366 (from the prod defaults)",
        );
    });

    it("names every requirement the defaults miss: hipaa's 6 years need more than prod's 366-day lock", () => {
        expect(onlyProblem(retention("prod", { requirements: ["hipaa"] }), "prod")).toBe(
            "trailguard:retention.archive.noncurrentVersionExpirationDays: a log file deleted or overwritten on delivery is removed 90 days after it becomes noncurrent and Object Lock keeps it only 366 days; hipaa (HIPAA Security Rule 45 CFR 164.316(b)(2)(i)) needs 2192 (from the prod defaults)",
        );
    });

    it("refuses an unknown id, listing the valid ones", () => {
        expect(onlyProblem(retention("dev", { requirements: ["pci"] }))).toBe(
            'trailguard:retention.requirements[0]: got "pci", expected one of pci-dss, hipaa, security-hub, fedramp, m-21-31, soc2, iso27001, nist-800-53',
        );
    });

    it("defaults to none: today's behaviour, nothing judged", () => {
        expect(accepted(configValues("dev")).settings.retention.requirements).toEqual([]);
    });
});

describe("retention.organizationPolicy", () => {
    it("is required by soc2, iso27001 and nist-800-53, on the requirement's own entry", () => {
        expect(onlyProblem(retention("prod", { requirements: ["pci-dss", "soc2"], objectLock: { mode: "COMPLIANCE", days: 2557 } }), "prod")).toBe(
            "trailguard:retention.requirements[1]: soc2 (SOC 2 (AICPA Trust Services Criteria) CC7.2) leaves the retention period to the organization; state yours in trailguard:retention.organizationPolicy.retentionDays",
        );
    });

    it("is the minimum of those requirements", () => {
        const base = { requirements: ["iso27001"], archive: { expirationDays: 700, noncurrentVersionExpirationDays: 731 } };
        expect(onlyProblem(retention("dev", { ...base, organizationPolicy: { retentionDays: 731 } }))).toBe(
            "trailguard:retention.archive.expirationDays: log files expire after 700 days; iso27001 (ISO/IEC 27001:2022 Annex A 8.15) needs 731",
        );
        expect(accepted(retention("dev", { ...base, organizationPolicy: { retentionDays: 700 } })).warnings).toEqual([]);
    });

    it("cannot keep files available longer than it keeps them", () => {
        const values = retention("dev", {
            requirements: ["nist-800-53"],
            archive: { expirationDays: 400, noncurrentVersionExpirationDays: 400 },
            organizationPolicy: { retentionDays: 400, immediatelyAvailableDays: 401 },
        });
        expect(onlyProblem(values)).toBe(
            "trailguard:retention.organizationPolicy.immediatelyAvailableDays: got 401, expected at most retention.organizationPolicy.retentionDays (400): a log file cannot stay available longer than it is kept",
        );
    });

    it("warns when no listed requirement uses it", () => {
        const { warnings } = accepted(retention("dev", { organizationPolicy: { retentionDays: 30 } }));
        expect(warnings).toEqual([
            {
                key: "trailguard:retention.organizationPolicy",
                message:
                    "no requirement in retention.requirements uses it; it is the number of soc2 (SOC 2 (AICPA Trust Services Criteria) CC7.2), iso27001 (ISO/IEC 27001:2022 Annex A 8.15), nist-800-53 (NIST SP 800-53 Rev. 5 AU-11), which leave the period to the organization",
            },
        ]);
    });
});

describe("S3's object-size rules in config", () => {
    it("sets all_storage_classes_128K in every environment unless the stack says otherwise", () => {
        for (const environment of ["dev", "staging", "prod"]) {
            expect(accepted(configValues(environment), environment).settings.retention.archive.transitionDefaultMinimumObjectSize).toBe("all_storage_classes_128K");
        }
        const varies = retention("staging", { archive: { transitionDefaultMinimumObjectSize: "varies_by_storage_class" } });
        expect(accepted(varies, "staging").settings.retention.archive.transitionDefaultMinimumObjectSize).toBe("varies_by_storage_class");
    });

    it("warns on a transition the typical log file cannot take", () => {
        const { warnings } = accepted(retention("staging", { archive: { typicalObjectBytes: 50_000 } }), "staging");
        expect(warnings.map((w) => w.key)).toEqual(["trailguard:retention.archive.transitions[0]", "trailguard:retention.archive.transitions[1]"]);
        expect(warnings[0]!.message).toBe(
            "STANDARD_IA at day 30 does not apply to the trail's typical 50000-byte log files under transitionDefaultMinimumObjectSize all_storage_classes_128K, which moves no object under 128 KB (131072 bytes) to STANDARD_IA; they stay in STANDARD",
        );
    });

    it("warns on a transition that costs more than it saves", () => {
        const values = retention("dev", {
            archive: {
                transitions: [{ days: 180, storageClass: "DEEP_ARCHIVE" }],
                expirationDays: 400,
                transitionDefaultMinimumObjectSize: "varies_by_storage_class",
                typicalObjectBytes: 4096,
            },
        });
        expect(accepted(values).warnings).toEqual([
            {
                key: "trailguard:retention.archive.transitions[0]",
                message:
                    "DEEP_ARCHIVE at day 180 costs more than it saves for the trail's typical 4096-byte log files: S3 bills each archived object 40 KB of metadata, 8 KB of it at the STANDARD rate, more than the file itself cost in STANDARD, and charges a transition request per object",
            },
        ]);
    });

    it("refuses a size rule S3 does not know, and a size that is not a whole number of bytes", () => {
        expect(problemsOf(retention("dev", { archive: { transitionDefaultMinimumObjectSize: "128K", typicalObjectBytes: 1.5 } }))).toEqual([
            'trailguard:retention.archive.transitionDefaultMinimumObjectSize: got "128K", expected one of all_storage_classes_128K, varies_by_storage_class',
            "trailguard:retention.archive.typicalObjectBytes: got 1.5, expected a whole number of bytes, at least 1",
        ]);
    });
});
