// Production audit resources must survive a careless `pulumi destroy` or a refactor that would
// replace them: the trail, its bucket and its key need `protect`.
import { nist, pciDss } from "../frameworks";
import { stackPolicy } from "../policyDefinition";
import { Node, TYPES } from "../stackGraph";
import { tagsOf } from "../values";

export interface ProductionProtectionConfig {
    production: boolean;
    productionTagKeys: string[];
    productionTagValues: string[];
}

export const auditResourcesProtected = stackPolicy<ProductionProtectionConfig>(
    {
        name: "cloudtrail-production-protection",
        displayName: "Production audit resources are protected",
        description: "In production stacks the trail, its bucket and its KMS key must have the `protect` resource option.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            "Pass `{ protect: true }` as resource option to the trail, its bucket and its KMS key (and consider retainOnDelete: true). A stack counts as production when this policy's `production` setting is true, or when a stack tag or the trail's AWS tags carry one of `productionTagKeys` with one of `productionTagValues`.",
        references: [pciDss("10.3.2"), nist("AU-9"), nist("CM-5")],
        settings: {
            production: {
                type: "boolean",
                description: "Treat every stack this config applies to as production.",
                default: false,
            },
            productionTagKeys: {
                type: "array",
                description: "Stack tag or AWS tag keys (case-insensitive) that name the environment.",
                default: ["environment", "env", "stage", "trailguard:environment"],
                items: { type: "string" },
            },
            productionTagValues: {
                type: "array",
                description: "Values of those tags (case-insensitive) that mean production.",
                default: ["prod", "production"],
                items: { type: "string" },
            },
        },
    },
    TYPES.trail,
    ({ graph, stackTags }, settings, report) => {
        const keys = settings.productionTagKeys.map((k) => k.toLowerCase());
        const values = settings.productionTagValues.map((v) => v.toLowerCase());
        const matches = (tags: Iterable<[string, string]>) => [...tags].some(([k, v]) => keys.includes(k.toLowerCase()) && values.includes(v.toLowerCase()));
        const stackIsProduction = settings.production || matches(stackTags.entries());
        for (const audit of graph.trails()) {
            if (!stackIsProduction && !matches(tagsOf(audit.trail.props).entries())) continue;
            const members: [string, Node | undefined][] = [
                ["trail", audit.trail],
                ["bucket", audit.bucket?.bucket],
                ["KMS key", audit.key],
            ];
            const unprotected = members.filter(([, node]) => node && !node.protect) as [string, Node][];
            for (const [role, node] of unprotected) {
                report({
                    urn: node.urn,
                    message: `Production ${role} "${node.name}"${node === audit.trail ? "" : ` of trail "${audit.trail.name}"`} is not protected; add the resource option protect: true.`,
                });
            }
        }
    },
);
