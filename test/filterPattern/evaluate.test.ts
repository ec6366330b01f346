// Evaluation semantics, starting with every example the CloudWatch Logs documentation gives.
import { describe, expect, it } from "vitest";
import { compileFilterPattern } from "../../core/filterPattern";

const DOC_EVENT = {
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
        { name: "a", id: 1 },
        { name: "b", id: 2 },
    ],
    SomeObject: null,
    ThisFlag: true,
};

const COMPOUND_EVENT = {
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
        { id: 2, email: "John.Doe@example.com" },
        { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
        [0, 1, 2],
        [4, 5, 6],
        [7, 8, 9],
    ],
};

function matches(pattern: string, event: unknown): boolean {
    return compileFilterPattern(pattern)(event);
}

describe("the AWS documentation's examples", () => {
    it.each([
        '{ $.eventType = "UpdateTrail" }',
        "{ $.sourceIPAddress != 123.123.* }",
        '{ $.arrayKey[0] = "value" }',
        "{ $.objectList[1].id = 2 }",
        "{ $.SomeObject IS NULL }",
        "{ $.SomeOtherObject NOT EXISTS }",
        "{ $.ThisFlag IS TRUE }",
    ])("%s matches the example event", (pattern) => {
        expect(matches(pattern, DOC_EVENT)).toBe(true);
    });

    it.each([
        ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
        ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
        ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
        ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
    ])("compound %s → %s", (pattern, expected) => {
        expect(matches(pattern, COMPOUND_EVENT)).toBe(expected);
    });

    it("never matches a selector that reaches an array, with = or !=", () => {
        expect(matches("{ $.users = 1 }", { users: [1, 2, 3] })).toBe(false);
        expect(matches("{ $.users != 1 }", { users: [1, 2, 3] })).toBe(false);
    });

    it("evaluates the documented numeric comparisons", () => {
        const event = { latency: 500, numbers: [9], processes: [0, 0, 0, 0, { averageRuntime: 55.5 }], errorCode: 400 };
        for (const pattern of [
            "{ $.latency >= 500 }",
            "{ $.numbers[0] < 10e3 }",
            "{ $.processes[4].averageRuntime <= 55.5 }",
            "{ $.errorCode = 400 }",
            "{ $.errorCode != 500 }",
            "{ $.latency > +100 }",
        ]) {
            expect(matches(pattern, event), pattern).toBe(true);
        }
        expect(matches("{ $.numbers[0] < 10e-3 }", event)).toBe(false);
        expect(matches("{ $.latency > +1000 }", event)).toBe(false);
    });

    it("matches OR patterns as in the documentation", () => {
        expect(matches("{$.foo = bar || $.foo = baz }", { foo: "bar" })).toBe(true);
        expect(matches("{$.foo = bar || $.foo = baz }", { foo: "baz" })).toBe(true);
        expect(matches("{$.foo = bar || $.foo = baz }", { foo: "qux" })).toBe(false);
    });
});

describe("strings", () => {
    it("compares case-sensitively", () => {
        expect(matches("{ $.userIdentity.type = Root }", { userIdentity: { type: "Root" } })).toBe(true);
        expect(matches("{ $.userIdentity.type = root }", { userIdentity: { type: "Root" } })).toBe(false);
    });

    it("honours * at the start and end, and reads an inner * literally", () => {
        expect(matches('{ $.e = "*Event" }', { e: "PutEvent" })).toBe(true);
        expect(matches('{ $.e = "*Event" }', { e: "EventId" })).toBe(false);
        expect(matches('{ $.e = "Event*" }', { e: "EventName" })).toBe(true);
        expect(matches('{ $.e = "*vent*" }', { e: "PutEventId" })).toBe(true);
        expect(matches('{ $.e = "Ev*ent" }', { e: "Event" })).toBe(false);
        expect(matches('{ $.e = "Ev*ent" }', { e: "Ev*ent" })).toBe(true);
        // Only one leading * is a wildcard; the second is text (and lint warns about it).
        expect(matches('{ $.e = "**Event" }', { e: "x*Event" })).toBe(true);
        expect(matches('{ $.e = "**Event" }', { e: "xEvent" })).toBe(false);
    });

    it("treats = * as 'any value present' and an empty string as a value", () => {
        expect(matches("{ $.latency = * }", { latency: 12 })).toBe(true);
        expect(matches("{ $.latency = * }", { latency: "" })).toBe(true);
        expect(matches("{ $.latency = * }", {})).toBe(false);
        expect(matches("{ $.latency = * }", { latency: { ms: 1 } })).toBe(false);
    });

    it("compares numbers and booleans through their JSON text", () => {
        expect(matches('{ $.id = "5" }', { id: 5 })).toBe(true);
        expect(matches("{ $.flag = true }", { flag: true })).toBe(true);
    });
});

