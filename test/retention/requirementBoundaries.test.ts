// The pass/fail edges of every retention requirement (core/retention/retentionCompliance.ts). Each
// expected number is written here from the published text, not read from the profiles:
//   PCI DSS v4.0.1 10.5.1: "at least 12 months" (up to 366 days), "most recent three months
//     immediately available" (up to 92 days: July-September);
//   HIPAA 164.316(b)(2)(i): "6 years" (6 × 365 + two 29 Februaries = 2192 days);
//   Security Hub CloudWatch.16: minRetentionTime 365 days by default;
//   FedRAMP Rev. 5 AU-11: "on-line for at least ninety days", total per M-21-31;
//   OMB M-21-31: 12 months active storage (366 days) + 18 months cold (30 months: up to 915 days);
//   SOC 2 CC7.2, ISO/IEC 27001 A.8.15, NIST SP 800-53 AU-11: the organization's number.
import { describe, expect, it } from "vitest";
import { RequirementId } from "../../core/retention/requirementProfiles";
import { unmetRequirements } from "../../core/retention/retentionCompliance";
import type { OrganizationPolicy, PlannedTransition, RetentionPlan } from "../../core/retention/retentionPlan";

/** A plan that keeps everything forever in STANDARD: every requirement's total and window pass. */
function plan(overrides: Partial<RetentionPlan> = {}): RetentionPlan {
    return { transitions: [], ...overrides };
}

const at = (days: number, storageClass: PlannedTransition["storageClass"]): PlannedTransition => ({ days, storageClass });

function unmet(p: RetentionPlan, id: RequirementId, policy?: OrganizationPolicy): string[] {
    return unmetRequirements(p, [id], policy).map((u) => `${u.field.join(".")}: ${u.message}`);
}

function passes(p: RetentionPlan, id: RequirementId, policy?: OrganizationPolicy): void {
    expect(unmet(p, id, policy)).toEqual([]);
}

describe("pci-dss (PCI DSS v4.0.1 10.5.1): 12 months kept, the latest 3 months immediately available", () => {
    it("needs log files kept 366 days: 365 fails, 366 passes", () => {
        expect(unmet(plan({ expirationDays: 365 }), "pci-dss")).toEqual([
            "expirationDays: log files expire after 365 days; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366",
        ]);
        passes(plan({ expirationDays: 366 }), "pci-dss");
    });

    it("fails DEEP_ARCHIVE at day 60 and passes GLACIER_IR at day 60", () => {
        expect(unmet(plan({ expirationDays: 400, transitions: [at(60, "DEEP_ARCHIVE")] }), "pci-dss")).toEqual([
            "transitions.0: DEEP_ARCHIVE at day 60 leaves 60 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92",
        ]);
        passes(plan({ expirationDays: 400, transitions: [at(60, "GLACIER_IR")] }), "pci-dss");
    });

    it("puts the edge of the window at day 92 for both classes that need a restore", () => {
        for (const storageClass of ["GLACIER", "DEEP_ARCHIVE"] as const) {
            expect(unmet(plan({ expirationDays: 400, transitions: [at(91, storageClass)] }), "pci-dss")).toHaveLength(1);
            passes(plan({ expirationDays: 400, transitions: [at(92, storageClass)] }), "pci-dss");
        }
    });

    it("counts every class readable without a restore as immediately available", () => {
        for (const storageClass of ["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR"] as const) {
            passes(plan({ expirationDays: 400, transitions: [at(30, storageClass)] }), "pci-dss");
        }
    });

    it("blames the first transition that needs a restore, after readable ones", () => {
        const transitions = [at(30, "STANDARD_IA"), at(60, "GLACIER_IR"), at(91, "DEEP_ARCHIVE")];
        expect(unmet(plan({ expirationDays: 400, transitions }), "pci-dss")).toEqual([
            "transitions.2: DEEP_ARCHIVE at day 91 leaves 91 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92",
        ]);
    });

    it("counts INTELLIGENT_TIERING's opt-in archive tier: at day 30 with archiving after 61 days leaves 91, after 62 leaves 92", () => {
        const transitions = [at(30, "INTELLIGENT_TIERING")];
        expect(unmet(plan({ expirationDays: 400, transitions, intelligentTieringArchiveAfterDays: 61 }), "pci-dss")).toEqual([
            "transitions.0: INTELLIGENT_TIERING at day 30 whose archive tier takes unread objects after 61 days leaves 91 days immediately available; pci-dss (PCI DSS v4.0.1 10.5.1) needs 92",
        ]);
        passes(plan({ expirationDays: 400, transitions, intelligentTieringArchiveAfterDays: 62 }), "pci-dss");
    });

    it("needs a deleted log file's noncurrent version kept 366 days, by noncurrent expiration or Object Lock", () => {
        expect(unmet(plan({ expirationDays: 400, noncurrentVersionExpirationDays: 365 }), "pci-dss")).toEqual([
            "noncurrentVersionExpirationDays: a log file deleted or overwritten on delivery is removed 365 days after it becomes noncurrent and no Object Lock keeps it; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366",
        ]);
        passes(plan({ expirationDays: 400, noncurrentVersionExpirationDays: 366 }), "pci-dss");
        // S3 removes no locked version: a 366-day lock keeps a version noncurrent after 90 days.
        expect(unmet(plan({ expirationDays: 400, noncurrentVersionExpirationDays: 90, objectLock: { mode: "GOVERNANCE", days: 365 } }), "pci-dss")).toEqual([
            "noncurrentVersionExpirationDays: a log file deleted or overwritten on delivery is removed 90 days after it becomes noncurrent and Object Lock keeps it only 365 days; pci-dss (PCI DSS v4.0.1 10.5.1) needs 366",
        ]);
        passes(plan({ expirationDays: 400, noncurrentVersionExpirationDays: 90, objectLock: { mode: "COMPLIANCE", days: 366 } }), "pci-dss");
    });

    it("does not judge the log group: the archive holds the history", () => {
        passes(plan({ expirationDays: 366, logGroupDays: 1 }), "pci-dss");
    });
});

