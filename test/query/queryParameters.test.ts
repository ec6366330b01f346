// Parameter binding: validated by type, one line per problem naming the parameter, and rendered for
// Athena as literals a value cannot break out of.
import { describe, expect, it } from "vitest";
import { findCatalogueQuery } from "../../core/queries/catalogue";
import { athenaExecutionParameters, resolveQueryParameters, trinoStringLiteral } from "../../core/queries/queryParameters";

const principalActivity = findCatalogueQuery("principalActivity")!;

describe("resolveQueryParameters", () => {
    it("fills defaults and orders values as the ? placeholders bind them", () => {
        const r = resolveQueryParameters(principalActivity, { principal: "alice", end: "2024-08-01" });
        expect(r).toEqual({
            ok: true,
            values: { principal: "alice", start: "1970-01-01T00:00:00Z", end: "2024-08-01" },
            // bindings: start, end, start, end (the window), then principal
            positional: ["1970-01-01T00:00:00Z", "2024-08-01", "1970-01-01T00:00:00Z", "2024-08-01", "alice"],
        });
    });

    it("names a missing required parameter, an unknown one and a malformed time, one line each", () => {
        const r = resolveQueryParameters(principalActivity, { who: "x", start: "last tuesday" });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.problems).toEqual([
            '--param who: "principalActivity" has no parameter "who"; expected one of principal, start, end',
            '--param principal: required by "principalActivity" (an ARN, access key id, user name or role session name), e.g. --param principal=AKIAIOSFODNN7EXAMPLE',
            '--param start: got "last tuesday", expected an ISO 8601 date or date-time such as 2024-07-31 or 2024-07-31T13:00:00Z',
        ]);
    });

    it("normalises a region list and rejects what is not one", () => {
        const q = findCatalogueQuery("unusualRegions")!;
        const ok = resolveQueryParameters(q, { usualRegions: "us-east-1, eu-west-1" });
        expect(ok.ok && ok.values["usualRegions"]).toBe("us-east-1,eu-west-1");
        const bad = resolveQueryParameters(q, { usualRegions: "us-east-1;drop" });
        expect(bad.ok).toBe(false);
    });
});

describe("Athena execution parameters", () => {
    it("are string literals with quotes doubled, so a value cannot end its literal", () => {
        expect(trinoStringLiteral("o'brien")).toBe("'o''brien'");
        expect(athenaExecutionParameters(["x' OR '1'='1", "plain"])).toEqual(["'x'' OR ''1''=''1'", "'plain'"]);
    });
});
