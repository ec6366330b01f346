// Prints a rendered stack as an indented tree of resources (parent → children), with the options
// that matter for an audit trail (protect, retainOnDelete) and the inputs of each custom resource.
import { isSecret, isUnknown, RenderedResource, RenderedStack } from "../mockEngine/renderedStackFormat";
import { escapeControlCharacters } from "./terminalText";

export function formatResourceTree(stack: RenderedStack, options: { inputs: boolean } = { inputs: true }): string {
    const children = new Map<string | undefined, RenderedResource[]>();
    const urns = new Set(stack.resources.map((r) => r.urn));
    for (const resource of stack.resources) {
        const parent = resource.parent && urns.has(resource.parent) ? resource.parent : undefined;
        const list = children.get(parent) ?? [];
        list.push(resource);
        children.set(parent, list);
    }
    const lines: string[] = [`stack ${stack.stack} (${stack.mode}): ${stack.resources.length} resources`];
    const walk = (parent: string | undefined, indent: string) => {
        for (const resource of children.get(parent) ?? []) {
            const flags = [
                resource.options.protect ? "protect" : "",
                resource.options.retainOnDelete ? "retainOnDelete" : "",
            ].filter(Boolean);
            lines.push(`${indent}${resource.type}  ${resource.name}${flags.length ? `  [${flags.join(", ")}]` : ""}`);
            if (options.inputs && resource.custom) {
                for (const line of formatValue(resource.inputs, 0)) lines.push(`${indent}    ${line}`);
            }
            walk(resource.urn, indent + "  ");
        }
    };
    walk(undefined, "  ");
    for (const warning of stack.warnings) lines.push(`warning: ${warning}`);
    // Each line is one entry; a value's own line breaks and control characters are shown, not obeyed.
    return lines.map((line) => escapeControlCharacters(line)).join("\n") + "\n";
}

function formatValue(value: Record<string, unknown>, depth: number): string[] {
    const lines: string[] = [];
    for (const [key, item] of Object.entries(value)) {
        if (key === "__defaults") continue;
        lines.push(...formatEntry(key, item, depth));
    }
    return lines;
}

function formatEntry(key: string, item: unknown, depth: number): string[] {
    const pad = "  ".repeat(depth);
    if (isSecret(item)) return [`${pad}${key}: [secret]`];
    if (typeof item === "string" && looksLikeJsonDocument(item)) {
        const pretty = JSON.stringify(JSON.parse(item), null, 2).split("\n");
        return [`${pad}${key}: ${pretty[0]}`, ...pretty.slice(1).map((l) => `${pad}${" ".repeat(key.length + 2)}${l}`)];
    }
    if (Array.isArray(item)) {
        if (item.every((v) => typeof v !== "object" || v === null)) return [`${pad}${key}: [${item.map(scalar).join(", ")}]`];
        return [`${pad}${key}:`, ...item.flatMap((v, i) => formatEntry(`- [${i}]`, v, depth + 1))];
    }
    if (typeof item === "object" && item !== null) return [`${pad}${key}:`, ...formatValue(item as Record<string, unknown>, depth + 1)];
    return [`${pad}${key}: ${scalar(item)}`];
}

function scalar(value: unknown): string {
    if (isUnknown(value)) return "(known after apply)";
    return typeof value === "string" ? value : JSON.stringify(value);
}

function looksLikeJsonDocument(text: string): boolean {
    if (!text.startsWith("{") || !text.endsWith("}") || !text.includes('"')) return false;
    try {
        JSON.parse(text);
        return true;
    } catch {
        return false;
    }
}
