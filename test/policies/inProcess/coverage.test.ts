// Every policy of the pack has in-process unit tests: a `describe("<policy name>", …)` in one of
// this folder's test files. A new policy without them fails here.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { POLICIES } from "../../../policies/src/policyList";

describe("in-process unit tests", () => {
    it("exist for every policy in the pack", () => {
        const texts = fs
            .readdirSync(__dirname)
            .filter((f) => f.endsWith(".test.ts") && f !== path.basename(__filename))
            .map((f) => fs.readFileSync(path.join(__dirname, f), "utf8"));
        const untested = POLICIES.map((p) => p.name).filter((name) => !texts.some((t) => t.includes(`describe("${name}"`)));
        expect(untested).toEqual([]);
        expect(POLICIES.length).toBeGreaterThan(20);
    });
});
