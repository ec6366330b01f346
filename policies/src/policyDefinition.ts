// The shape every trailguard policy shares: metadata (severity, default enforcement, remediation,
// framework references as data), typed settings read once per call, and a reporter that names the
// resource and can downgrade a finding to advisory when it rests on a value unknown in preview.
import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { ACCEPTED_EXCEPTIONS_OUTPUT, EXCEPTION_CARRIER_TYPE, readAcceptedExceptions, type AcceptedException } from "../../core/acceptedExceptions";
import { acceptedExceptionMessage, undecidedMessage } from "./findingKinds";
import { FrameworkReference, frameworkFields } from "./frameworks";
import { configSchema, readSettings, SettingsSchema } from "./policyConfig";
import type { PropertiesOf, ResourceType } from "./resourceProperties";
import type { StackGraph } from "./stackGraph";
import { skipUnlessType, stackGraphOf } from "./sdkPatches";
import { plain, Props } from "./values";

export interface PolicyMetadata {
    name: string;
    displayName: string;
    description: string;
    severity: Severity;
    enforcementLevel: EnforcementLevel;
    remediationSteps: string;
    references: readonly FrameworkReference[];
    settings?: SettingsSchema;
}

export interface Finding {
    message: string;
    urn?: string;
    /**
     * Set when the policy cannot decide because a value it needs is unknown (computed, known after
     * `pulumi up`): reported as advisory and marked undecided (findingKinds.ts), never passed in silence.
     */
    unverified?: boolean;
    /** Set for a warning that never blocks: reported as advisory whatever the policy's level. */
    advisory?: boolean;
    /** Set when the finding is what the stack's config accepted as an exception: advisory, with its reason. */
    accepted?: AcceptedException;
}

export type Report = (finding: Finding) => void;

/**
 * The finding of a policy that cannot decide because `what` is computed (unknown in preview): one
 * wording for every policy, e.g. `Trail "audit": isMultiRegionTrail is computed, so whether it
 * records every region is known only after \`pulumi up\``.
 */
export function undecided(subject: string, what: string, question: string, urn?: string): Finding {
    return { urn, unverified: true, message: `${subject}: ${what} is computed, so whether ${question} is known only after \`pulumi up\`.` };
}

function metadataFields(meta: PolicyMetadata) {
    return {
        name: meta.name,
        displayName: meta.displayName,
        description: meta.description,
        severity: meta.severity,
        enforcementLevel: meta.enforcementLevel,
        remediationSteps: meta.remediationSteps,
        ...frameworkFields(meta.references),
        ...(meta.settings ? { configSchema: configSchema(meta.settings) } : {}),
    };
}

function reporter(meta: PolicyMetadata, reportViolation: ReportViolation, defaultUrn?: string): Report {
    return (finding) =>
        reportViolation({
            name: meta.name,
            description: meta.description,
            message: finding.unverified
                ? undecidedMessage(finding.message)
                : finding.accepted
                  ? acceptedExceptionMessage(finding.message, finding.accepted.key, finding.accepted.reason)
                  : finding.message,
            urn: finding.urn ?? defaultUrn,
            ...(finding.unverified || finding.advisory || finding.accepted ? { enforcementLevel: "advisory" } : {}),
        } as any);
}

/**
 * One resource's inputs, of one of the types T: `props` lists the properties the pack reads of
 * them (resourceProperties.ts), so a misspelt name does not compile. At run time it holds every
 * input, which a remediation that spreads `props` keeps.
 */
export interface ResourceInput<T extends ResourceType = ResourceType> {
    type: T;
    name: string;
    urn: string;
    props: PropertiesOf<T>;
    protect: boolean;
    stackTags: ReadonlyMap<string, string>;
}

/**
 * A policy over one resource's inputs (Analyze), for the given resource types, which type the
 * resource `validate` and `remediate` receive. A policy with settings names their type on the
 * `settings` parameter, e.g. `(trail, settings: ManagementEventSettings, report) => …`.
 */
