// Runs one policy of the pack in this process, on a stack rendered by the mock engine: no pack
// process, no gRPC. The rendered resources become the objects @pulumi/policy hands a policy: inputs
// for a resource policy (Analyze), outputs with property dependencies for a stack policy
// (AnalyzeStack), the engine's unknown sentinel where a value is computed, secrets unwrapped. The
// policies are imported from policies/src, so a test sees the source being edited. The protocol
// tests (test/policies/*.test.ts beside this folder) still prove the same verdicts over the wire.
import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { POLICIES } from "../../../policies/src/policyList";
import { isSecret, RenderedResource, RenderedStack } from "../../../cli/mockEngine/renderedStackFormat";

export type Policy = ResourceValidationPolicy | StackValidationPolicy;

export interface Finding {
    policy: string;
    message: string;
    urn?: string;
    enforcementLevel: EnforcementLevel;
}

/**
 * Every policy of the pack run in process with its defaults: the findings the pack process gives
 * over the wire (the protocol tests compare the two on the stacks they render).
 */
export function runPack(rendered: RenderedStack): Finding[] {
    return POLICIES.flatMap((policy) => runPolicy(policy, rendered));
}

/** A policy's config as in a `--policy-pack-config` file: its settings, and an enforcementLevel. */
export type PolicyConfig = Record<string, unknown>;

/**
 * The policy's findings on the stack, each with the level the engine would report it at.
 * `stackTags` are what the engine passes from `pulumi stack tag set`.
 */
export function runPolicy(policy: Policy, rendered: RenderedStack, config: PolicyConfig = {}, stackTags: Record<string, string> = {}): Finding[] {
    const { enforcementLevel: configuredLevel, ...settings } = config as { enforcementLevel?: EnforcementLevel };
    const level = configuredLevel ?? policy.enforcementLevel ?? "advisory";
    if (level === "disabled") return [];
    const findings: Finding[] = [];
    const report: ReportViolation = (violation, urn) => {
        const v = typeof violation === "string" ? { message: violation, urn } : (violation as { message: string; urn?: string; enforcementLevel?: EnforcementLevel });
        // The SDK keeps a finding's own lower level (advisory for unverified values).
        findings.push({ policy: policy.name, message: v.message, urn: v.urn ?? urn, enforcementLevel: v.enforcementLevel ?? level });
    };
    const getConfig = () => settings;
    const tags = new Map(Object.entries(stackTags));
    if ("validateResource" in policy && policy.validateResource) {
        const validate = policy.validateResource as (args: ResourceValidationArgs, report: ReportViolation) => void;
        for (const resource of rendered.resources) {
            validate({ ...resourceArgs(resource), stackTags: tags, getConfig } as unknown as ResourceValidationArgs, report);
        }
    }
    if ("validateStack" in policy && policy.validateStack) {
        const validate = policy.validateStack as (args: StackValidationArgs, report: ReportViolation) => void;
        validate({ resources: stackResources(rendered), stackTags: tags, getConfig } as unknown as StackValidationArgs, report);
    }
    return findings;
}

function options(resource: RenderedResource) {
    return {
        protect: resource.options.protect,
        ignoreChanges: resource.options.ignoreChanges,
        deleteBeforeReplace: resource.options.deleteBeforeReplace,
        aliases: resource.options.aliases,
        additionalSecretOutputs: resource.options.additionalSecretOutputs,
        customTimeouts: {},
    };
}

function resourceArgs(resource: RenderedResource) {
    return { type: resource.type, name: resource.name, urn: resource.urn, props: plainValue(resource.inputs), opts: options(resource) };
}

/** As AnalyzeStack sees them: outputs, and each property's dependencies as the resources themselves. */
function stackResources(rendered: RenderedStack): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const resources = rendered.resources.map((r) => {
        const resource = {
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: plainValue(r.outputs) as Record<string, unknown>,
            opts: options(r),
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
        } as unknown as PolicyResource;
        byUrn.set(r.urn, resource);
        return resource;
    });
    rendered.resources.forEach((r, i) => {
        const resource = resources[i]!;
        (resource as { parent?: PolicyResource }).parent = r.parent ? byUrn.get(r.parent) : undefined;
        resource.dependencies.push(...r.options.dependsOn.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined));
        for (const [property, urns] of Object.entries(r.propertyDependencies)) {
            // The engine leaves out properties without dependencies.
            if (urns.length === 0) continue;
            resource.propertyDependencies[property] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
        }
    });
    return resources;
}

/** Secrets unwrapped, as @pulumi/policy deserializes them for a policy; unknowns stay sentinels. */
function plainValue(value: unknown): unknown {
    if (isSecret(value)) return plainValue(value.value);
    if (Array.isArray(value)) return value.map(plainValue);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
    }
    return value;
}
