// The grammar CloudWatch documents for JSON filter patterns, and the errors for text that is not it.
import { describe, expect, it } from "vitest";
import {
    FilterPatternSyntaxError,
    MAX_PATTERN_LENGTH,
    caretUnder,
    describeSyntaxError,
    parseFilterPattern,
    tryParseFilterPattern,
    type Comparison,
    type Expression,
} from "../../core/filterPattern";

function syntaxError(text: string): FilterPatternSyntaxError {
    const result = tryParseFilterPattern(text);
    if (result.ok) throw new Error(`expected ${text} not to parse`);
    return result.error;
}

function comparison(text: string): Comparison {
    const { expression } = parseFilterPattern(text);
    if (expression.kind !== "comparison") throw new Error(`expected one comparison, got ${expression.kind}`);
    return expression;
}

/** The tree's shape as nested arrays of condition selectors, e.g. ["or", "$.a", ["and", "$.b", "$.c"]]. */
function shape(node: Expression): unknown {
    if ("operands" in node) return [node.kind, ...node.operands.map(shape)];
    return node.selector.text;
}

describe("parseFilterPattern: selectors", () => {
    it.each([
        ["{ $.eventId = x }", ["eventId"]],
        ["{ $.requestParameters.instanceId = x }", ["requestParameters", "instanceId"]],
        ["{ $.users[0] = x }", ["users", 0]],
        ["{ $.users[0].id = x }", ["users", 0, "id"]],
        ["{ $.coordinates[0][1] = x }", ["coordinates", 0, 1]],
        ["{ $.processes[4].averageRuntime <= 55.5 }", ["processes", 4, "averageRuntime"]],
        ["{ $.some-key_1 = x }", ["some-key_1"]],
    ])("%s selects %j", (text, steps) => {
        expect(comparison(text).selector.steps).toEqual(steps);
    });

    it("rejects an index that does not follow a property", () => {
        const err = syntaxError("{ $[0] = 1 }");
        expect(err.position).toBe(3);
        expect(err.expected).toContain("array indexes must follow a property");
    });

    it("rejects a selector without a property name", () => {
        expect(syntaxError("{ $. = 1 }").position).toBe(4);
        expect(syntaxError("{ $ = 1 }").expected).toContain("property name");
    });
});

describe("parseFilterPattern: values", () => {
    it("reads unquoted and quoted strings, keeping case and inner spaces", () => {
        expect(comparison("{ $.eventName = ConsoleLogin }").value).toMatchObject({ type: "string", text: "ConsoleLogin", quoted: false });
        expect(comparison('{ $.errorMessage = "Failed authentication" }').value).toMatchObject({
            type: "string",
            text: "Failed authentication",
            quoted: true,
        });
        expect(comparison('{ $.a = "say \\"hi\\"" }').value).toMatchObject({ text: 'say "hi"' });
    });

    it("reads dotted unquoted values such as event sources and IP prefixes", () => {
        expect(comparison("{ $.eventSource = kms.amazonaws.com }").value).toMatchObject({ text: "kms.amazonaws.com" });
        expect(comparison("{ $.sourceIPAddress != 123.123.* }").value).toMatchObject({ match: { kind: "prefix", text: "123.123." } });
    });

    it.each([
        ["*Event", { kind: "suffix", text: "Event" }],
        ["Event*", { kind: "prefix", text: "Event" }],
        ["*Event*", { kind: "contains", text: "Event" }],
        ["*", { kind: "any" }],
        ["Ev*ent", { kind: "exact", text: "Ev*ent" }],
    ])('reads the wildcard value "%s"', (value, match) => {
        expect(comparison(`{ $.a = "${value}" }`).value).toMatchObject({ match });
    });

    it.each([
        ["500", 500],
        ["+1000", 1000],
        ["-3", -3],
        ["55.5", 55.5],
        ["10e3", 10000],
        ["10e-3", 0.01],
        ["-2.5E+2", -250],
    ])("reads the number %s", (raw, value) => {
        expect(comparison(`{ $.n < ${raw} }`).value).toEqual({ type: "number", raw, value, position: 8 });
    });

    it("reads an unquoted number after = as a number and a quoted one as a string", () => {
        expect(comparison("{ $.errorCode = 400 }").value.type).toBe("number");
        expect(comparison('{ $.errorCode = "400" }').value.type).toBe("string");
    });

    it("requires a number after an ordering operator", () => {
        const err = syntaxError('{ $.latency >= "500" }');
        expect(err.position).toBe(15);
        expect(err.message).toBe(`at position 15: expected a number after ">=" (only = and != compare strings), found "\\""`);
        expect(syntaxError("{ $.latency > fast }").expected).toContain("a number");
    });

    it("requires quotes around characters CloudWatch only accepts quoted", () => {
        const err = syntaxError("{ $.user = jane@example.com }");
        expect(err.position).toBe(15);
        expect(err.expected).toContain("double quotes");
    });

    it("reports an unterminated quoted value", () => {
        const err = syntaxError('{ $.a = "open }');
        expect(err.found).toBe("end of pattern");
        expect(err.expected).toContain("position 8");
    });
});

