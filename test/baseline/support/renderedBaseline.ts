// Renders trailguard's own stacks for the baseline tests and finds resources in them the way a
// reviewer would: by type, by the component they belong to, and by what their inputs depend on.
import { expect } from "vitest";
import type { Settings } from "../../../config/settings";
import { settingsFromConfig } from "../../../config/validateConfig";
import { renderTrailguardStack } from "../../../cli/mockEngine/renderEntryPoints";
import { trailguardRoot } from "../../../cli/trailguardRoot";
import { isUnknown, RenderedResource, RenderedStack, RenderMode } from "../../../cli/mockEngine/renderedStackFormat";
import { readPulumiProject } from "../../../cli/pulumiProject/projectFile";
import { listStacks, readStackConfigFile, stackConfigPath } from "../../../cli/pulumiProject/stackConfigFile";

export const MODES: readonly RenderMode[] = ["preview", "deployed"];
export const ACCOUNT_ID = "123456789012";
export const ORGANIZATION_ID = "o-exampleorgid";

/** Every stack that has a settings file in stacks/, not a fixed list. */
export function stackNames(): string[] {
    return listStacks(readPulumiProject(trailguardRoot()));
}

/** The stack file's config values (`ns:key` → string), as the program receives them. */
export function stackConfigValues(stack: string): Record<string, string> {
    const project = readPulumiProject(trailguardRoot());
    return readStackConfigFile(stackConfigPath(project, stack), project.name).values;
}

/** What the program should have built from: the same settings the program computes. */
export function expectedSettings(stack: string, overrides: Record<string, string> = {}): Settings {
    return settingsFromConfig({ ...stackConfigValues(stack), ...overrides }, stack);
}

export interface RenderedBaseline {
    stack: string;
    settings: Settings;
    /** Region the stack deploys to (aws:region), as the mock engine uses it. */
    region: string;
    byMode: Record<RenderMode, BaselineView>;
}

export async function renderBaseline(stack: string, overrides: Record<string, string> = {}): Promise<RenderedBaseline> {
    const [preview, deployed] = await Promise.all(
        MODES.map((mode) => renderTrailguardStack(stack, { mode, configOverrides: overrides })),
    );
    return {
        stack,
        settings: expectedSettings(stack, overrides),
        region: regionOf(stack, overrides),
        byMode: { preview: new BaselineView(preview), deployed: new BaselineView(deployed) },
    };
}

/** Region the stack deploys to (aws:region), as the mock engine uses it. */
function regionOf(stack: string, overrides: Record<string, string>): string {
    return { ...stackConfigValues(stack), ...overrides }["aws:region"] ?? "us-east-1";
}

/** One stack rendered as deployed only: for tests that need every value known and no preview. */
export interface DeployedBaseline {
    stack: string;
    settings: Settings;
    region: string;
    view: BaselineView;
}

export async function renderDeployed(stack: string, overrides: Record<string, string> = {}): Promise<DeployedBaseline> {
    const rendered = await renderTrailguardStack(stack, { mode: "deployed", configOverrides: overrides });
    return {
        stack,
        settings: expectedSettings(stack, overrides),
        region: regionOf(stack, overrides),
        view: new BaselineView(rendered),
    };
}

/**
 * prod (or the last stack) turned into an organization trail, as `pulumi config set --path
 * trail.organizationTrail true` would: a structured key is replaced whole, so from the file's value.
 */
export function organizationTrailOverrides(): { stack: string; overrides: Record<string, string> } {
    const stacks = stackNames();
    const stack = stacks.includes("prod") ? "prod" : stacks[stacks.length - 1]!;
    const raw = stackConfigValues(stack)["trailguard:trail"];
    return { stack, overrides: { "trailguard:trail": JSON.stringify({ ...(raw ? JSON.parse(raw) : {}), organizationTrail: true }) } };
}

export class BaselineView {
    constructor(readonly rendered: RenderedStack) {}

    get mode(): RenderMode {
        return this.rendered.mode;
    }

    ofType(type: string): RenderedResource[] {
        return this.rendered.resources.filter((r) => r.type === type);
    }

