// Wraps the SDK's mock resource monitor so that every RegisterResourceRequest the program sends is
// kept whole: parent, dependencies, property dependencies and options, as the real engine sees them.
import type * as pulumi from "@pulumi/pulumi";
import { aliasUrns } from "./aliasUrns";
import type { RenderedResource } from "./renderedStackFormat";

type Callback = (err: Error | null, resp?: any) => void;

interface MonitorLike {
    registerResource(req: any, callback: Callback): void;
    registerResourceOutputs(req: any, callback: Callback): void;
}

export class ResourceRecorder {
    readonly resources: RenderedResource[] = [];
    private readonly byUrn = new Map<string, RenderedResource>();

    /** @param onRecord told of each resource as it is registered (its outputs may still change). */
    constructor(private readonly onRecord?: (resource: RenderedResource) => void) {}

    /** Starts recording on the monitor that `pulumi.runtime.setMocks` installed. */
    attach(runtime: typeof pulumi.runtime): void {
        const monitor = runtime.getMonitor() as unknown as MonitorLike | undefined;
        if (!monitor) throw new Error("the mock monitor is not installed; call setMocks first");
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) =>
            register(req, (err, resp) => {
                if (!err && resp) this.record(req, resp);
                callback(err, resp);
            });
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req, callback) => {
            const resource = this.byUrn.get(req.getUrn());
            if (resource && req.getOutputs()) resource.outputs = req.getOutputs().toJavaScript();
            registerOutputs(req, callback);
        };
    }

    private record(req: any, resp: any): void {
        const urn: string = resp.getUrn();
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const id: string = resp.getId();
        const resource: RenderedResource = {
            urn,
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent() || undefined,
            custom: req.getCustom(),
            id: id || undefined,
            inputs,
            outputs: (resp.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
            propertyDependencies,
            options: {
                protect: req.getProtect() === true,
                retainOnDelete: req.getRetainondelete() === true,
                dependsOn: req.getDependenciesList(),
                ignoreChanges: req.getIgnorechangesList(),
                deleteBeforeReplace: req.getDeletebeforereplace(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                aliases: aliasUrns(req, urn, this.byUrn.get(req.getParent())?.options.aliases),
                provider: req.getProvider() || undefined,
            },
        };
        this.resources.push(resource);
        this.byUrn.set(urn, resource);
        this.onRecord?.(resource);
    }
}
