// Turns what is wrong with the config into the one-line-per-problem form users read:
//   trailguard:<key path>: got <value given>, expected <what would be accepted>
// Zod's own wording and structure never reach the user.
import type { z } from "zod";

export const NAMESPACE = "trailguard";

export type ConfigPath = readonly (string | number)[];

/** `retention.archive.transitions[1].days`; keys that are not plain words are quoted, as `--path` wants them. */
export function formatPath(path: ConfigPath): string {
    let text = "";
    for (const step of path) {
        if (typeof step === "number") text += `[${step}]`;
        else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) text += text === "" ? step : `.${step}`;
        else text += `[${JSON.stringify(step)}]`;
    }
    return text;
}

export function configKey(path: ConfigPath): string {
    return `${NAMESPACE}:${formatPath(path)}`;
}

const MAX_VALUE_TEXT = 80;

/** The value as the user wrote it, short enough for one line. */
export function describeValue(value: unknown): string {
    if (value === undefined) return "no value";
    const text = JSON.stringify(value) ?? String(value);
    return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

/** One problem line. A message starting with "expected" gets the value given in front of it. */
export function problemLine(path: ConfigPath, value: unknown, message: string): string {
    if (message.startsWith("expected")) {
        return `${configKey(path)}: ${value === undefined ? "missing" : `got ${describeValue(value)}`}, ${message}`;
    }
    return `${configKey(path)}: ${message}`;
}

export function valueAt(root: unknown, path: ConfigPath): unknown {
    let node: unknown = root;
    for (const step of path) {
        if (node === null || typeof node !== "object") return undefined;
        node = (node as Record<string | number, unknown>)[step];
    }
    return node;
}

/** Lines for zod issues, in the order zod found them; `root` is the parsed config the paths point into. */
export function issueLines(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: ConfigPath = []): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
        const path = [...prefix, ...(issue.path as (string | number)[])];
        switch (issue.code) {
            case "unrecognized_keys":
                for (const key of issue.keys) lines.push(`${configKey([...path, key])}: unknown key; ${issue.message}`);
                break;
            case "invalid_key":
                // Record keys (alarm ids, tag keys): the nested message names the key itself.
                for (const inner of issue.issues) lines.push(`${configKey(path)}: ${inner.message}`);
                break;
            case "invalid_union": {
                // Report the branch that got furthest into the value (e.g. one bad ARN in a list),
                // else the union's own summary of what it accepts.
                const deepest = issue.errors
                    .filter((branch) => branch.some((inner) => inner.path.length > 0))
                    .sort((a, b) => depth(b) - depth(a))[0];
                if (deepest) lines.push(...issueLines(deepest, root, path));
                else lines.push(problemLine(path, valueAt(root, path), issue.message));
                break;
            }
            default:
                lines.push(problemLine(path, valueAt(root, path), issue.message));
        }
    }
    return [...new Set(lines)];
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
    return Math.max(...issues.map((issue) => issue.path.length));
}