export function resourcePolicy<S = Record<string, never>, T extends ResourceType = ResourceType>(
    meta: PolicyMetadata,
    types: readonly T[],
    validate: (resource: ResourceInput<T>, settings: S, report: Report) => void,
    remediate?: (resource: ResourceInput<T>, settings: S) => Props | undefined,
): ResourceValidationPolicy {
    const handled: readonly string[] = types;
    // Called only for one of `types` (checked below); props typed as resourceProperties.ts lists them.
    const input = (args: ResourceValidationArgs | Parameters<NonNullable<ResourceValidationPolicy["remediateResource"]>>[0]): ResourceInput<T> => ({
        type: args.type as T,
        name: args.name,
        urn: args.urn,
        props: plain(args.props) as unknown as PropertiesOf<T>,
        protect: args.opts.protect === true,
        stackTags: args.stackTags,
    });
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (!handled.includes(args.type)) return;
        const report = reporter(meta, reportViolation, args.urn);
        const settings = readSettings<S>(meta.name, args.getConfig(), meta.settings ?? {});
        if (!settings.ok) return report({ message: settings.message });
        validate(input(args), settings.settings, report);
    };
    // A single type lets the SDK skip the policy for every other type without reading properties.
    if (types.length === 1) skipUnlessType(validateResource, types[0]);
    const policy: ResourceValidationPolicy = { ...metadataFields(meta), validateResource };
    if (remediate) {
        const remediateResource = (args: Parameters<NonNullable<ResourceValidationPolicy["remediateResource"]>>[0]) => {
            if (!handled.includes(args.type)) return undefined;
            const settings = readSettings<S>(meta.name, args.getConfig(), meta.settings ?? {});
            if (!settings.ok) return undefined;
            return remediate(input(args), settings.settings);
        };
        if (types.length === 1) skipUnlessType(remediateResource, types[0]);
        policy.remediateResource = remediateResource;
    }
    return policy;
}

export interface StackInput {
    graph: StackGraph;
    stackTags: ReadonlyMap<string, string>;
    /** URN of the stack's first resource, for findings about the stack as a whole. */
    stackUrn?: string;
    /** The CIS controls the program's config turned off with a reason (core/acceptedExceptions.ts). */
    acceptedExceptions: readonly AcceptedException[];
}

/**
 * A policy over the whole stack (AnalyzeStack). `whenStackHas` names the type the policy is about;
 * the SDK skips the policy without reading a single resource when the stack has none of it.
 */
export function stackPolicy<S = Record<string, never>>(
    meta: PolicyMetadata,
    whenStackHas: ResourceType | undefined,
    validate: (stack: StackInput, settings: S, report: Report) => void,
): StackValidationPolicy {
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const stackUrn = findStackUrn(args.resources);
        const report = reporter(meta, reportViolation, undefined);
        const settings = readSettings<S>(meta.name, args.getConfig(), meta.settings ?? {});
        if (!settings.ok) return report({ message: settings.message, urn: stackUrn });
        const graph = stackGraphOf(args.resources);
        const input: StackInput = {
            graph,
            stackTags: args.stackTags,
            stackUrn,
            // Read by one policy of ~25: worked out on first use, once per graph (one per request).
            get acceptedExceptions() {
                return acceptedExceptionsOf(graph, args.resources);
            },
        };
        validate(input, settings.settings, report);
    };
    if (whenStackHas) skipUnlessType(validateStack, whenStackHas);
    return { ...metadataFields(meta), validateStack };
}

const acceptedExceptionsByGraph = new WeakMap<StackGraph, readonly AcceptedException[]>();

function acceptedExceptionsOf(graph: StackGraph, resources: readonly PolicyResource[]): readonly AcceptedException[] {
    let exceptions = acceptedExceptionsByGraph.get(graph);
    if (!exceptions) {
        exceptions = resources.filter((r) => r.type === EXCEPTION_CARRIER_TYPE).flatMap((r) => readAcceptedExceptions(plain(r.props)[ACCEPTED_EXCEPTIONS_OUTPUT]));
        acceptedExceptionsByGraph.set(graph, exceptions);
    }
    return exceptions;
}

function findStackUrn(resources: readonly PolicyResource[]): string | undefined {
    return resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? resources[0]?.urn;
}
