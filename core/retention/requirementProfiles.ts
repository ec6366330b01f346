// Retention requirements as data: what each regulation or control asks of an audit trail's
// retention, in days, with its clause, its source and how trailguard reads it. One catalogue:
// stack config validation (config/rules/requirementRules.ts), the policy pack's retention policy,
// `trailguard cost --suggest` and docs/retention.md all read these entries.
//
// Periods written in months or years become the most days that many consecutive calendar months
// can span, so a plan that meets the number meets the text whatever day a log file is written:
// 3 months → 92 days (July–September), 12 months → 366 (any year holding 29 February),
// 30 months → 915 (July of year 1 to December of year 3, across a 29 February), 6 years → 2192
// (6 × 365 + two 29 Februaries). test/retention/requirementProfiles.test.ts recomputes each
// from a calendar.

/** Every requirement id, in the order docs and messages list them. */
export const REQUIREMENT_IDS = ["pci-dss", "hipaa", "security-hub", "fedramp", "m-21-31", "soc2", "iso27001", "nist-800-53"] as const;
export type RequirementId = (typeof REQUIREMENT_IDS)[number];

export interface RequirementProfile {
    id: RequirementId;
    /** The standard, as messages name it: "PCI DSS v4.0.1". */
    name: string;
    /** The clause within it: "10.5.1". */
    clause: string;
    /** Where the text is published. */
    sourceUrl: string;
    /** Shortest life of every log file (current version) in the archive, in days; unset: no minimum. */
    minimumRetentionDays?: number;
    /** Days from delivery during which a log file must be readable without a restore; unset: none. */
    minimumImmediatelyAvailableDays?: number;
    /** Shortest CloudWatch Logs retention of the trail's log group, in days; unset: none. */
    minimumLogGroupDays?: number;
    /**
     * The text leaves the period to the organization ("organization-defined"): the stack must state
     * its number (stack config `retention.organizationPolicy`, pack setting
     * `organizationRetentionDays`), which then counts as this requirement's minimum retention.
     */
    organizationDefined: boolean;
    /** What the text says and how trailguard turns it into the numbers above. */
    interpretation: string;
}

/** "PCI DSS v4.0.1 10.5.1": how messages cite a requirement. */
export function citation(profile: RequirementProfile): string {
    return `${profile.name} ${profile.clause}`;
}

export const REQUIREMENT_PROFILES: Readonly<Record<RequirementId, RequirementProfile>> = {
    "pci-dss": {
        id: "pci-dss",
        name: "PCI DSS v4.0.1",
        clause: "10.5.1",
        sourceUrl: "https://www.pcisecuritystandards.org/document_library/",
        minimumRetentionDays: 366,
        minimumImmediatelyAvailableDays: 92,
        organizationDefined: false,
        interpretation:
            "\"Retain audit log history for at least 12 months, with at least the most recent three months immediately available for analysis.\" " +
            "12 months is up to 366 days and 3 months up to 92, so those are the minimums. Immediately available means readable without a restore: " +
            "a log file may move to STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING or GLACIER_IR at any time, to GLACIER or DEEP_ARCHIVE only after day 92. " +
            "The archive holds the history; the log group's retention is not judged.",
    },
    hipaa: {
        id: "hipaa",
        name: "HIPAA Security Rule",
        clause: "45 CFR 164.316(b)(2)(i)",
        sourceUrl: "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C/section-164.316",
        minimumRetentionDays: 2192,
        organizationDefined: false,
        interpretation:
            "The clause requires the documentation of 164.316(b)(1) to be retained for 6 years from its creation or the date it was last in effect. " +
            "It governs documentation, and the Security Rule sets no retention for audit logs themselves (164.312(b) requires audit controls, not a period). " +
            "164.316(b)(1)(ii) makes a written record of every action, activity or assessment the Security Rule requires to be documented part of that documentation; " +
            "trailguard reads the trail as the record of the information system activity review (164.308(a)(1)(ii)(D)) and keeps it 6 years: 2192 days. " +
            "No window of immediate availability is required.",
    },
    "security-hub": {
        id: "security-hub",
        name: "AWS Security Hub",
        clause: "CloudWatch.16",
        sourceUrl: "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16",
        minimumLogGroupDays: 365,
        organizationDefined: false,
        interpretation:
            "\"CloudWatch log groups should be retained for a specified time period\": the control fails a log group retained for fewer days than its " +
            "minRetentionTime parameter, 365 by default. trailguard checks the trail's log group against the default; 0 (never expire) passes. The archive is not judged.",
    },
    fedramp: {
        id: "fedramp",
        name: "FedRAMP Rev. 5",
        clause: "AU-11",
        sourceUrl: "https://www.fedramp.gov/",
        minimumRetentionDays: 915,
        minimumImmediatelyAvailableDays: 90,
        organizationDefined: false,
        interpretation:
            "The Rev. 5 baselines set AU-11's period to \"a time period in compliance with M-21-31\" and add: \"The service provider retains audit records on-line " +
            "for at least ninety days and further preserves audit records off-line for a period that is in accordance with NARA requirements.\" " +
            "trailguard reads on-line as immediately available (90 days) and takes M-21-31's 30 months (915 days) as the total. " +
            "FedRAMP also lets a provider meet M-21-31 by letting agencies export their logs instead; a stack that does so can name nist-800-53 with its own number instead.",
    },
    "m-21-31": {
        id: "m-21-31",
        name: "OMB M-21-31",
        clause: "Appendix C",
        sourceUrl:
            "https://www.whitehouse.gov/wp-content/uploads/2021/08/M-21-31-Improving-the-Federal-Governments-Investigative-and-Remediation-Capabilities-Related-to-Cybersecurity-Incidents.pdf",
        minimumRetentionDays: 915,
        minimumImmediatelyAvailableDays: 366,
        organizationDefined: false,
        interpretation:
            "The memorandum (27 August 2021) has agencies retain the logs it lists for 12 months in active storage and 18 more months in cold data storage. " +
            "trailguard reads active storage as immediately available: 12 months (366 days) readable without a restore, 30 months (915 days) in all. " +
            "Whether the memorandum is still in force could not be verified when this was written; see docs/retention.md.",
    },
    soc2: {
        id: "soc2",
        name: "SOC 2 (AICPA Trust Services Criteria)",
        clause: "CC7.2",
        sourceUrl: "https://www.aicpa-cima.com/",
        organizationDefined: true,
        interpretation:
            "CC7.2 requires monitoring system components for anomalies and evaluating them; it sets no retention period. " +
            "The auditor tests the period the organization's own policy states, so the stack must state it.",
    },
    iso27001: {
        id: "iso27001",
        name: "ISO/IEC 27001:2022",
        clause: "Annex A 8.15",
        sourceUrl: "https://www.iso.org/standard/27001",
        organizationDefined: true,
        interpretation:
            "Control 8.15 (Logging) requires logs that record activities to be produced, stored, protected and analysed; it sets no retention period. " +
            "The organization's information security policy does, so the stack must state it.",
    },
    "nist-800-53": {
        id: "nist-800-53",
        name: "NIST SP 800-53 Rev. 5",
        clause: "AU-11",
        sourceUrl: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
        organizationDefined: true,
        interpretation:
            "\"Retain audit records for [Assignment: organization-defined time period]\": the period is an organization-defined parameter, so the stack must state it.",
    },
};

/** The requirements that leave the period to the organization (retention.organizationPolicy states it). */
export const ORGANIZATION_DEFINED_REQUIREMENTS: readonly RequirementId[] = REQUIREMENT_IDS.filter((id) => REQUIREMENT_PROFILES[id].organizationDefined);