describe("parseFilterPattern: IS NULL, NOT EXISTS, IS TRUE, IS FALSE", () => {
    it.each([
        ["{ $.SomeObject IS NULL }", "isNull"],
        ["{ $.SomeOtherObject NOT EXISTS }", "notExists"],
        ["{ $.ThisFlag IS TRUE }", "isTrue"],
        ["{ $.ThisFlag IS FALSE }", "isFalse"],
    ])("%s", (text, kind) => {
        expect(parseFilterPattern(text).expression.kind).toBe(kind);
    });

    it("says what may follow IS and NOT", () => {
        expect(syntaxError("{ $.a IS NUL }")).toMatchObject({ position: 9, expected: "NULL, TRUE or FALSE after IS", found: '"NUL"' });
        expect(syntaxError("{ $.a NOT THERE }")).toMatchObject({ position: 10, expected: "EXISTS after NOT" });
    });
});

describe("parseFilterPattern: && and ||", () => {
    it("binds && tighter than || as documented: () > && > ||", () => {
        expect(shape(parseFilterPattern("{ $.a = 1 || $.b = 2 && $.c = 3 }").expression)).toEqual(["or", "$.a", ["and", "$.b", "$.c"]]);
        expect(shape(parseFilterPattern("{ $.a = 1 && $.b = 2 || $.c = 3 }").expression)).toEqual(["or", ["and", "$.a", "$.b"], "$.c"]);
        expect(shape(parseFilterPattern("{ ($.a = 1 || $.b = 2) && $.c = 3 }").expression)).toEqual(["and", ["or", "$.a", "$.b"], "$.c"]);
    });

    it("records which groups were written in parentheses and where the operators are", () => {
        const { expression } = parseFilterPattern("{ $.a = 1 || ($.b = 2 && $.c = 3) }");
        if (expression.kind !== "or") throw new Error("expected or");
        expect(expression.parenthesized).toBe(false);
        expect(expression.operatorPositions).toEqual([10]);
        expect(expression.operands[1]).toMatchObject({ kind: "and", parenthesized: true, position: 13 });
    });

    it("points at a single & with what was expected", () => {
        const err = syntaxError('{ $.a = "x" & $.b = 1 }');
        expect(err).toBeInstanceOf(FilterPatternSyntaxError);
        expect(err.position).toBe(12);
        expect(err.message).toBe('at position 12: expected "&&", "||" or "}" to close the pattern, found "&"');
    });

    it("points at a missing comparison operator", () => {
        expect(syntaxError("{ $.eventName && $.b = 1 }").message).toMatch(/^at position 14: expected a comparison operator .*found "&"$/);
    });

    it("names the unclosed parenthesis", () => {
        expect(syntaxError("{ ($.a = 1 }").expected).toBe('"&&", "||" or ")" to close the "(" at position 2');
    });

    it("rejects an empty group and a dangling operator", () => {
        expect(syntaxError("{ }").expected).toContain("a condition");
        expect(syntaxError("{ $.a = 1 || }").position).toBe(13);
    });
});

describe("parseFilterPattern: %regex% values", () => {
    it("accepts the documented dialect", () => {
        expect(comparison("{ $.ip = %\\d{1,3}\\.\\d{1,3}% }").value).toEqual({ type: "regex", source: "\\d{1,3}\\.\\d{1,3}", position: 9 });
        expect(comparison("{ $.m = %[Ee]rror|[Ff]ail% }").value.type).toBe("regex");
    });

    it("rejects parentheses, unsupported characters and a third regex", () => {
        expect(syntaxError("{ $.a = %(x)% }")).toMatchObject({ position: 9 });
        expect(syntaxError("{ $.a = %something!% }")).toMatchObject({ position: 18, found: '"!"' });
        expect(syntaxError("{ $.a = %x% || $.b = %y% || $.c = %z% }").expected).toContain("at most 2 regular expressions");
    });

    it("rejects a regex after an ordering operator", () => {
        expect(syntaxError("{ $.a > %1% }").expected).toContain("a number");
    });
});

describe("parseFilterPattern: the whole pattern", () => {
    it("requires braces and says trailguard only evaluates JSON patterns", () => {
        const err = syntaxError('"ERROR" -"Exiting"');
        expect(err.position).toBe(0);
        expect(err.nonJsonPattern).toBe(true);
        expect(syntaxError("[ip, user, status_code = 4*]").nonJsonPattern).toBe(true);
        expect(syntaxError("").nonJsonPattern).toBe(true);
        expect(syntaxError("{ $.a = 1").nonJsonPattern).toBe(false);
    });

    it("rejects text after the closing brace", () => {
        expect(syntaxError("{ $.a = 1 } extra").position).toBe(12);
    });

    it("rejects patterns longer than PutMetricFilter accepts", () => {
        const long = `{ ${Array.from({ length: 80 }, (_, i) => `$.eventName = Name${i}`).join(" || ")} }`;
        expect(long.length).toBeGreaterThan(MAX_PATTERN_LENGTH);
        expect(syntaxError(long).expected).toContain("1024");
    });

    it("tryParseFilterPattern returns the pattern on success", () => {
        const result = tryParseFilterPattern("{ $.a = 1 }");
        expect(result.ok && result.pattern.source).toBe("{ $.a = 1 }");
    });

    it("describes a syntax error with a caret under its position, at most just past the end", () => {
        const text = '{ $.a = "x" & $.b = 1 }';
        expect(describeSyntaxError(text, syntaxError(text))).toBe(
            `${text}\n            ^ at position 12: expected "&&", "||" or "}" to close the pattern, found "&"`,
        );
        expect(caretUnder("{ $.a", 99)).toBe("     ^");
    });
});
