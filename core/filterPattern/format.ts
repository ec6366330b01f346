// Printing a parsed pattern: a canonical one-line form (grouping made explicit, string values quoted)
// and an indented tree for `trailguard lint-pattern`. Parsing the canonical form gives the same tree.
import { flatten, isLogical, type Expression, type FilterPattern, type Value } from "./ast";

/** `{ $.a = "x" || ($.b = "y" && $.c != "z") }`: every && group under || is parenthesised. */
export function formatFilterPattern(pattern: FilterPattern): string {
    return formatAsPattern(pattern.expression);
}

/** Any (sub)expression printed as a whole pattern, braces included. */
export function formatAsPattern(expression: Expression): string {
    return `{ ${formatExpression(expression, undefined)} }`;
}

function formatExpression(node: Expression, parent: "and" | "or" | undefined): string {
    if (isLogical(node)) {
        const joined = flatten(node).map((child) => formatExpression(child, node.kind)).join(node.kind === "and" ? " && " : " || ");
        // Under a different operator the group needs brackets to keep its meaning or to show it.
        return parent !== undefined && parent !== node.kind ? `(${joined})` : joined;
    }
    return formatCondition(node);
}

export function formatCondition(node: Expression): string {
    switch (node.kind) {
        case "comparison":
            return `${node.selector.text} ${node.operator} ${formatValue(node.value)}`;
        case "isNull":
            return `${node.selector.text} IS NULL`;
        case "isTrue":
            return `${node.selector.text} IS TRUE`;
        case "isFalse":
            return `${node.selector.text} IS FALSE`;
        case "notExists":
            return `${node.selector.text} NOT EXISTS`;
        default:
            return formatExpression(node, undefined);
    }
}

function formatValue(value: Value): string {
    switch (value.type) {
        case "number":
            return value.raw;
        case "regex":
            return `%${value.source}%`;
        case "string":
            return `"${value.text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    }
}

/**
 * The pattern as a tree, one condition per line, with how each value matches:
 *
 *     OR
 *     ├─ $.errorCode = "*UnauthorizedOperation"   (ends with)
 *     └─ AND
 *        ├─ ...
 */
export function formatFilterPatternTree(pattern: FilterPattern): string {
    const lines: string[] = [];
    walk(pattern.expression, "", "", lines);
    return lines.join("\n") + "\n";
}

function walk(node: Expression, firstPrefix: string, restPrefix: string, lines: string[]): void {
    if (isLogical(node)) {
        lines.push(`${firstPrefix}${node.kind === "and" ? "AND (all of)" : "OR (any of)"}`);
        const children = flatten(node);
        children.forEach((child, i) => {
            const last = i === children.length - 1;
            walk(child, `${restPrefix}${last ? "└─ " : "├─ "}`, `${restPrefix}${last ? "   " : "│  "}`, lines);
        });
        return;
    }
    lines.push(`${firstPrefix}${formatCondition(node)}${describeMatch(node)}`);
}

function describeMatch(node: Expression): string {
    if (node.kind !== "comparison") return "";
    const v = node.value;
    if (v.type === "number") return "   (numeric)";
    if (v.type === "regex") return "   (regex, anywhere in the value)";
    switch (v.match.kind) {
        case "exact":
            return "";
        case "any":
            return node.operator === "=" ? "   (any value)" : "   (never: every value matches *)";
        case "prefix":
            return `   (starts with "${v.match.text}")`;
        case "suffix":
            return `   (ends with "${v.match.text}")`;
        case "contains":
            return `   (contains "${v.match.text}")`;
    }
}
