// Stacks built in memory for the policies' unit tests, in the shape the mock engine renders: a
// resource's inputs, its outputs (inputs plus what AWS computes: id, arn), and the property
// dependencies a reference to another resource's output creates. A reference is known once
// deployed and the engine's unknown sentinel in preview, as in a brand-new stack's `pulumi preview`.
import { RenderedResource, RenderedStack, RenderMode, UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStack";

const REFERENCE = Symbol("reference");

interface Reference {
    [REFERENCE]: true;
    resource: RenderedResource;
    output: string;
}

export interface ResourceOptions {
    protect?: boolean;
    parent?: RenderedResource;
}

export class InMemoryStack {
    readonly resources: RenderedResource[] = [];

    constructor(
        readonly mode: RenderMode = "deployed",
        readonly stack = "test",
    ) {}

    /** Adds a resource; an input that is a `ref(...)` becomes that output plus a property dependency. */
    add(type: string, name: string, inputs: Record<string, unknown>, options: ResourceOptions = {}): RenderedResource {
        const propertyDependencies: Record<string, string[]> = {};
        const resolved: Record<string, unknown> = {};
        for (const [property, value] of Object.entries(inputs)) {
            const urns = new Set<string>();
            resolved[property] = this.resolve(value, urns);
            if (urns.size > 0) propertyDependencies[property] = [...urns];
        }
        const urn = `urn:pulumi:${this.stack}::unit::${type}::${name}`;
        const computed = { id: `${name}-id`, arn: arnOf(type, name) };
        const resource: RenderedResource = {
            urn,
            type,
            name,
            parent: options.parent?.urn,
            custom: true,
            id: this.mode === "deployed" ? computed.id : undefined,
            inputs: resolved,
            // What AWS computes is unknown until the resource exists.
            outputs: { ...resolved, ...(this.mode === "deployed" ? computed : { id: UNKNOWN_VALUE, arn: UNKNOWN_VALUE }) },
            propertyDependencies,
            options: {
                protect: options.protect ?? false,
                retainOnDelete: false,
                dependsOn: [...new Set(Object.values(propertyDependencies).flat())],
                ignoreChanges: [],
                deleteBeforeReplace: false,
                additionalSecretOutputs: [],
                aliases: [],
            },
        };
        this.resources.push(resource);
        return resource;
    }

    /** Another resource's output, as `bucket.id` or `key.arn` in a program. */
    ref(resource: RenderedResource, output: string): unknown {
        return { [REFERENCE]: true, resource, output } satisfies Reference;
    }

    rendered(): RenderedStack {
        return { stack: this.stack, project: "unit", mode: this.mode, resources: this.resources, outputs: {}, warnings: [] };
    }

    private resolve(value: unknown, urns: Set<string>): unknown {
        if (isReference(value)) {
            urns.add(value.resource.urn);
            return value.resource.outputs[value.output] ?? UNKNOWN_VALUE;
        }
        if (Array.isArray(value)) return value.map((v) => this.resolve(v, urns));
        if (typeof value === "object" && value !== null) {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v, urns)]));
        }
        return value;
    }
}

function isReference(value: unknown): value is Reference {
    return typeof value === "object" && value !== null && (value as Partial<Reference>)[REFERENCE] === true;
}

/** A plausible ARN for the outputs of a deployed resource of this type. */
function arnOf(type: string, name: string): string {
    const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
    if (service === "s3") return `arn:aws:s3:::${name}`;
    return `arn:aws:${service}:eu-west-1:123456789012:${name}`;
}
