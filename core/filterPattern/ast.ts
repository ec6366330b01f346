// The parsed form of a CloudWatch Logs JSON filter pattern (`{ $.a = "b" && ... }`). Every node keeps
// its offset in the pattern text so the linter and error messages can point at it.

export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** One step of a selector: a property name (`.eventName`) or an array index (`[0]`). */
export type PathStep = string | number;

export interface Selector {
    /** As written, e.g. `$.userIdentity.type`. */
    readonly text: string;
    readonly steps: readonly PathStep[];
    readonly position: number;
}

/**
 * How a string value matches, after its `*` wildcards are read. CloudWatch honours `*` only at the
 * start and end of a value; a `*` inside (`Ev*ent`) is a literal character.
 */
export type StringMatch =
    | { readonly kind: "exact"; readonly text: string }
    | { readonly kind: "prefix"; readonly text: string }
    | { readonly kind: "suffix"; readonly text: string }
    | { readonly kind: "contains"; readonly text: string }
    | { readonly kind: "any" };

export interface StringValue {
    readonly type: "string";
    /** The value with quotes and escapes removed, wildcards still in it. */
    readonly text: string;
    readonly quoted: boolean;
    readonly match: StringMatch;
    readonly position: number;
}

export interface NumberValue {
    readonly type: "number";
    /** As written (`+1000`, `10e-3`), for printing. */
    readonly raw: string;
    readonly value: number;
    readonly position: number;
}

export interface RegexValue {
    readonly type: "regex";
    /** The expression between the `%` signs. */
    readonly source: string;
    readonly position: number;
}

export type Value = StringValue | NumberValue | RegexValue;

interface NodeBase {
    /** Offset of the node's first character in the pattern text. */
    readonly position: number;
    /** Offset just past the node's last character. */
    readonly end: number;
    /** True when the node was written inside its own parentheses. */
    readonly parenthesized: boolean;
}

export interface Comparison extends NodeBase {
    readonly kind: "comparison";
    readonly selector: Selector;
    readonly operator: ComparisonOperator;
    readonly operatorPosition: number;
    readonly value: Value;
}

/** `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`. */
export interface Test extends NodeBase {
    readonly kind: "isNull" | "notExists" | "isTrue" | "isFalse";
    readonly selector: Selector;
}

export interface Logical extends NodeBase {
    readonly kind: "and" | "or";
    /** Two or more operands, in pattern order. */
    readonly operands: readonly Expression[];
    /** Offsets of the `&&` / `||` tokens joining the operands. */
    readonly operatorPositions: readonly number[];
}

export type Condition = Comparison | Test;
export type Expression = Condition | Logical;

export interface FilterPattern {
    /** The pattern text as given. */
    readonly source: string;
    readonly expression: Expression;
}

export function isLogical(node: Expression): node is Logical {
    return node.kind === "and" || node.kind === "or";
}

/** Operands of nested groups of the same operator, in order: (a || b) || c gives a, b, c. */
export function flatten(node: Logical): Expression[] {
    const out: Expression[] = [];
    for (const child of node.operands) {
        if (child.kind === node.kind) out.push(...flatten(child));
        else out.push(child);
    }
    return out;
}