describe("hipaa (45 CFR 164.316(b)(2)(i)): 6 years", () => {
    it("needs 2192 days: 2191 fails, 2192 passes", () => {
        expect(unmet(plan({ expirationDays: 2191 }), "hipaa")).toEqual([
            "expirationDays: log files expire after 2191 days; hipaa (HIPAA Security Rule 45 CFR 164.316(b)(2)(i)) needs 2192",
        ]);
        passes(plan({ expirationDays: 2192 }), "hipaa");
    });

    it("asks for no window of immediate availability", () => {
        passes(plan({ expirationDays: 2192, transitions: [at(1, "DEEP_ARCHIVE")] }), "hipaa");
    });
});

describe("security-hub (CloudWatch.16): log group retention of at least 365 days", () => {
    it("fails 364 and passes 365, and never-expire (0)", () => {
        expect(unmet(plan({ logGroupDays: 364 }), "security-hub")).toEqual([
            "logGroupDays: the log group keeps events 364 days; security-hub (AWS Security Hub CloudWatch.16) needs 365",
        ]);
        passes(plan({ logGroupDays: 365 }), "security-hub");
        passes(plan({ logGroupDays: 0 }), "security-hub");
    });

    it("does not judge the archive", () => {
        passes(plan({ expirationDays: 1, transitions: [], logGroupDays: 400 }), "security-hub");
    });
});

describe("fedramp (FedRAMP Rev. 5 AU-11): 90 days on-line, M-21-31's 30 months in all", () => {
    it("puts the on-line edge at day 90", () => {
        expect(unmet(plan({ expirationDays: 915, transitions: [at(89, "GLACIER")] }), "fedramp")).toEqual([
            "transitions.0: GLACIER at day 89 leaves 89 days immediately available; fedramp (FedRAMP Rev. 5 AU-11) needs 90",
        ]);
        passes(plan({ expirationDays: 915, transitions: [at(90, "GLACIER")] }), "fedramp");
    });

    it("needs 915 days in all", () => {
        expect(unmet(plan({ expirationDays: 914 }), "fedramp")).toHaveLength(1);
        passes(plan({ expirationDays: 915 }), "fedramp");
    });
});

