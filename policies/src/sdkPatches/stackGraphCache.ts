// One StackGraph per AnalyzeStack request instead of one per stack policy. The SDK gives each stack
// policy fresh resource objects, but their props proxy the same deserialized objects when
// sharedDeserialization.ts is active, so the first and last resources' proxy targets identify the
// request. Without that sharing the targets differ, nothing is reused, and each policy builds its own.
// SDK internal relied on: @pulumi/policy's unknown-checking proxy (proxy.js) answers the key
// `__getSpecialProxyTarget` with the object it wraps. Enabled by index.ts installPackPatches, with
// the shared deserialization; until then (and on other SDK versions) no private key is read and
// every call builds its own graph.
import type { PolicyResource } from "@pulumi/policy";
import { StackGraph } from "../stackGraph";

// @pulumi/policy's unknown-checking proxy answers this key with the object it wraps (proxy.ts).
const PROXY_TARGET = "__getSpecialProxyTarget";

const graphs = new WeakMap<object, { last: object | undefined; count: number; graph: StackGraph }>();
let enabled = false;

/** Turns the cache on: only once deserialized properties are shared between stack policies. */
export function enableStackGraphCache(): boolean {
    enabled = true;
    return true;
}

function targetOf(resource: PolicyResource | undefined): object | undefined {
    const props = resource?.props as Record<string, unknown> | undefined;
    const target = props?.[PROXY_TARGET];
    return typeof target === "object" && target !== null ? target : undefined;
}

export function stackGraphOf(resources: readonly PolicyResource[]): StackGraph {
    if (!enabled) return new StackGraph(resources);
    const first = targetOf(resources[0]);
    const last = targetOf(resources[resources.length - 1]);
    const cached = first ? graphs.get(first) : undefined;
    if (cached && cached.last === last && cached.count === resources.length) return cached.graph;
    const graph = new StackGraph(resources);
    if (first) graphs.set(first, { last, count: resources.length, graph });
    return graph;
}
