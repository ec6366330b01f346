// Turns a parsed pattern into a matcher over a parsed JSON event, with CloudWatch's documented
// semantics:
//   - string comparisons are case-sensitive; `*` wildcards only at the start or end of a value;
//   - a selector that reaches an object or an array never matches (neither = nor !=);
//   - a comparison on a missing field is false, so `!=` on a missing field is false;
//   - numbers compare as numbers (a numeric string such as an account id compares too);
//   - IS NULL only on JSON null, IS TRUE / IS FALSE only on JSON booleans, NOT EXISTS only when absent.
// Choices where the documentation is silent (documented in docs/filter-patterns.md):
//   - `!=` on a present scalar is exactly "not `=`";
//   - JSON null is not a value: every comparison on it is false;
//   - numbers and booleans compare with strings through their JSON text ("5", "true").
// Replay runs every matcher over millions of events, so selectors are resolved by precompiled
// closures and runs of `$.x = A || $.x = B || …` become one Set lookup; nothing allocates per event.
import { flatten, type Comparison, type Expression, type FilterPattern, type PathStep, type Test } from "./ast";
import { NUMBER, parseFilterPattern } from "./parser";
import { compileRegexSource } from "./regexValue";
import { stringMatcher } from "./stringMatch";

export type EventMatcher = (event: unknown) => boolean;

/** What a selector resolves to when the path does not exist in the event. */
const MISSING: unique symbol = Symbol("missing");
type Resolved = unknown | typeof MISSING;
type Getter = (event: unknown) => Resolved;
type ValueTest = (value: Resolved) => boolean;

export function compileFilterPattern(pattern: string | FilterPattern): EventMatcher {
    const parsed = typeof pattern === "string" ? parseFilterPattern(pattern) : pattern;
    return compileExpression(parsed.expression);
}

function compileExpression(node: Expression): EventMatcher {
    switch (node.kind) {
        case "and": {
            const parts = flatten(node).map(compileExpression);
            if (parts.length === 2) {
                const [a, b] = parts;
                return (e) => a(e) && b(e);
            }
            return (e) => {
                for (let i = 0; i < parts.length; i++) if (!parts[i](e)) return false;
                return true;
            };
        }
        case "or": {
            // Flattened so `a || (b || c)` on one selector still becomes one Set lookup.
            const parts = compileDisjuncts(flatten(node));
            if (parts.length === 1) return parts[0];
            if (parts.length === 2) {
                const [a, b] = parts;
                return (e) => a(e) || b(e);
            }
            return (e) => {
                for (let i = 0; i < parts.length; i++) if (parts[i](e)) return true;
                return false;
            };
        }
        default: {
            const get = compileGetter(node.selector.steps);
            const test = node.kind === "comparison" ? compileComparison(node) : compileTest(node);
            return (e) => test(get(e));
        }
    }
}

/** Merges exact `=` comparisons on one selector into a Set lookup; keeps the rest in order. */
function compileDisjuncts(operands: readonly Expression[]): EventMatcher[] {
    const groups = new Map<string, { steps: readonly PathStep[]; values: Set<string> }>();
    const rest: EventMatcher[] = [];
    for (const operand of operands) {
        if (
            operand.kind === "comparison" &&
            operand.operator === "=" &&
            operand.value.type === "string" &&
            operand.value.match.kind === "exact"
        ) {
            const key = JSON.stringify(operand.selector.steps);
            const group = groups.get(key) ?? { steps: operand.selector.steps, values: new Set<string>() };
            group.values.add(operand.value.match.text);
            groups.set(key, group);
        } else {
            rest.push(compileExpression(operand));
        }
    }
    const merged: EventMatcher[] = [];
    for (const { steps, values } of groups.values()) {
        const get = compileGetter(steps);
        merged.push((e) => {
            const text = scalarText(get(e));
            return text !== undefined && values.has(text);
        });
    }
    return [...merged, ...rest];
}

function compileTest(node: Test): ValueTest {
    switch (node.kind) {
        case "isNull":
            return (v) => v === null;
        case "notExists":
            return (v) => v === MISSING;
        case "isTrue":
            return (v) => v === true;
        case "isFalse":
            return (v) => v === false;
    }
}

function compileComparison(node: Comparison): ValueTest {
    const { operator, value } = node;
    if (value.type === "number") {
        const n = value.value;
        switch (operator) {
            case "=":
                return (v) => numberOf(v) === n;
            case "!=":
                return (v) => isScalar(v) && numberOf(v) !== n;
            case "<":
                return (v) => numberOf(v) < n;
            case "<=":
                return (v) => numberOf(v) <= n;
            case ">":
                return (v) => numberOf(v) > n;
            case ">=":
                return (v) => numberOf(v) >= n;
        }
    }
    const matches = value.type === "regex" ? regexMatcher(value.source) : stringMatcher(value.match);
    if (operator === "=") {
        return (v) => {
            const text = scalarText(v);
            return text !== undefined && matches(text);
        };
    }
    if (operator === "!=") {
        return (v) => {
            const text = scalarText(v);
            return text !== undefined && !matches(text);
        };
    }
    // The parser only lets numbers follow <, <=, >, >=.
    throw new Error(`internal: ${operator} with a ${value.type} value`);
}

function regexMatcher(source: string): (text: string) => boolean {
    const re = compileRegexSource(source);
    return (s) => re.test(s);
}

function isScalar(v: Resolved): boolean {
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** A scalar as string comparisons see it (numbers and booleans by their JSON text), else undefined. */
function scalarText(v: Resolved): string | undefined {
    if (typeof v === "string") return v;
    return isScalar(v) ? String(v) : undefined;
}

/** The number a JSON value stands for, or NaN (which every comparison rejects). */
function numberOf(v: Resolved): number {
    if (typeof v === "number") return v;
    if (typeof v === "string" && NUMBER.test(v)) return Number(v);
    return NaN;
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Property names an object inherits; reading them needs an own-property check. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

function compileGetter(steps: readonly PathStep[]): Getter {
    const risky = steps.some((s) => typeof s === "string" && INHERITED.has(s));
    if (!risky && steps.every((s) => typeof s === "string")) {
        const names = steps as readonly string[];
        if (names.length === 1) {
            const [a] = names;
            return (e) => {
                if (!isRecord(e)) return MISSING;
                const v = e[a];
                return v === undefined ? MISSING : v;
            };
        }
        if (names.length === 2) {
            const [a, b] = names;
            return (e) => {
                if (!isRecord(e)) return MISSING;
                const x = e[a];
                if (!isRecord(x)) return MISSING;
                const v = x[b];
                return v === undefined ? MISSING : v;
            };
        }
    }
    return (e) => {
        let cur: unknown = e;
        for (let i = 0; i < steps.length; i++) {
            const step = steps[i];
            if (typeof step === "number") {
                if (!Array.isArray(cur) || step >= cur.length) return MISSING;
                cur = cur[step];
            } else {
                if (!isRecord(cur) || !Object.prototype.hasOwnProperty.call(cur, step)) return MISSING;
                cur = cur[step];
            }
        }
        return cur === undefined ? MISSING : cur;
    };
}
