// The linter's rules, on the published CIS variants that motivated them and on the catalogue itself.
import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import { FilterPatternSyntaxError, lintFilterPattern, parseFilterPattern } from "../../core/filterPattern";

const CIS_V14_4_1 =
    '{($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivered.ssm.amazonaws.com") || ($.eventName!="HeadBucket")}';
const CIS_4_1_MIXED =
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivered.ssm.amazonaws.com") && ($.eventName!="HeadBucket") }';

function codes(pattern: string): string[] {
    return lintFilterPattern(pattern).map((f) => f.code);
}

describe("lintFilterPattern", () => {
    it.each(MONITORING_CONTROLS.map((c) => [c.id, c.pattern]))("finds nothing wrong with the catalogue's %s pattern", (_id, pattern) => {
        expect(lintFilterPattern(pattern)).toEqual([]);
    });

    it("flags the CIS v1.4 text of 4.1 as matching nearly every event, pointing at the != term", () => {
        const findings = lintFilterPattern(CIS_V14_4_1);
        expect(findings.map((f) => f.code)).toContain("matches-nearly-everything");
        const broad = findings.find((f) => f.code === "matches-nearly-everything");
        expect(broad?.position).toBe(CIS_V14_4_1.indexOf("$.sourceIPAddress"));
        expect(broad?.message).toContain('$.sourceIPAddress != "delivered.ssm.amazonaws.com"');
    });

    it("flags the later 4.1 variant for mixing && and || without parentheses and shows how it reads", () => {
        const findings = lintFilterPattern(CIS_4_1_MIXED);
        expect(findings.map((f) => f.code)).toEqual(["mixed-and-or-without-parentheses"]);
        expect(findings[0].position).toBe(CIS_4_1_MIXED.indexOf("&&"));
        expect(findings[0].message).toContain(
            '{ $.errorCode = "*UnauthorizedOperation" || ($.errorCode = "AccessDenied*" && $.sourceIPAddress != "delivered.ssm.amazonaws.com" && $.eventName != "HeadBucket") }',
        );
    });

    it("accepts the same grouping once it is written with parentheses", () => {
        expect(codes('{ $.a = 1 || ($.b = 2 && $.c = 3) }')).toEqual([]);
        expect(codes('{ ($.a = 1 || $.b = 2) && $.c = 3 }')).toEqual([]);
    });

    it("treats an AND as broad only when every branch is", () => {
        expect(codes('{ $.eventName != "HeadBucket" && $.eventSource != "s3.amazonaws.com" }')).toContain("matches-nearly-everything");
        expect(codes('{ $.eventName != "HeadBucket" && $.eventSource = "s3.amazonaws.com" }')).not.toContain("matches-nearly-everything");
        expect(codes("{ $.eventName = * }")).toContain("matches-nearly-everything");
        expect(codes("{ $.userIdentity.invokedBy NOT EXISTS }")).toContain("matches-nearly-everything");
    });

    it("warns about != on a field CloudTrail often omits", () => {
        const pattern = '{ $.eventName = "GetObject" && $.errorCode != "AccessDenied" }';
        const findings = lintFilterPattern(pattern);
        expect(findings.map((f) => f.code)).toEqual(["not-equals-on-often-missing-field"]);
        expect(findings[0].position).toBe(pattern.indexOf("!="));
        expect(findings[0].message).toContain("NOT EXISTS ||");
    });

    it("does not warn about != on a field the event pins down, as 4.2 uses MFAUsed on ConsoleLogin", () => {
        expect(codes('{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed != "Yes" }')).toEqual([]);
        expect(codes('{ $.eventName = "GetObject" && $.additionalEventData.MFAUsed != "Yes" }')).toEqual(["not-equals-on-often-missing-field"]);
        expect(codes('{ $.additionalEventData.MFAUsed != "Yes" }')).toEqual(["not-equals-on-often-missing-field"]);
    });

    it("warns about values whose case differs from what CloudTrail writes", () => {
        expect(codes('{ $.userIdentity.type = "root" }')).toEqual(["case-mismatch"]);
        expect(lintFilterPattern('{ $.userIdentity.type = "root" }')[0].message).toContain('"Root"');
        expect(codes('{ $.eventName = "consoleLogin" }')).toEqual(["case-mismatch"]);
        expect(codes('{ $.eventSource = "KMS.amazonaws.com" }')).toEqual(["case-mismatch"]);
        expect(codes('{ $.errorCode = "accessdenied*" }')).toEqual(["case-mismatch"]);
        expect(codes('{ $.responseElements.ConsoleLogin = "success" }')).toEqual(["case-mismatch"]);
        expect(codes('{ $.userIdentity.type = "SomethingNew" }')).toEqual([]);
    });

    it("warns about a selector that stops at an object, an inner * and != *", () => {
        expect(codes('{ $.userIdentity = "Root" }')).toEqual(["selector-reaches-object"]);
        expect(codes('{ $.eventName = "Put*Policy" }')).toEqual(["literal-asterisk"]);
        expect(codes("{ $.eventName = ConsoleLogin && $.errorCode != * }")).toContain("never-matches");
    });

    it("warns about every * the evaluator reads literally, such as the second of a leading **", () => {
        expect(codes('{ $.a = "**abc" }')).toEqual(["literal-asterisk"]);
        expect(codes('{ $.a = "abc**" }')).toEqual(["literal-asterisk"]);
        expect(codes('{ $.a = "*abc*" }')).toEqual([]);
        expect(codes('{ $.a = "**" }')).toEqual([]);
    });

    it("throws the syntax error for text that does not parse", () => {
        expect(() => lintFilterPattern("{ $.a = }")).toThrow(FilterPatternSyntaxError);
    });

    it("accepts an already parsed pattern", () => {
        expect(lintFilterPattern(parseFilterPattern(CIS_4_1_MIXED)).map((f) => f.code)).toEqual(["mixed-and-or-without-parentheses"]);
    });
});