    /** The one resource of `type` that matches; fails the test when there are none or several. */
    one(type: string, where: (r: RenderedResource) => boolean = () => true): RenderedResource {
        const found = this.ofType(type).filter(where);
        expect(found.map((r) => r.urn), `exactly one ${type}`).toHaveLength(1);
        return found[0]!;
    }

    /** The component of this type (trailguard:…), exactly one. */
    component(type: string): RenderedResource {
        return this.one(type);
    }

    childrenOf(parent: RenderedResource): RenderedResource[] {
        return this.rendered.resources.filter((r) => r.parent === parent.urn);
    }

    /** The single child of `parent` with this type. */
    childOf(parent: RenderedResource, type: string): RenderedResource {
        return this.one(type, (r) => r.parent === parent.urn);
    }

    /** Resources of `type` whose input `property` was computed from `source`. */
    dependentsOf(source: RenderedResource, type: string, property: string): RenderedResource[] {
        return this.ofType(type).filter((r) => (r.propertyDependencies[property] ?? []).includes(source.urn));
    }

    /** The single resource of `type` configuring `source` through input `property` (e.g. `bucket`). */
    configuring(source: RenderedResource, type: string, property = "bucket"): RenderedResource {
        const found = this.dependentsOf(source, type, property);
        expect(found.map((r) => r.urn), `exactly one ${type} whose ${property} is ${source.name}`).toHaveLength(1);
        return found[0]!;
    }

    byUrn(urn: string): RenderedResource | undefined {
        return this.rendered.resources.find((r) => r.urn === urn);
    }
}

/**
 * A reference to another resource's output: known (and equal to it) once deployed, unknown in
 * preview; in both modes the property must depend on that resource.
 */
export function expectReference(
    resource: RenderedResource,
    property: string,
    source: RenderedResource,
    sourceOutput: string,
): void {
    expect(resource.propertyDependencies[property] ?? [], `${resource.name}.${property} depends on ${source.name}`).toContain(
        source.urn,
    );
    const value = resource.inputs[property];
    // The engine keeps a resource's id beside its outputs, not among them.
    const sourceValue = sourceOutput === "id" ? source.id : source.outputs[sourceOutput];
    if (sourceValue === undefined || isUnknown(sourceValue)) {
        expect(source.custom && resource.custom).toBe(true);
        return;
    }
    expect(value, `${resource.name}.${property} = ${source.name}.${sourceOutput}`).toBe(sourceValue);
}

export interface Statement {
    Sid?: string;
    Effect: string;
    Principal?: unknown;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** Parses a policy-document input; policies must be known JSON even in preview. */
export function policyOf(resource: RenderedResource, property = "policy"): { Statement: Statement[] } {
    const text = resource.inputs[property];
    expect(typeof text, `${resource.name}.${property} is a JSON string`).toBe("string");
    expect(isUnknown(text), `${resource.name}.${property} is known at preview`).toBe(false);
    const doc = JSON.parse(text as string);
    expect(Array.isArray(doc.Statement)).toBe(true);
    return doc;
}

export function statement(doc: { Statement: Statement[] }, sid: string): Statement {
    const found = doc.Statement.filter((s) => s.Sid === sid);
    expect(found.map((s) => s.Sid), `one statement ${sid}`).toHaveLength(1);
    return found[0]!;
}

export function asList(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export const TYPES = {
    baseline: "trailguard:baseline:CloudTrailBaseline",
    auditKey: "trailguard:kms:AuditKey",
    archive: "trailguard:s3:LogArchiveBucket",
    accessLogs: "trailguard:s3:AccessLogBucket",
    auditTrail: "trailguard:cloudtrail:AuditTrail",
    alertTopic: "trailguard:sns:AlertTopic",
    alarms: "trailguard:cloudwatch:SecurityAlarms",
    investigation: "trailguard:athena:Investigation",
    glueDatabase: "aws:glue/catalogDatabase:CatalogDatabase",
    glueTable: "aws:glue/catalogTable:CatalogTable",
    workgroup: "aws:athena/workgroup:Workgroup",
    namedQuery: "aws:athena/namedQuery:NamedQuery",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    bucket: "aws:s3/bucket:Bucket",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    logging: "aws:s3/bucketLogging:BucketLogging",
    trail: "aws:cloudtrail/trail:Trail",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    lambdaPermission: "aws:lambda/permission:Permission",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;
