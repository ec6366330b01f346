// The URNs a resource's `aliases` resolve to. The SDK sends aliases to a monitor that supports
// structured aliases (the mock does) as specs, each naming only what changed: name, type, parent,
// stack or project. The engine turns each spec into the URN it stands for; this does the same, so
// the URN contract test can tell a rename that keeps its old URN from one that replaces.

/** The parts of a RegisterResourceRequest this needs (generated protobuf accessors). */
interface AliasRequest {
    getName(): string;
    getType(): string;
    getParent(): string;
    getAliasesList(): AliasMessage[];
    /** Aliases a monitor without structured aliases receives as URNs already. */
    getAliasurnsList(): string[];
}

interface AliasMessage {
    hasUrn(): boolean;
    getUrn(): string;
    getSpec(): AliasSpec | undefined;
}

interface AliasSpec {
    getName(): string;
    getType(): string;
    getStack(): string;
    getProject(): string;
    getParenturn(): string;
    getNoparent(): boolean;
}

/**
 * `urn` is the resource's own URN: its stack and project are the defaults of every spec.
 * `parentAliases` are the old URNs of its parent: as the engine does, a child is also found under
 * each of them (renaming a component's type token moves every child's URN with it).
 */
export function aliasUrns(req: AliasRequest, urn: string, parentAliases: readonly string[] = []): string[] {
    const [, stack, project] = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(urn) ?? [];
    const found = new Set<string>(req.getAliasurnsList());
    const underParent = (parentUrn: string, type: string, name: string, specStack = "", specProject = "") =>
        found.add(resourceUrn({ stack: specStack || stack!, project: specProject || project!, parentUrn, type, name }));
    for (const parentAlias of parentAliases) underParent(parentAlias, req.getType(), req.getName());
    for (const alias of req.getAliasesList()) {
        if (alias.hasUrn()) {
            found.add(alias.getUrn());
            continue;
        }
        const spec = alias.getSpec();
        if (!spec) continue;
        const type = spec.getType() || req.getType();
        const name = spec.getName() || req.getName();
        if (spec.getNoparent()) {
            underParent("", type, name, spec.getStack(), spec.getProject());
        } else if (spec.getParenturn()) {
            underParent(spec.getParenturn(), type, name, spec.getStack(), spec.getProject());
        } else {
            for (const parent of [req.getParent(), ...parentAliases]) underParent(parent, type, name, spec.getStack(), spec.getProject());
        }
    }
    found.delete(urn);
    return [...found];
}

/** `urn:pulumi:<stack>::<project>::<parent's type>$<type>::<name>`, as the engine forms it: only the
 * parent's own type, not its whole chain. */
function resourceUrn(parts: { stack: string; project: string; parentUrn: string; type: string; name: string }): string {
    const parentType = parts.parentUrn ? parts.parentUrn.split("::")[2]!.split("$").pop() : undefined;
    const chain = parentType ? `${parentType}$${parts.type}` : parts.type;
    return `urn:pulumi:${parts.stack}::${parts.project}::${chain}::${parts.name}`;
}
