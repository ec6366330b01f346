// AnalyzeStack speed on large stacks: @pulumi/policy's server walks every resource of the request
// once per stack policy, building a policy resource for each (server.js, makeAnalyzeStackRpcFun).
// Every stack policy of this pack reads only the resource types of a CloudTrail setup
// (stackGraph.ts RELEVANT_TYPES; the graph drops all others), so the pack hands the SDK only those:
// the verdict is the same and a 10,000-resource stack costs what its few audit resources cost.
// If the SDK's proto module is not where it is expected, this does nothing: correct, only slower.
import * as path from "path";
import { RELEVANT_TYPES } from "./stackGraph";

// The stack resource too: stack-wide findings are reported against its URN.
const KEPT_TYPES: ReadonlySet<string> = new Set([...RELEVANT_TYPES, "pulumi:pulumi:Stack"]);

interface AnalyzerResourceMessage {
    getType(): string;
}

interface AnalyzeStackRequestClass {
    prototype: { getResourcesList(): AnalyzerResourceMessage[] };
}

export function analyzeOnlyAuditResources(): boolean {
    let requestClass: AnalyzeStackRequestClass | undefined;
    try {
        // The proto module the policy server itself uses, resolved from its own location.
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const protoPath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] });
        requestClass = require(protoPath).AnalyzeStackRequest as AnalyzeStackRequestClass | undefined;
    } catch {
        return false;
    }
    const original = requestClass?.prototype?.getResourcesList;
    if (!requestClass || typeof original !== "function") return false;
    const filtered = new WeakMap<object, AnalyzerResourceMessage[]>();
    requestClass.prototype.getResourcesList = function (this: object): AnalyzerResourceMessage[] {
        let resources = filtered.get(this);
        if (resources === undefined) {
            resources = original.call(this).filter((r) => KEPT_TYPES.has(r.getType()));
            filtered.set(this, resources);
        }
        return resources;
    };
    return true;
}
