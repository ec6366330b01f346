// AnalyzeStack speed: @pulumi/policy's server deserializes every resource of the stack again for
// each stack policy (server.js, makeAnalyzeStackRpcFun), so a pack with many focused stack policies
// pays that walk many times over on large stacks. The protobuf Struct of a resource is the same
// object for every policy of one request, so the plain-JSON result can be shared: policies get it
// through their own unknown-checking proxy and never mutate it. If the SDK's module shape changes,
// this does nothing and the pack stays correct, only slower. SDK internals relied on: server.js
// calls `deserialize_1.deserializeProperties(struct, proxySecrets)` through the module's exports
// object, and the plain (proxySecrets false) result is never mutated. Installed by index.ts.
// @pulumi/policy/deserialize loads @pulumi/pulumi, so it is required here, when installed (after
// deferredSdkModules.ts), not when this module is imported.

type DeserializeProperties = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

export function shareDeserializedProperties(): boolean {
    let module: { deserializeProperties?: DeserializeProperties };
    try {
        module = require("@pulumi/policy/deserialize");
    } catch {
        return false;
    }
    const original = module.deserializeProperties;
    if (typeof original !== "function") return false;
    // Secrets-preserving results are proxies with their own state; only the plain form is shared.
    const plain = new WeakMap<object, Record<string, unknown>>();
    const shared: DeserializeProperties = (struct, proxySecrets) => {
        if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
        let props = plain.get(struct);
        if (props === undefined) {
            props = original(struct, false);
            plain.set(struct, props);
        }
        return props;
    };
    try {
        module.deserializeProperties = shared;
    } catch {
        return false;
    }
    return module.deserializeProperties === shared;
}