describe("missing fields, nulls and objects", () => {
    it("makes a comparison on a missing field false, including !=", () => {
        expect(matches('{ $.errorCode = "AccessDenied" }', {})).toBe(false);
        expect(matches('{ $.errorCode != "AccessDenied" }', {})).toBe(false);
        expect(matches('{ $.errorCode != "AccessDenied" }', { errorCode: "Throttling" })).toBe(true);
    });

    it("tells NOT EXISTS from IS NULL", () => {
        expect(matches("{ $.a NOT EXISTS }", { a: null })).toBe(false);
        expect(matches("{ $.a IS NULL }", { a: null })).toBe(true);
        expect(matches("{ $.a IS NULL }", {})).toBe(false);
        expect(matches('{ $.a != "x" }', { a: null })).toBe(false);
    });

    it("treats a path through a missing or non-object step as missing", () => {
        expect(matches("{ $.a.b NOT EXISTS }", { a: "text" })).toBe(true);
        expect(matches("{ $.a.b NOT EXISTS }", { a: [1] })).toBe(true);
        expect(matches("{ $.a[3] NOT EXISTS }", { a: [1] })).toBe(true);
        expect(matches("{ $.a[0] = 1 }", { a: { "0": 1 } })).toBe(false);
    });

    it("does not see inherited or array properties as fields", () => {
        expect(matches("{ $.constructor NOT EXISTS }", {})).toBe(true);
        expect(matches("{ $.toString = * }", {})).toBe(false);
        expect(matches("{ $.a.length = 1 }", { a: [1] })).toBe(false);
        expect(matches("{ $.constructor = 1 }", { constructor: 1 })).toBe(true);
    });

    it("IS TRUE and IS FALSE only match JSON booleans", () => {
        expect(matches("{ $.f IS TRUE }", { f: "true" })).toBe(false);
        expect(matches("{ $.f IS FALSE }", { f: false })).toBe(true);
        expect(matches("{ $.f IS FALSE }", {})).toBe(false);
    });

    it("does not match events that are not JSON objects", () => {
        const m = compileFilterPattern("{ $.a NOT EXISTS || $.a = 1 }");
        expect(m(null)).toBe(true);
        expect(compileFilterPattern("{ $.a = 1 }")([1])).toBe(false);
    });
});

describe("numbers", () => {
    it("compares numeric strings as numbers, as CloudTrail writes account ids", () => {
        expect(matches("{ $.recipientAccountId = 123456789012 }", { recipientAccountId: "123456789012" })).toBe(true);
        expect(matches("{ $.n = 1 }", { n: "1.0" })).toBe(true);
        expect(matches("{ $.n < 10 }", { n: "abc" })).toBe(false);
        expect(matches("{ $.n != 10 }", { n: "abc" })).toBe(true);
    });
});

describe("regex values", () => {
    it("searches anywhere in the value, case-sensitively", () => {
        expect(matches("{ $.m = %AUTHORIZED% }", { m: "[ERROR 401] UNAUTHORIZED REQUEST" })).toBe(true);
        expect(matches("{ $.m = %^AUTHORIZED% }", { m: "UNAUTHORIZED" })).toBe(false);
        expect(matches("{ $.m = %[Ee]rror% }", { m: "an error" })).toBe(true);
        expect(matches("{ $.m != %[Ee]rror% }", { m: "fine" })).toBe(true);
        expect(matches("{ $.m != %[Ee]rror% }", {})).toBe(false);
    });
});

describe("merged OR of exact values on one field", () => {
    it("gives the same answers as the terms one by one", () => {
        const merged = compileFilterPattern("{ $.e = A || $.e = B || $.x = 1 || $.e = C* }");
        expect(merged({ e: "A" })).toBe(true);
        expect(merged({ e: "B" })).toBe(true);
        expect(merged({ e: "Cat" })).toBe(true);
        expect(merged({ e: "D", x: 1 })).toBe(true);
        expect(merged({ e: "D" })).toBe(false);
        expect(merged({ e: ["A"] })).toBe(false);
        expect(compileFilterPattern("{ $.e = 5 || $.e = six }")({ e: 5 })).toBe(true);
    });

    it("merges through nested ORs and still tells the operands apart", () => {
        const nested = compileFilterPattern("{ $.e = A || ($.x = 1 || ($.e = B || $.e = C*)) }");
        expect(nested({ e: "A" })).toBe(true);
        expect(nested({ e: "B" })).toBe(true);
        expect(nested({ e: "Cat" })).toBe(true);
        expect(nested({ x: 1 })).toBe(true);
        expect(nested({ e: "D", x: 2 })).toBe(false);
        const ands = compileFilterPattern("{ $.a = 1 && ($.b = 2 && $.c = 3) }");
        expect(ands({ a: 1, b: 2, c: 3 })).toBe(true);
        expect(ands({ a: 1, b: 2 })).toBe(false);
    });
});
