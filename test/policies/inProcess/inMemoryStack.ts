// Stacks built in memory for the policies' unit tests, in the shape the mock engine renders: a
// resource's inputs, its outputs (inputs plus what AWS computes: id, arn), and the property
// dependencies a reference to another resource's output creates. A reference is known once
// deployed and the engine's unknown sentinel in preview, as in a brand-new stack's `pulumi preview`.
// `apply` derives a value from references (an interpolated ARN, a JSON policy), unknown while one is.
import { RenderedResource, RenderedStack, RenderMode, UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";

const REFERENCE = Symbol("reference");
const DERIVED = Symbol("derived");

interface Reference {
    [REFERENCE]: true;
    resource: RenderedResource;
    output: string;
}

interface Derived {
    [DERIVED]: true;
    sources: [RenderedResource, string][];
    compute: (...values: unknown[]) => unknown;
}

export interface ResourceOptions {
    protect?: boolean;
    parent?: RenderedResource;
    /** False for a component or the stack resource: no id, no computed id or arn. */
    custom?: boolean;
    /** More outputs the provider computes (e.g. a log group's name when the program gives none): known once deployed, unknown in preview. */
    outputs?: Record<string, unknown>;
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
        const custom = options.custom ?? true;
        const computed: Record<string, unknown> = { ...(custom ? { id: `${name}-id`, arn: arnOf(type, name) } : {}), ...options.outputs };
        const resource: RenderedResource = {
            urn,
            type,
            name,
            parent: options.parent?.urn,
            custom,
            id: this.mode === "deployed" && custom ? String(computed["id"]) : undefined,
            inputs: resolved,
            // What AWS computes is unknown until the resource exists.
            outputs: {
                ...resolved,
                ...(this.mode === "deployed" ? computed : Object.fromEntries(Object.keys(computed).map((k) => [k, UNKNOWN_VALUE]))),
            },
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

    /**
     * A value computed from other resources' outputs, as `pulumi.interpolate` or `pulumi.all([...]).apply(fn)`
     * in a program: a property dependency on each, and unknown while one of them is.
     */
    apply(sources: [RenderedResource, string][], compute: (...values: unknown[]) => unknown): unknown {
        return { [DERIVED]: true, sources, compute } satisfies Derived;
    }

    rendered(): RenderedStack {
        return { stack: this.stack, project: "unit", mode: this.mode, resources: this.resources, outputs: {}, warnings: [] };
    }

    private resolve(value: unknown, urns: Set<string>): unknown {
        if (isReference(value)) {
            urns.add(value.resource.urn);
            return value.resource.outputs[value.output] ?? UNKNOWN_VALUE;
        }
        if (isDerived(value)) {
            const values = value.sources.map(([resource, output]) => {
                urns.add(resource.urn);
                return resource.outputs[output] ?? UNKNOWN_VALUE;
            });
            return values.includes(UNKNOWN_VALUE) ? UNKNOWN_VALUE : value.compute(...values);
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

function isDerived(value: unknown): value is Derived {
    return typeof value === "object" && value !== null && (value as Partial<Derived>)[DERIVED] === true;
}

/** A plausible ARN for the outputs of a deployed resource of this type. */
function arnOf(type: string, name: string): string {
    const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
    if (service === "s3") return `arn:aws:s3:::${name}`;
    return `arn:aws:${service}:eu-west-1:123456789012:${name}`;
}
