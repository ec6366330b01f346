// Pitfalls that make a CloudTrail alarm silently wrong while AWS happily accepts the pattern.
import { isLogical, type Comparison, type Expression, type FilterPattern, type Logical, type StringMatch } from "./ast";
import { ALWAYS_PRESENT_FIELDS, KNOWN_VALUES, OBJECT_FIELDS, oftenMissing } from "./cloudTrailFields";
import { formatAsPattern, formatCondition } from "./format";
import { parseFilterPattern } from "./parser";
import { stringMatcher } from "./stringMatch";

export type LintCode =
    | "mixed-and-or-without-parentheses"
    | "matches-nearly-everything"
    | "not-equals-on-often-missing-field"
    | "case-mismatch"
    | "selector-reaches-object"
    | "literal-asterisk"
    | "never-matches";

export interface LintFinding {
    code: LintCode;
    message: string;
    /** Offset in the pattern text the finding is about. */
    position?: number;
}

/** Lints a pattern; text that does not parse throws FilterPatternSyntaxError. */
export function lintFilterPattern(pattern: string | FilterPattern): LintFinding[] {
    const parsed = typeof pattern === "string" ? parseFilterPattern(pattern) : pattern;
    const findings: LintFinding[] = [];
    checkMixedOperators(parsed.expression, findings);
    checkBroadness(parsed.expression, findings);
    visitConditions(parsed.expression, [], (node, andContext) => checkCondition(node, andContext, findings));
    return findings.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

/** `A || B && C` means `A || (B && C)`; written without brackets it is usually not what was meant. */
function checkMixedOperators(node: Expression, findings: LintFinding[]): void {
    if (!isLogical(node)) return;
    if (node.kind === "or") {
        for (const operand of node.operands) {
            if (operand.kind === "and" && !operand.parenthesized) {
                findings.push({
                    code: "mixed-and-or-without-parentheses",
                    position: operand.operatorPositions[0],
                    message:
                        `&& binds tighter than ||, so this reads as ${formatAsPattern(node)}; ` +
                        `add parentheses to say which grouping you mean`,
                });
            }
        }
    }
    for (const operand of node.operands) checkMixedOperators(operand, findings);
}

/**
 * A pattern is "broad" when it holds for almost any CloudTrail record: a `!=` or `= *` on a field every
 * record has, or NOT EXISTS on a field most records lack. An OR with one broad branch is broad; an AND
 * only when all its branches are.
 */
function checkBroadness(expression: Expression, findings: LintFinding[]): void {
    const culprit = broadTerm(expression);
    if (culprit === undefined) return;
    findings.push({
        code: "matches-nearly-everything",
        position: isLogical(culprit) ? culprit.position : culprit.selector.position,
        message:
            `this pattern matches nearly every CloudTrail event: ${formatCondition(culprit)} is true for ` +
            `${culprit.kind === "notExists" ? "every record without that field" : "every record with any other value"}` +
            `, and nothing else in the pattern narrows it down. An alarm on it fires on ordinary traffic.`,
    });
}

function broadTerm(node: Expression): Expression | undefined {
    switch (node.kind) {
        case "or":
            for (const operand of node.operands) {
                const found = broadTerm(operand);
                if (found) return found;
            }
            return undefined;
        case "and": {
            let first: Expression | undefined;
            for (const operand of node.operands) {
                const found = broadTerm(operand);
                if (!found) return undefined;
                first ??= found;
            }
            return first;
        }
        case "comparison": {
            const field = fieldName(node);
            if (field === undefined || !ALWAYS_PRESENT_FIELDS.has(field)) return undefined;
            const anyValue = node.value.type === "string" && node.value.match.kind === "any";
            if (node.operator === "!=" && !anyValue) return node;
            if (node.operator === "=" && anyValue) return node;
            return undefined;
        }
        case "notExists": {
            const field = fieldName(node);
            return field !== undefined && oftenMissing(field) !== undefined ? node : undefined;
        }
        default:
            return undefined;
    }
}

type ConditionNode = Exclude<Expression, Logical>;

/** Calls `visit` for every condition with the AND groups that enclose it. */
function visitConditions(node: Expression, ands: Logical[], visit: (node: ConditionNode, ands: Logical[]) => void): void {
    if (isLogical(node)) {
        const inner = node.kind === "and" ? [...ands, node] : ands;
        for (const operand of node.operands) visitConditions(operand, inner, visit);
    } else {
        visit(node, ands);
    }
}

function checkCondition(node: ConditionNode, ands: Logical[], findings: LintFinding[]): void {
    const field = fieldName(node);
    if (field !== undefined && OBJECT_FIELDS.has(field)) {
        findings.push({
            code: "selector-reaches-object",
            position: node.selector.position,
            message: `${node.selector.text} is an object in CloudTrail records, and a selector that reaches an object or array never matches; select a field inside it`,
        });
    }
    if (node.kind !== "comparison") return;
    const value = node.value;
    if (node.operator === "!=" && field !== undefined) {
        const alwaysOn = oftenMissing(field);
        if (alwaysOn !== undefined && !constrainedTo(ands, alwaysOn)) {
            findings.push({
                code: "not-equals-on-often-missing-field",
                position: node.operatorPosition,
                message:
                    `${node.selector.text} is absent from many CloudTrail records, and != on a missing field is false: ` +
                    `those records never match this term. If they should, write (${node.selector.text} NOT EXISTS || ${formatCondition(node)}).`,
            });
        }
    }
    if (value.type === "string") {
        if (value.match.kind === "any" && node.operator === "!=") {
            findings.push({
                code: "never-matches",
                position: value.position,
                message: `${formatCondition(node)} is never true: every value matches *`,
            });
        }
        // Asked of the parsed match, not the raw text, so lint and evaluation read `*` the same way.
        if (value.match.kind !== "any" && value.match.text.includes("*")) {
            findings.push({
                code: "literal-asterisk",
                position: value.position,
                message: `CloudWatch reads a * inside a value literally ("Ev*ent" matches only the text Ev*ent); only one leading and one trailing * are wildcards`,
            });
        }
        if (field !== undefined) checkCase(node, field, value.match, findings);
    }
}

/** True when enclosing ANDs pin $.eventName to events on which the field is always written. */
function constrainedTo(ands: Logical[], events: readonly string[]): boolean {
    if (events.length === 0) return false;
    for (const and of ands) {
        for (const operand of and.operands) {
            const names = eventNamesOf(operand);
            if (names && names.every((n) => events.includes(n))) return true;
        }
    }
    return false;
}

/** The event names an `$.eventName = X` term (or an OR of them) allows, or undefined. */
function eventNamesOf(node: Expression): string[] | undefined {
    if (node.kind === "comparison") {
        if (fieldName(node) === "eventName" && node.operator === "=" && node.value.type === "string" && node.value.match.kind === "exact") {
            return [node.value.match.text];
        }
        return undefined;
    }
    if (node.kind === "or") {
        const all: string[] = [];
        for (const operand of node.operands) {
            const names = eventNamesOf(operand);
            if (!names) return undefined;
            all.push(...names);
        }
        return all;
    }
    return undefined;
}

function checkCase(node: Comparison, field: string, match: StringMatch, findings: LintFinding[]): void {
    if (match.kind === "any") return;
    const position = node.value.position;
    const known = KNOWN_VALUES.get(field);
    if (known) {
        if (known.some(stringMatcher(match))) return;
        const foldedMatches = stringMatcher({ ...match, text: match.text.toLowerCase() });
        const folded = known.find((k) => foldedMatches(k.toLowerCase()));
        if (folded !== undefined) {
            findings.push({
                code: "case-mismatch",
                position,
                message: `CloudTrail writes ${node.selector.text} as "${folded}"; comparisons are case-sensitive, so "${match.text}" never matches it`,
            });
        }
        return;
    }
    if (field === "eventSource" && /[A-Z]/.test(match.text)) {
        findings.push({
            code: "case-mismatch",
            position,
            message: `CloudTrail event sources are lower case (e.g. "kms.amazonaws.com"); comparisons are case-sensitive, so "${match.text}" never matches`,
        });
    }
    if (field === "eventName" && (match.kind === "exact" || match.kind === "prefix") && /^[a-z]/.test(match.text)) {
        findings.push({
            code: "case-mismatch",
            position,
            message: `CloudTrail event names start with a capital letter (e.g. "ConsoleLogin"); comparisons are case-sensitive, so "${match.text}" never matches`,
        });
    }
}

/** `$.a.b` as "a.b", or undefined when the selector indexes an array. */
function fieldName(node: ConditionNode): string | undefined {
    const steps = node.selector.steps;
    return steps.every((s) => typeof s === "string") ? steps.join(".") : undefined;
}
