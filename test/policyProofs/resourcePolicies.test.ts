// Proofs that the policies the baseline renders allow exactly what AWS services need and deny what
// they must: every row of the request matrix (requestMatrix.ts), evaluated with an offline IAM
// evaluator (iamEvaluator.ts) against the policy documents of every shipped stack, deployed, and of
// an organization trail. One test per row per stack, so a failure names the row.
import { beforeAll, describe, expect, it } from "vitest";
import { expectedSettings, organizationTrailOverrides, renderDeployed, stackNames } from "../baseline/support/renderedBaseline";
import { evaluate } from "./iamEvaluator";
import { concreteRequest, DENY_ONLY_TARGETS, POLICY_TARGETS, PolicyTarget, REQUEST_MATRIX, rowApplies, StackFacts } from "./requestMatrix";
import { featuresOf, renderedPolicies, stackFacts } from "./renderedPolicies";

interface ProofConfig {
    label: string;
    stack: string;
    overrides: Record<string, string>;
}

function organizationTrailConfig(): ProofConfig {
    const { stack, overrides } = organizationTrailOverrides();
    return { label: `${stack} as organization trail`, stack, overrides };
}

const CONFIGS: ProofConfig[] = [
    ...stackNames().map((stack) => ({ label: stack, stack, overrides: {} })),
    organizationTrailConfig(),
];

/** Identity policies are evaluated as the caller's; everything else as the resource's policy. */
const IDENTITY_POLICIES: readonly PolicyTarget[] = ["deliveryRoleInlinePolicy"];

describe("request matrix", () => {
    const featureSets = CONFIGS.map((config) => featuresOf(expectedSettings(config.stack, config.overrides)));

    it("has unique row ids", () => {
        const ids = REQUEST_MATRIX.map((row) => row.id);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    });

    it("has no dead rows: every row applies to at least one stack", () => {
        const dead = REQUEST_MATRIX.filter((row) => !featureSets.some((features) => rowApplies(row, features))).map((row) => row.id);
        expect(dead).toEqual([]);
    });

    it("covers the organization trail layout", () => {
        expect(featureSets.some((features) => features.organizationTrail)).toBe(true);
    });

    it("cites an AWS documentation page for every row", () => {
        for (const row of REQUEST_MATRIX) expect(row.doc, row.id).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    });

    it("proves for every policy both a request it must allow and one it must deny", () => {
        for (const target of POLICY_TARGETS) {
            const rows = REQUEST_MATRIX.filter((row) => row.policy === target);
            if (!DENY_ONLY_TARGETS.includes(target)) expect(rows.some((row) => row.expected === "Allowed"), `${target}: an Allowed row`).toBe(true);
            expect(rows.some((row) => row.expected !== "Allowed"), `${target}: a denied row`).toBe(true);
        }
    });
});

describe.each(CONFIGS)("policy proofs: $label (deployed)", (config) => {
    const settings = expectedSettings(config.stack, config.overrides);
    const features = featuresOf(settings);
    const rows = REQUEST_MATRIX.filter((row) => rowApplies(row, features));

    let facts: StackFacts;
    let policies: Partial<Record<PolicyTarget, unknown>>;
    beforeAll(async () => {
        const deployed = await renderDeployed(config.stack, config.overrides);
        facts = stackFacts(deployed);
        policies = renderedPolicies(deployed.view);
    });

    it("renders a delivery topic policy exactly when delivery notifications are on", () => {
        expect(policies.deliveryTopicPolicy !== undefined).toBe(features.deliveryNotifications);
    });

    it("renders an Athena results bucket policy exactly when investigation is on", () => {
        expect(policies.athenaResultsBucketPolicy !== undefined).toBe(features.investigation);
    });

    // Titles built by hand: vitest's `$id` interpolation truncates long ids.
    for (const row of rows) {
        it(`${row.id} → ${row.expected}`, async () => {
            const document = policies[row.policy];
            expect(document, `${row.policy} is rendered`).toBeDefined();
            const request = concreteRequest(row, facts);
            const result = await evaluate(
                { ...request, resourceAccount: facts.account },
                { kind: IDENTITY_POLICIES.includes(row.policy) ? "identity" : "resource", name: row.policy, document },
            );
            const why = [
                row.description,
                `  per ${row.doc}`,
                `  ${request.principal} ${request.action} ${request.resource}`,
                `  context ${JSON.stringify(request.context)}`,
                `  ${row.policy}: ${result.explain}`,
            ].join("\n");
            expect(result.decision, why).toBe(row.expected);
        });
    }
});
