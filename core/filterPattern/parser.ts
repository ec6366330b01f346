// Recursive-descent parser for CloudWatch Logs JSON filter patterns, working directly on characters
// so every error can name its exact offset. Grammar (precedence as documented: () > && > ||):
//
//   pattern    := "{" or "}"
//   or         := and ("||" and)*
//   and        := primary ("&&" primary)*
//   primary    := "(" or ")" | condition
//   condition  := selector (op value | "IS NULL" | "IS TRUE" | "IS FALSE" | "NOT EXISTS")
//   selector   := "$" ("." name ("[" digits "]")*)+          name := [A-Za-z0-9_-]+
//   value      := "quoted" | %regex% | unquoted | number
import type {
    Comparison,
    ComparisonOperator,
    Expression,
    FilterPattern,
    Logical,
    PathStep,
    Selector,
    Test,
    Value,
} from "./ast";
import { MAX_REGEX_PER_PATTERN, checkRegexSource } from "./regexValue";
import { stringMatchOf } from "./stringMatch";
import { FilterPatternSyntaxError } from "./syntaxError";

/** PutMetricFilter rejects longer patterns. */
export const MAX_PATTERN_LENGTH = 1024;

/** A number as a pattern writes it; the evaluator reads numeric strings in events with the same rule. */
export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
/** Characters that end an unquoted value. */
const VALUE_END = new Set([" ", "\t", "\r", "\n", "(", ")", "{", "}", "&", "|"]);
/** Characters CloudWatch requires to be quoted; rejecting them beats guessing how AWS reads them. */
const NEEDS_QUOTES = /[$@\\"'=<>!%,;\[\]]/;

export function parseFilterPattern(text: string): FilterPattern {
    return new Parser(text).parsePattern();
}

class Parser {
    private pos = 0;
    private regexCount = 0;

    constructor(private readonly text: string) {}

    parsePattern(): FilterPattern {
        if (this.text.length > MAX_PATTERN_LENGTH) {
            throw new FilterPatternSyntaxError(
                MAX_PATTERN_LENGTH,
                `at most ${MAX_PATTERN_LENGTH} characters (the PutMetricFilter limit)`,
                `a pattern of ${this.text.length} characters`,
            );
        }
        this.skipSpace();
        if (this.peek() !== "{") {
            // Term and space-delimited patterns are valid CloudWatch syntax, but not JSON patterns.
            throw new FilterPatternSyntaxError(
                this.pos,
                `"{" to open a JSON filter pattern (trailguard evaluates JSON patterns only)`,
                this.describeHere(),
                true,
            );
        }
        this.pos++;
        const expression = this.parseOr();
        this.skipSpace();
        this.expect("}", `"&&", "||" or "}" to close the pattern`);
        this.skipSpace();
        if (this.pos < this.text.length) {
            throw this.error("end of pattern after the closing \"}\"");
        }
        return { source: this.text, expression };
    }

    private parseOr(): Expression {
        return this.parseChain("or", "||", () => this.parseAnd());
    }

    private parseAnd(): Expression {
        return this.parseChain("and", "&&", () => this.parsePrimary());
    }

    private parseChain(kind: Logical["kind"], token: "&&" | "||", operand: () => Expression): Expression {
        this.skipSpace();
        const position = this.pos;
        const operands = [operand()];
        const operatorPositions: number[] = [];
        for (;;) {
            this.skipSpace();
            if (!this.text.startsWith(token, this.pos)) break;
            operatorPositions.push(this.pos);
            this.pos += 2;
            operands.push(operand());
        }
        if (operands.length === 1) return operands[0];
        const end = operands[operands.length - 1].end;
        return { kind, operands, operatorPositions, position, end, parenthesized: false };
    }

    private parsePrimary(): Expression {
        this.skipSpace();
        if (this.peek() === "(") {
            const open = this.pos;
            this.pos++;
            const inner = this.parseOr();
            this.skipSpace();
            this.expect(")", `"&&", "||" or ")" to close the "(" at position ${open}`);
            return { ...inner, position: open, end: this.pos, parenthesized: true };
        }
        if (this.peek() === "$") return this.parseCondition();
        throw this.error(`a condition starting with "$." or "("`);
    }

    private parseCondition(): Comparison | Test {
        const selector = this.parseSelector();
        this.skipSpace();
        const operatorPosition = this.pos;
        const operator = this.readOperator();
        if (operator === undefined) {
            const keyword = this.readKeywordTest();
            if (keyword !== undefined) {
                return { kind: keyword, selector, position: selector.position, end: this.pos, parenthesized: false };
            }
            throw this.error("a comparison operator (=, !=, <, <=, >, >=) or IS NULL, IS TRUE, IS FALSE, NOT EXISTS");
        }
        this.skipSpace();
        const value = this.parseValue(operator);
        return {
            kind: "comparison",
            selector,
            operator,
            operatorPosition,
            value,
            position: selector.position,
            end: this.pos,
            parenthesized: false,
        };
    }

    private parseSelector(): Selector {
        const position = this.pos;
        this.pos++; // "$"
        const steps: PathStep[] = [];
        for (;;) {
            const ch = this.peek();
            if (ch === ".") {
                this.pos++;
                const start = this.pos;
                while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos])) this.pos++;
                if (this.pos === start) {
                    throw this.error("a property name (letters, digits, - and _) after \".\"");
                }
                steps.push(this.text.slice(start, this.pos));
            } else if (ch === "[") {
                if (steps.length === 0) {
                    throw this.error(`"." and a property name: array indexes must follow a property`);
                }
                this.pos++;
                const start = this.pos;
                while (this.pos < this.text.length && /[0-9]/.test(this.text[this.pos])) this.pos++;
                if (this.pos === start) throw this.error("an array index (digits) after \"[\"");
                const index = Number(this.text.slice(start, this.pos));
                this.expect("]", `"]" to close the array index`);
                steps.push(index);
            } else {
                break;
            }
        }
        if (steps.length === 0) throw this.error(`"." and a property name after "$"`);
        return { text: this.text.slice(position, this.pos), steps, position };
    }

    private readOperator(): ComparisonOperator | undefined {
        const two = this.text.slice(this.pos, this.pos + 2);
        if (two === "!=" || two === "<=" || two === ">=") {
            this.pos += 2;
            return two;
        }
        const one = this.peek();
        if (one === "=" || one === "<" || one === ">") {
            this.pos++;
            // `==` is a common slip; CloudWatch has no such operator.
            if (one === "=" && this.peek() === "=") throw this.error("a value after \"=\" (the operator is a single =)");
            return one;
        }
        return undefined;
    }

    private readKeywordTest(): Test["kind"] | undefined {
        const first = this.readWord();
        if (first === undefined) return undefined;
        const upper = first.word.toUpperCase();
        if (upper !== "IS" && upper !== "NOT") {
            this.pos = first.start;
            return undefined;
        }
        this.skipSpace();
        const second = this.readWord();
        const secondUpper = second?.word.toUpperCase();
        if (upper === "IS") {
            if (secondUpper === "NULL") return "isNull";
            if (secondUpper === "TRUE") return "isTrue";
            if (secondUpper === "FALSE") return "isFalse";
            if (second) this.pos = second.start;
            throw this.error("NULL, TRUE or FALSE after IS");
        }
        if (secondUpper === "EXISTS") return "notExists";
        if (second) this.pos = second.start;
        throw this.error("EXISTS after NOT");
    }

    private readWord(): { word: string; start: number } | undefined {
        const start = this.pos;
        while (this.pos < this.text.length && /[A-Za-z]/.test(this.text[this.pos])) this.pos++;
        if (this.pos === start) return undefined;
        return { word: this.text.slice(start, this.pos), start };
    }

    private parseValue(operator: ComparisonOperator): Value {
        const position = this.pos;
        const ch = this.peek();
        const ordering = operator !== "=" && operator !== "!=";
        if (ch === undefined || ch === "}" || ch === ")" || ch === "&" || ch === "|") {
            throw this.error(ordering ? `a number after "${operator}"` : `a value after "${operator}"`);
        }
        if (ch === '"') {
            if (ordering) throw this.error(`a number after "${operator}" (only = and != compare strings)`);
            const text = this.readQuoted();
            return { type: "string", text, quoted: true, match: stringMatchOf(text), position };
        }
        if (ch === "%") {
            if (ordering) throw this.error(`a number after "${operator}" (only = and != take a regex)`);
            return this.readRegex();
        }
        const start = this.pos;
        while (this.pos < this.text.length && !VALUE_END.has(this.text[this.pos])) {
            const c = this.text[this.pos];
            if (NEEDS_QUOTES.test(c) || c.charCodeAt(0) > 0x7e || c.charCodeAt(0) < 0x20) {
                throw new FilterPatternSyntaxError(
                    this.pos,
                    "a value in double quotes (unquoted values may hold letters, digits and . _ - * : / + only)",
                    JSON.stringify(c),
                );
            }
            this.pos++;
        }
        const raw = this.text.slice(start, this.pos);
        if (NUMBER.test(raw)) return { type: "number", raw, value: Number(raw), position };
        if (ordering) {
            this.pos = start;
            throw this.error(`a number after "${operator}" (an integer or decimal, optionally signed, with an optional exponent)`);
        }
        return { type: "string", text: raw, quoted: false, match: stringMatchOf(raw), position };
    }

    private readQuoted(): string {
        const open = this.pos;
        this.pos++;
        let out = "";
        while (this.pos < this.text.length) {
            const c = this.text[this.pos];
            if (c === '"') {
                this.pos++;
                return out;
            }
            if (c === "\\" && (this.text[this.pos + 1] === '"' || this.text[this.pos + 1] === "\\")) {
                out += this.text[this.pos + 1];
                this.pos += 2;
                continue;
            }
            out += c;
            this.pos++;
        }
        throw new FilterPatternSyntaxError(this.pos, `a closing '"' for the value opened at position ${open}`, "end of pattern");
    }

    private readRegex(): Value {
        const position = this.pos;
        const close = this.text.indexOf("%", position + 1);
        if (close < 0) {
            throw new FilterPatternSyntaxError(this.text.length, `a closing "%" for the regex opened at position ${position}`, "end of pattern");
        }
        const source = this.text.slice(position + 1, close);
        const problem = checkRegexSource(source);
        if (problem) throw new FilterPatternSyntaxError(position + 1 + problem.offset, problem.expected, problem.found);
        this.regexCount++;
        if (this.regexCount > MAX_REGEX_PER_PATTERN) {
            throw new FilterPatternSyntaxError(
                position,
                `at most ${MAX_REGEX_PER_PATTERN} regular expressions in one pattern (a CloudWatch quota)`,
                `regex number ${this.regexCount}`,
            );
        }
        this.pos = close + 1;
        return { type: "regex", source, position };
    }

    private expect(token: string, expected: string): void {
        this.skipSpace();
        if (!this.text.startsWith(token, this.pos)) throw this.error(expected);
        this.pos += token.length;
    }

    private skipSpace(): void {
        while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
    }

    private peek(): string | undefined {
        return this.text[this.pos];
    }

    private describeHere(): string {
        if (this.pos >= this.text.length) return "end of pattern";
        const word = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.pos, this.pos + 40));
        return JSON.stringify(word ? word[0] : this.text[this.pos]);
    }

    private error(expected: string): FilterPatternSyntaxError {
        return new FilterPatternSyntaxError(this.pos, expected, this.describeHere());
    }
}
