// AnalyzeStack speed: @pulumi/policy's server deserializes every resource of the stack again for
// each stack policy (server.js, makeAnalyzeStackRpcFun), so a pack with many focused stack policies
// pays that walk many times over on large stacks. The protobuf Struct of a resource is the same
// object for every policy of one request, so the plain-JSON result can be shared: policies get it
// through their own unknown-checking proxy and never mutate it. If the SDK's module shape changes,
// this does nothing and the pack stays correct, only slower.
import * as deserialize from "@pulumi/policy/deserialize";

type DeserializeProperties = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

export function shareDeserializedProperties(): boolean {
    const module = deserialize as unknown as { deserializeProperties?: DeserializeProperties };
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
