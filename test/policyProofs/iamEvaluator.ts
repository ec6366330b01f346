// Offline IAM policy evaluation for the policy proofs, on top of @cloud-copilot/iam-simulate.
//
// LICENCE: iam-simulate (and its iam-policy / iam-utils dependencies) are AGPL-3.0-or-later. They
// are devDependencies used by the test suite only: nothing outside test/ may import them (a test in
// resourcePolicies.test.ts scans the shipped sources for that). Keep every import of the library in
// this file.
//
// WORK-AROUND: `runSimulation` filters the request context down to the condition keys that the
// library's service-authorization data lists for the action. KMS lists its encryption-context key as
// the template `kms:EncryptionContext:${EncryptionContextKey}`, and the filter only expands templates
// of the `prefix/${Tag}` form, so every concrete `kms:EncryptionContext:<key>` is dropped (reported in
// `ignoredContextKeys`) and a condition on it never matches. This adapter therefore evaluates twice:
//
//   1. `runSimulation` with the request as written: it validates the policy document, the action,
//      the resource ARN against the action's resource types and every context key. Any key it drops
//      other than `kms:EncryptionContext:*` fails the evaluation, so a typo or a key that does not
//      apply to the action cannot silently vanish.
//   2. `runUnsafeSimulation` (exported by the library: the same core `authorize` without validation
//      or context filtering) with the full context, each value typed as the library would type it
//      (array keys as arrays). Its decision is the answer.
//
// When step 1 dropped nothing, both decisions must agree; the adapter throws if they do not, so the
// unvalidated path can never quietly diverge from the validated one. The documented defect is pinned
// by evaluator.test.ts: when the library is fixed, that test fails and the work-around can go.
//
// `runUnsafeSimulation` loads the resource policy without metadata and then crashes reading its
// name; it is handed the library's own ValidatedPolicy shape (a plain object carrying the document,
// a name and no errors), which `loadPolicy` accepts and which supplies the name.
import {
    anonymousPrincipal,
    isConditionKeyArray,
    runSimulation,
    runUnsafeSimulation,
    typeForContextKey,
    type RequestAnalysis,
    type Simulation,
} from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** The principal of an unsigned request. */
export const ANONYMOUS = "anonymous";

export interface EvaluationRequest {
    /** A service principal (`cloudtrail.amazonaws.com`), an IAM or STS ARN, or ANONYMOUS. */
    principal: string;
    action: string;
    resource: string;
    /** Account that owns the resource. */
    resourceAccount: string;
    /** Exactly the keys the request carries. */
    context: Record<string, string | string[]>;
}

/**
 * The policy under test. A resource policy (bucket, key, topic, role trust policy) is evaluated as
 * the resource's policy; an identity policy as the only policy of the calling principal.
 */
export interface PolicyUnderTest {
    kind: "resource" | "identity";
    name: string;
    document: unknown;
}

export interface Evaluation {
    /** The decision, from the unfiltered evaluation. */
    decision: Decision;
    /** What `runSimulation` decided on its filtered context. */
    validatedDecision: Decision;
    /** Context keys `runSimulation` dropped (only `kms:EncryptionContext:*` get this far). */
    droppedKeys: string[];
    /** Matching statements per policy, for failure messages (from the validated run). */
    explain: string;
}

/** Keys `runSimulation` is known to drop although AWS evaluates them. */
export const KNOWN_DROPPED_KEY = /^kms:EncryptionContext:/i;

/**
 * A principal of another account is modelled as fully trusted by its own account: an identity
 * policy allowing everything. Cross-account access then depends only on the policy under test,
 * which is what the proofs are about (without it every cross-account request would be denied for
 * lack of an identity policy, proving nothing).
 */
const CALLER_ACCOUNT_ALLOWS_EVERYTHING = {
    Version: "2012-10-17",
    Statement: [{ Sid: "CallerAccountAllowsEverything", Effect: "Allow", Action: "*", Resource: "*" }],
};

export function principalAccount(principal: string): string | undefined {
    const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal);
    return match?.[1];
}

