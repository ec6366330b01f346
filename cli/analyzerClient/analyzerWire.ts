// Translation between trailguard's rendered stacks and the Analyzer service's protobuf messages,
// done the way the Pulumi engine does it: Analyze gets a resource's inputs, AnalyzeStack gets every
// resource's outputs with parent, dependencies and property dependencies; values keep the engine's
// wire encoding (the unknown sentinel string, secret signature objects). The requests check sends
// in bulk are written straight to bytes (analyzerRequestBytes.ts); the messages here serve the rest.
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { FRAMEWORK_TAG_PREFIX } from "../../policies/src/frameworks";
import type { RenderedResource } from "../mockEngine/renderedStackFormat";
import type { EnforcementLevel, PolicyDescriptor, Severity, Violation } from "./verdict";

const proto: any = analyzerProto;

export function toStruct(value: Record<string, unknown>): any {
    return Struct.fromJavaScript(withoutUndefined(value) as any);
}

/** Struct.fromJavaScript rejects `undefined`; the engine never sends absent properties either. */
function withoutUndefined(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : withoutUndefined(item)));
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            if (item !== undefined) out[key] = withoutUndefined(item);
        }
        return out;
    }
    return value;
}

export function resourceOptions(resource: RenderedResource): any {
    const options = new proto.AnalyzerResourceOptions();
    options.setProtect(resource.options.protect);
    options.setIgnorechangesList(resource.options.ignoreChanges);
    options.setDeletebeforereplace(resource.options.deleteBeforeReplace);
    options.setDeletebeforereplacedefined(resource.options.deleteBeforeReplace);
    options.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
    options.setAliasesList(resource.options.aliases);
    options.setCustomtimeouts(new proto.AnalyzerResourceOptions.CustomTimeouts());
    if (resource.parent) options.setParent(resource.parent);
    return options;
}

/** The request the engine sends to Analyze and Remediate: the resource's goal-state inputs. */
export function analyzeRequest(resource: RenderedResource): any {
    const request = new proto.AnalyzeRequest();
    request.setUrn(resource.urn);
    request.setType(resource.type);
    request.setName(resource.name);
    request.setProperties(toStruct(resource.inputs));
    request.setOptions(resourceOptions(resource));
    return request;
}

const LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const SEVERITIES: Record<number, Severity> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };

export function enforcementLevelName(level: number): EnforcementLevel {
    const name = LEVELS[level];
    if (!name) throw new Error(`the policy pack sent an unknown enforcement level ${level}`);
    return name;
}

export function enforcementLevelNumber(level: EnforcementLevel): number {
    const entry = Object.entries(LEVELS).find(([, name]) => name === level);
    if (!entry) throw new Error(`unknown enforcement level ${level}`);
    return Number(entry[0]);
}

export function severityName(severity: number): Severity {
    return SEVERITIES[severity] ?? "";
}

/** A PolicyInfo from GetAnalyzerInfo as trailguard describes policies. */
export function policyDescriptor(info: any, packLevel: EnforcementLevel): PolicyDescriptor {
    const frameworks: string[] = [];
    const framework = info.getFramework?.();
    if (framework) {
        const primary = [framework.getName(), framework.getVersion(), framework.getReference()].filter(Boolean).join(" ");
        if (primary) frameworks.push(primary);
    }
    for (const tag of info.getTagsList?.() ?? []) {
        if (tag.startsWith(FRAMEWORK_TAG_PREFIX)) {
            const reference = tag.slice(FRAMEWORK_TAG_PREFIX.length);
            if (!frameworks.includes(reference)) frameworks.push(reference);
        }
    }
    const schema = info.getConfigschema?.();
    const descriptor: PolicyDescriptor = {
        name: info.getName(),
        displayName: info.getDisplayname() || info.getName(),
        description: info.getDescription(),
        enforcementLevel: info.getEnforcementlevel() === undefined ? packLevel : enforcementLevelName(info.getEnforcementlevel()),
        severity: severityName(info.getSeverity?.() ?? 0),
        remediationSteps: info.getRemediationSteps?.() ?? "",
        url: info.getUrl?.() ?? "",
        frameworks,
    };
    if (schema) {
        const properties = schema.getProperties()?.toJavaScript() ?? {};
        const required: string[] = schema.getRequiredList();
        descriptor.configSchema = { type: "object", properties, ...(required.length ? { required } : {}) };
    }
    return descriptor;
}

/** A diagnostic from Analyze or AnalyzeStack as a verdict's violation. */
export function violation(diagnostic: any, frameworksByPolicy: Map<string, string[]>): Violation {
    const policy: string = diagnostic.getPolicyname();
    const urn: string = diagnostic.getUrn();
    return {
        policy,
        policyPack: diagnostic.getPolicypackname(),
        policyPackVersion: diagnostic.getPolicypackversion(),
        enforcementLevel: enforcementLevelName(diagnostic.getEnforcementlevel()),
        severity: severityName(diagnostic.getSeverity()),
        ...(urn ? { urn } : {}),
        message: diagnostic.getMessage(),
        description: diagnostic.getDescription(),
        frameworks: frameworksByPolicy.get(policy) ?? [],
    };
}
