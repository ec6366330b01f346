// An organization-wide pack also runs on stacks that own no trail, so "a trail must exist" is
// opt-in: this policy is disabled until its enforcement level is set in the policy config.
import { TRAIL_LOGGING_REFERENCES } from "../frameworks";
import { stackPolicy } from "../policyDefinition";
import { TrailNode, TYPES } from "../stackGraph";
import { bool, UNKNOWN } from "../values";

export interface TrailRequiredSettings {
    requireMultiRegion: boolean;
}

export const trailRequired = stackPolicy<TrailRequiredSettings>(
    {
        name: "cloudtrail-required",
        displayName: "Stack has a CloudTrail trail",
        description: "The stack must define a logging CloudTrail trail (opt-in: disabled unless its enforcement level is set).",
        severity: "high",
        enforcementLevel: "disabled",
        remediationSteps:
            'Add an aws.cloudtrail.Trail with isMultiRegionTrail: true (or deploy trailguard\'s stack). Enable this policy for the audit account\'s stacks with --policy-pack-config: { "cloudtrail-required": "mandatory" }.',
        references: TRAIL_LOGGING_REFERENCES,
        settings: {
            requireMultiRegion: {
                type: "boolean",
                description: "Require at least one multi-region trail, not merely any trail.",
                default: true,
            },
        },
    },
    undefined,
    ({ graph, stackUrn }, settings, report) => {
        const trails = graph.ofType(TYPES.trail).filter((t) => bool(t.props.enableLogging) !== false);
        if (trails.length === 0) {
            report({ urn: stackUrn, message: "The stack has no logging CloudTrail trail; add an aws.cloudtrail.Trail with isMultiRegionTrail: true." });
            return;
        }
        if (!settings.requireMultiRegion) return;
        if (trails.some(mayBeMultiRegion)) return;
        report({
            urn: trails[0].urn,
            message: `The stack's trails (${trails.map((t) => `"${t.name}"`).join(", ")}) are all single-region; make one multi-region (isMultiRegionTrail: true).`,
        });
    },
);

/** Multi-region, or computed and so perhaps multi-region. */
function mayBeMultiRegion(trail: TrailNode): boolean {
    const multiRegion = bool(trail.props.isMultiRegionTrail);
    return multiRegion === true || multiRegion === UNKNOWN;
}