describe("m-21-31 (OMB M-21-31): 12 months active, 18 more cold", () => {
    it("fails DEEP_ARCHIVE at day 365 and passes it at day 366", () => {
        expect(unmet(plan({ expirationDays: 915, transitions: [at(365, "DEEP_ARCHIVE")] }), "m-21-31")).toEqual([
            "transitions.0: DEEP_ARCHIVE at day 365 leaves 365 days immediately available; m-21-31 (OMB M-21-31 Appendix C) needs 366",
        ]);
        passes(plan({ expirationDays: 915, transitions: [at(366, "DEEP_ARCHIVE")] }), "m-21-31");
    });

    it("needs 915 days in all: 914 fails", () => {
        expect(unmet(plan({ expirationDays: 914, transitions: [at(366, "DEEP_ARCHIVE")] }), "m-21-31")).toEqual([
            "expirationDays: log files expire after 914 days; m-21-31 (OMB M-21-31 Appendix C) needs 915",
        ]);
    });
});

describe("soc2, iso27001, nist-800-53: the organization states the period", () => {
    const ids = ["soc2", "iso27001", "nist-800-53"] as const;

    it("are unmet without a stated number, on the organization policy", () => {
        for (const id of ids) {
            const found = unmetRequirements(plan({ expirationDays: 3653 }), [id]);
            expect(found.map((u) => [u.requirement, u.field])).toEqual([[id, ["organizationPolicy"]]]);
        }
    });

    it("take the stated retention as their minimum: 399 fails against 400, 400 passes", () => {
        for (const id of ids) {
            expect(unmet(plan({ expirationDays: 399 }), id, { retentionDays: 400 })).toHaveLength(1);
            passes(plan({ expirationDays: 400 }), id, { retentionDays: 400 });
        }
        expect(unmet(plan({ expirationDays: 399 }), "nist-800-53", { retentionDays: 400 })).toEqual([
            "expirationDays: log files expire after 399 days; nist-800-53 (NIST SP 800-53 Rev. 5 AU-11) needs 400",
        ]);
    });

    it("take the stated window of immediate availability: GLACIER at day 29 fails a 30-day window, day 30 passes", () => {
        const policy = { retentionDays: 400, immediatelyAvailableDays: 30 };
        expect(unmet(plan({ expirationDays: 400, transitions: [at(29, "GLACIER")] }), "soc2", policy)).toHaveLength(1);
        passes(plan({ expirationDays: 400, transitions: [at(30, "GLACIER")] }), "soc2", policy);
        // A window longer than the stated total is met only by keeping files that long.
        expect(unmet(plan({ expirationDays: 400 }), "soc2", { retentionDays: 300, immediatelyAvailableDays: 401 })).toEqual([
            "expirationDays: log files expire after 400 days, before the 401 days they must stay immediately available; soc2 (SOC 2 (AICPA Trust Services Criteria) CC7.2) needs 401",
        ]);
        // Without a window, any transition passes.
        passes(plan({ expirationDays: 400, transitions: [at(0, "DEEP_ARCHIVE")] }), "soc2", { retentionDays: 400 });
    });
});

describe("several requirements at once", () => {
    it("report each unmet requirement once, in the order named, and a requirement named twice once", () => {
        const p = plan({ expirationDays: 365, transitions: [at(30, "DEEP_ARCHIVE")], logGroupDays: 30, noncurrentVersionExpirationDays: 7 });
        const found = unmetRequirements(p, ["security-hub", "pci-dss", "pci-dss", "hipaa"]);
        expect(found.map((u) => `${u.requirement} ${u.field.join(".")} ${u.needed}`)).toEqual([
            "security-hub logGroupDays 365",
            "pci-dss expirationDays 366",
            "pci-dss noncurrentVersionExpirationDays 366",
            "pci-dss transitions.0 92",
            "hipaa expirationDays 2192",
            "hipaa noncurrentVersionExpirationDays 2192",
        ]);
    });

    it("meet none of them by keeping nothing forever: no expiration and no noncurrent expiration pass every total", () => {
        expect(unmetRequirements(plan({ logGroupDays: 0 }), ["pci-dss", "hipaa", "security-hub", "fedramp", "m-21-31"])).toEqual([]);
    });
});
