// Compliance references as data. PolicyInfo carries one `framework`; the pack puts the primary one
// there and every reference in the policy's tags as `framework:<text>`, which the harness (and
// `trailguard check` reports) read back as PolicyDescriptor.frameworks.
import type { PolicyComplianceFramework } from "@pulumi/policy";

export type FrameworkName =
    | "CIS AWS Foundations"
    | "AWS Security Hub"
    | "PCI DSS"
    | "HIPAA"
    | "SOC 2"
    | "NIST SP 800-53";

export interface FrameworkReference {
    framework: FrameworkName;
    version: string;
    /** Recommendation, control or requirement id, e.g. "3.1", "CloudTrail.1", "10.2.1", "AU-9". */
    id: string;
}

export const cisV14 = (id: string): FrameworkReference => ({ framework: "CIS AWS Foundations", version: "v1.4.0", id });
export const cisV30 = (id: string): FrameworkReference => ({ framework: "CIS AWS Foundations", version: "v3.0.0", id });
export const securityHub = (id: string): FrameworkReference => ({ framework: "AWS Security Hub", version: "", id });
export const pciDss = (id: string): FrameworkReference => ({ framework: "PCI DSS", version: "v4.0", id });
export const nist = (id: string): FrameworkReference => ({ framework: "NIST SP 800-53", version: "Rev. 5", id });
export const HIPAA_AUDIT_CONTROLS: FrameworkReference = { framework: "HIPAA", version: "", id: "164.312(b)" };
export const SOC2_MONITORING: FrameworkReference = { framework: "SOC 2", version: "2017 TSC", id: "CC7.2" };

/** CIS 3.1 / CloudTrail.1: a trail that is logging and records all management events. */
export const TRAIL_LOGGING_REFERENCES: readonly FrameworkReference[] = [
    cisV14("3.1"),
    cisV30("3.1"),
    securityHub("CloudTrail.1"),
    pciDss("10.2.1"),
    HIPAA_AUDIT_CONTROLS,
    nist("AU-2"),
    nist("AU-12"),
];

/** Policy tags that carry a framework reference: `framework:<text>`; the CLI reads them back. */
export const FRAMEWORK_TAG_PREFIX = "framework:";

function referenceText(reference: FrameworkReference): string {
    return [reference.framework, reference.version, reference.id].filter(Boolean).join(" ");
}

/** The PolicyInfo fields that carry references: `framework` (the first) and `tags` (all). */
export function frameworkFields(references: readonly FrameworkReference[]): {
    framework?: PolicyComplianceFramework;
    tags: string[];
} {
    const primary = references[0];
    return {
        ...(primary
            ? {
                  framework: {
                      name: primary.framework,
                      version: primary.version,
                      reference: primary.id,
                      specification: references.map(referenceText).join("; "),
                  },
              }
            : {}),
        tags: ["cloudtrail", "audit-logging", ...references.map((r) => FRAMEWORK_TAG_PREFIX + referenceText(r))],
    };
}
