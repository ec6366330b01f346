// Resource options for the resources that hold or produce audit evidence (archive bucket, key, log
// group, trail). Components take them through their Args so that exactly those children get them.
import type * as pulumi from "@pulumi/pulumi";

export interface EvidenceProtection {
    /** Refuse to delete or replace the resource until `protect` is lifted. */
    protect: boolean;
    /** Leave the resource in AWS when it leaves the stack. */
    retainOnDelete: boolean;
}

/** What components assume when a caller passes nothing: evidence is kept. */
export const DEFAULT_EVIDENCE_PROTECTION: EvidenceProtection = { protect: true, retainOnDelete: true };

export function evidenceOptions(protection: EvidenceProtection | undefined): pulumi.CustomResourceOptions {
    const { protect, retainOnDelete } = protection ?? DEFAULT_EVIDENCE_PROTECTION;
    return { protect, retainOnDelete };
}

export type Tags = Record<string, string>;
