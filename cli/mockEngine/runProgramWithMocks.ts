// Runs a Pulumi program in this process (a render worker) against the mock engine and returns every
// resource it registered; RenderJob is what a worker is asked to run. The SDK keeps its run state in
// process-wide globals, so renders in one process run one at a time (renderJobLoop.ts serves them in
// turn and forgets the program's modules in between).
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "./mockCloud";
import { DEFAULT_REGION } from "./renderDefaults";
import { ResourceRecorder } from "./recordingMonitor";
import { RenderedResource, RenderedStack, RenderMode, UNKNOWN_VALUE } from "./renderedStackFormat";

export interface RenderJob {
    /** Working directory of the program (its project directory), as under the Pulumi CLI. */
    cwd: string;
    /** Register ts-node (transpile only) before loading a TypeScript program. */
    typescript: boolean;
    /** Module to run: a file, or a directory whose package.json `main` names it. */
    program: string;
    project: string;
    stack: string;
    mode: RenderMode;
    config: Record<string, string>;
    secretKeys: string[];
    accountId: string;
    organizationId: string;
    /**
     * Directories of the program's own modules that only define things when loaded (no resources,
     * no config reads), which a worker may keep loaded between renders; everything else of the
     * program is loaded anew for each render.
     */
    libraryDirs?: string[];
    /**
     * Also price the stack from `config` (cli/check/stackCost.ts), which a worker that has loaded
     * trailguard's config validator for the render does cheaply; `configFile` is where `config` came
     * from, for messages.
     */
    estimateCost?: { configFile: string };
    /** Send each resource to the parent as it is registered (WorkerResponse `resources`), before the result. */
    streamResources?: boolean;
}

/** @param onRecord told of each resource as the program registers it, before the render finishes */
export async function runProgramWithMocks(job: RenderJob, onRecord?: (resource: RenderedResource) => void): Promise<RenderedStack> {
    const warnings: string[] = [];
    const region = job.config["aws:region"] ?? DEFAULT_REGION;
    pulumi.runtime.setAllConfig({ "aws:region": region, ...job.config }, job.secretKeys);
    const cloud = new MockCloud({ mode: job.mode, accountId: job.accountId, region, organizationId: job.organizationId });
    await pulumi.runtime.setMocks(cloud, job.project, job.stack, job.mode === "preview");
    const recorder = new ResourceRecorder(onRecord);
    recorder.attach(pulumi.runtime);

    const restoreWarn = captureRuntimeWarnings(warnings);
    let outputs: Record<string, unknown> | undefined;
    try {
        outputs = await pulumi.runtime.runInPulumiStack(async () => {
            const exported = require(path.resolve(job.program));
            return typeof exported === "function" ? await exported() : exported;
        });
        // Drains the registrations still in flight; nothing is sent after this.
        await pulumi.runtime.disconnect();
    } finally {
        restoreWarn();
    }

    if (job.mode === "preview") {
        // A real preview has no ids for resources it has yet to create.
        for (const resource of recorder.resources) {
            if (resource.custom) resource.outputs = { id: UNKNOWN_VALUE, ...resource.outputs };
        }
    }
    return {
        stack: job.stack,
        project: job.project,
        mode: job.mode,
        resources: recorder.resources,
        outputs: stackOutputs(recorder.resources, outputs),
        warnings,
    };
}

function captureRuntimeWarnings(into: string[]): () => void {
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
        const line = args.map(String).join(" ");
        const prefix = "warning: [runtime] ";
        if (line.startsWith(prefix)) into.push(line.slice(prefix.length));
        else original(...args);
    };
    return () => {
        console.warn = original;
    };
}

/**
 * The stack outputs as the engine receives them: what the program's root stack resource registered,
 * in the wire encoding (an unknown output is UNKNOWN_VALUE, an undefined one is no output at all).
 */
function stackOutputs(resources: readonly RenderedResource[], exported: unknown): Record<string, unknown> {
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack" && r.parent === undefined);
    if (root) return root.outputs;
    // No root stack resource recorded: the exported values, undefined ones dropped as the engine does.
    if (typeof exported !== "object" || exported === null) return {};
    return JSON.parse(JSON.stringify(exported));
}
