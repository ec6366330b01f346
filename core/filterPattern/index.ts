// CloudWatch Logs JSON filter patterns: parse, evaluate, lint, print. Self-contained (policies/src
// only) so the policy pack, published alone, can use it.
import type { FilterPattern } from "./ast";
import { parseFilterPattern } from "./parser";
import { FilterPatternSyntaxError } from "./syntaxError";

export type {
    Comparison,
    ComparisonOperator,
    Condition,
    Expression,
    FilterPattern,
    Logical,
    NumberValue,
    PathStep,
    RegexValue,
    Selector,
    StringMatch,
    StringValue,
    Test,
    Value,
} from "./ast";
export { compileFilterPattern, type EventMatcher } from "./compile";
export { formatFilterPattern, formatFilterPatternTree } from "./format";
export { lintFilterPattern, type LintCode, type LintFinding } from "./lint";
export { MAX_PATTERN_LENGTH, parseFilterPattern } from "./parser";
export { MAX_REGEX_PER_PATTERN } from "./regexValue";
export { FilterPatternSyntaxError } from "./syntaxError";

export type ParseResult = { ok: true; pattern: FilterPattern } | { ok: false; error: FilterPatternSyntaxError };

/** Parses without throwing on a syntax error (other errors are bugs and still throw). */
export function tryParseFilterPattern(text: string): ParseResult {
    try {
        return { ok: true, pattern: parseFilterPattern(text) };
    } catch (err) {
        if (err instanceof FilterPatternSyntaxError) return { ok: false, error: err };
        throw err;
    }
}

/** The pattern text with a caret under the error position, for CLI and config messages. */
export function describeSyntaxError(text: string, error: FilterPatternSyntaxError): string {
    return `${text}\n${caretUnder(text, error.position)} ${error.message}`;
}

/** The line to print under `text` to point at `position` (at most just past the end). */
export function caretUnder(text: string, position: number): string {
    return `${" ".repeat(Math.min(position, text.length))}^`;
}
