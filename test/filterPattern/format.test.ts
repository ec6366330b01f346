// Printing: the canonical form re-parses to the same meaning, and the tree shows the grouping.
import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { compileFilterPattern, formatFilterPattern, formatFilterPatternTree, parseFilterPattern } from "../../core/filterPattern";

describe("formatFilterPattern", () => {
    it("makes the grouping of && under || explicit and quotes string values", () => {
        expect(formatFilterPattern(parseFilterPattern("{$.a=x||$.b=2&&$.c!=y}"))).toBe('{ $.a = "x" || ($.b = 2 && $.c != "y") }');
    });

    it("drops brackets that change nothing and keeps the ones that do", () => {
        expect(formatFilterPattern(parseFilterPattern("{ (($.a = 1) || ($.b = 2)) || $.c = 3 }"))).toBe("{ $.a = 1 || $.b = 2 || $.c = 3 }");
        expect(formatFilterPattern(parseFilterPattern("{ ($.a = 1 || $.b = 2) && $.c = 3 }"))).toBe("{ ($.a = 1 || $.b = 2) && $.c = 3 }");
    });

    it("prints every test, regex and escaped quote", () => {
        expect(formatFilterPattern(parseFilterPattern('{ $.a IS NULL && $.b NOT EXISTS && $.c IS TRUE && $.d IS FALSE && $.e = %x|y% && $.f = "q\\"t" }'))).toBe(
            '{ $.a IS NULL && $.b NOT EXISTS && $.c IS TRUE && $.d IS FALSE && $.e = %x|y% && $.f = "q\\"t" }',
        );
    });

    it.each(MONITORING_CONTROLS.map((c) => [c.id, c.pattern]))("prints the %s pattern in a form that parses back to the same text", (_id, pattern) => {
        const once = formatFilterPattern(parseFilterPattern(pattern));
        expect(formatFilterPattern(parseFilterPattern(once))).toBe(once);
    });

    it("prints a form that matches the same events", () => {
        const original = "{ $.a = 1 || $.b = x* && $.c != y }";
        const printed = formatFilterPattern(parseFilterPattern(original));
        for (const event of [{ a: 1 }, { b: "xx", c: "z" }, { b: "xx", c: "y" }, { b: "q" }]) {
            expect(compileFilterPattern(printed)(event)).toBe(compileFilterPattern(original)(event));
        }
    });
});

describe("formatFilterPatternTree", () => {
    it("draws one condition per line under its group, with how each value matches", () => {
        const tree = formatFilterPatternTree(parseFilterPattern('{ $.errorCode = "*Unauthorized" || $.errorCode = "Denied*" && $.n > 3 }'));
        expect(tree).toBe(
            [
                "OR (any of)",
                '├─ $.errorCode = "*Unauthorized"   (ends with "Unauthorized")',
                "└─ AND (all of)",
                '   ├─ $.errorCode = "Denied*"   (starts with "Denied")',
                "   └─ $.n > 3   (numeric)",
                "",
            ].join("\n"),
        );
    });
});
