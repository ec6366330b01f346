// Parses the YAML of Pulumi.yaml and stack settings files with messages a user can act on: the
// file, the line, and what is wrong there. The yaml library's own messages end in a code frame
// ("Map keys must be unique at line 93, column 3:" then the text), which one line cannot carry;
// here the frame becomes the quoted line, a duplicate key is named with both its lines, and
// `.nan` / `.inf`, which JSON (the form a program receives its config in) would turn into null,
// are reported as what they are.
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Scalar, visit } from "yaml";
import { UserError } from "../userError";

/** The parsed document; a UserError naming the file and line for the first problem in it. */
export function parseYamlFile(file: string, text: string): Document {
    const lines = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: true, lineCounter: lines });
    const duplicate = firstDuplicateKey(doc, lines);
    if (duplicate) {
        throw new UserError(
            `${file}:${duplicate.line}: key "${duplicate.key}" appears twice in one mapping (first on line ${duplicate.firstLine}); ` +
                `keep one and merge what they hold — line ${duplicate.line}: ${quoteLine(text, duplicate.line)}`,
        );
    }
    if (doc.errors.length > 0) {
        const error = doc.errors[0];
        const line = error.linePos?.[0].line;
        const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        throw new UserError(`${file}${line ? `:${line}` : ""}: not valid YAML: ${what}${line ? ` — line ${line}: ${quoteLine(text, line)}` : ""}`);
    }
    const nonFinite = firstNonFiniteNumber(doc, lines);
    if (nonFinite) {
        const meaning = Number.isNaN(nonFinite.value) ? "YAML's not-a-number" : "YAML's infinity";
        throw new UserError(`${file}:${nonFinite.line}: ${nonFinite.key}: got ${nonFinite.source} (${meaning}), expected a finite number`);
    }
    return doc;
}

function quoteLine(text: string, line: number): string {
    return JSON.stringify(text.split(/\r?\n/)[line - 1] ?? "");
}

function firstDuplicateKey(doc: Document, lines: LineCounter): { key: string; line: number; firstLine: number } | undefined {
    let found: { key: string; line: number; firstLine: number } | undefined;
    visit(doc, {
        Map(_key, map) {
            const seen = new Map<string, number>();
            for (const pair of map.items) {
                if (!isScalar(pair.key) || !pair.key.range) continue;
                const key = String(pair.key.value);
                const line = lines.linePos(pair.key.range[0]).line;
                const first = seen.get(key);
                if (first !== undefined) {
                    found = { key, line, firstLine: first };
                    return visit.BREAK;
                }
                seen.set(key, line);
            }
            return undefined;
        },
    });
    return found;
}

function firstNonFiniteNumber(doc: Document, lines: LineCounter): { key: string; source: string; value: number; line: number } | undefined {
    let found: { key: string; source: string; value: number; line: number } | undefined;
    visit(doc, {
        Scalar(_key, node, ancestors) {
            if (typeof node.value !== "number" || Number.isFinite(node.value) || !node.range) return undefined;
            found = { key: keyPath(ancestors, node), source: (node as Scalar & { source?: string }).source ?? String(node.value), value: node.value, line: lines.linePos(node.range[0]).line };
            return visit.BREAK;
        },
    });
    return found;
}

/** `trailguard:alarms.defaults.threshold` (a stack file's `config:` level left out), `items[2]` for lists. */
function keyPath(ancestors: readonly unknown[], node: unknown): string {
    let path = "";
    const chain = [...ancestors, node];
    for (let i = 0; i < chain.length - 1; i++) {
        const parent = chain[i];
        const child = chain[i + 1];
        if (isPair(parent) && child === parent.value && isScalar(parent.key)) {
            const name = String(parent.key.value);
            if (path === "" && name === "config" && isMap(chain[i - 1])) continue;
            path += path === "" ? name : `.${name}`;
        } else if (isSeq(parent)) {
            path += `[${parent.items.indexOf(child as never)}]`;
        }
    }
    return path || "(the document)";
}