function identityPoliciesFor(request: EvaluationRequest, policy: PolicyUnderTest): Simulation["identityPolicies"] {
    if (policy.kind === "identity") return [{ name: policy.name, policy: policy.document }];
    const account = principalAccount(request.principal);
    if (account !== undefined && account !== request.resourceAccount) {
        return [{ name: "caller-account-allows-everything", policy: CALLER_ACCOUNT_ALLOWS_EVERYTHING }];
    }
    return [];
}

function simulationFor(request: EvaluationRequest, policy: PolicyUnderTest, context: Simulation["request"]["contextVariables"]): Simulation {
    return {
        request: {
            principal: request.principal === ANONYMOUS ? anonymousPrincipal : request.principal,
            action: request.action,
            resource: { resource: request.resource, accountId: request.resourceAccount },
            contextVariables: context,
        },
        identityPolicies: identityPoliciesFor(request, policy),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy.kind === "resource" ? policy.document : undefined,
        // S3 Block Public Access is left out on purpose: the proofs are about what the policies
        // themselves allow, not about a setting that could mask a public grant.
    };
}

/** Types each value as the library's own validation would: array-typed keys become arrays. */
async function typedContext(context: Record<string, string | string[]>): Promise<Record<string, string | string[]>> {
    const typed: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(context)) {
        const type = await typeForContextKey(key);
        typed[key] = isConditionKeyArray(type) ? [value].flat() : Array.isArray(value) ? value[0]! : value;
    }
    return typed;
}

function summarize(analysis: RequestAnalysis | undefined): string {
    if (!analysis) return "no analysis";
    const ids = (statements: { explain: { identifier: string } }[] | undefined) =>
        (statements ?? []).map((s) => s.explain.identifier).join(", ") || "none";
    const parts = [`sameAccount=${analysis.sameAccount}`];
    if (analysis.resourceAnalysis) {
        parts.push(
            `resource policy ${analysis.resourceAnalysis.result} (allow: ${ids(analysis.resourceAnalysis.allowStatements)}; deny: ${ids(analysis.resourceAnalysis.denyStatements)})`,
        );
    }
    if (analysis.identityAnalysis && (analysis.identityAnalysis.allowStatements.length + analysis.identityAnalysis.denyStatements.length) > 0) {
        parts.push(
            `identity policy ${analysis.identityAnalysis.result} (allow: ${ids(analysis.identityAnalysis.allowStatements)}; deny: ${ids(analysis.identityAnalysis.denyStatements)})`,
        );
    }
    return parts.join("; ");
}

/** `runSimulation` as the library offers it: validated, with its context filter. */
export async function runValidated(request: EvaluationRequest, policy: PolicyUnderTest) {
    const result = await runSimulation(simulationFor(request, policy, request.context), {});
    if (result.resultType === "error") {
        throw new Error(`iam-simulate rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
    }
    if (result.resultType !== "single") {
        throw new Error(`expected one concrete resource, got a wildcard simulation for ${request.resource}`);
    }
    return { decision: result.overallResult as Decision, droppedKeys: result.result.ignoredContextKeys ?? [], analysis: result.result.analysis };
}

/** The evaluation the proofs use; see the work-around at the top of this file. */
export async function evaluate(request: EvaluationRequest, policy: PolicyUnderTest): Promise<Evaluation> {
    const validated = await runValidated(request, policy);
    const unexpected = validated.droppedKeys.filter((key) => !KNOWN_DROPPED_KEY.test(key));
    if (unexpected.length > 0) {
        throw new Error(`context keys that do not apply to ${request.action} on ${request.resource}: ${unexpected.join(", ")}`);
    }
    const unfiltered = simulationFor(request, policy, await typedContext(request.context));
    if (policy.kind === "resource") {
        unfiltered.resourcePolicy = { __validated: true, policyDocument: policy.document, metadata: { name: policy.name }, errors: [] };
    }
    const decision = runUnsafeSimulation(unfiltered, {}) as Decision;
    if (validated.droppedKeys.length === 0 && decision !== validated.decision) {
        throw new Error(
            `runUnsafeSimulation (${decision}) and runSimulation (${validated.decision}) disagree on ${request.action} with nothing dropped`,
        );
    }
    const note = validated.droppedKeys.length > 0 ? ` [explanation without ${validated.droppedKeys.join(", ")}]` : "";
    return { decision, validatedDecision: validated.decision, droppedKeys: validated.droppedKeys, explain: summarize(validated.analysis) + note };
}
