// readStackConfigFile parses each settings file once per process (a check reads a stack's file for
// its policy config, render, cost and namePrefix warning): the cache must never hand out stale or
// shared values.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";

describe("stack settings read twice", () => {
    it("gives equal values each time, never the same objects, and sees an edit", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-stack-cache-"));
        try {
            const file = path.join(dir, "Pulumi.qa.yaml");
            fs.writeFileSync(file, "config:\n  trailguard:environment: staging\n  aws:region: eu-west-1\n");
            const first = readStackConfigFile(file, "trailguard");
            first.values["trailguard:environment"] = "changed by a caller";
            first.secretKeys.push("changed");
            const second = readStackConfigFile(file, "trailguard");
            expect(second).toEqual({ file, values: { "trailguard:environment": "staging", "aws:region": "eu-west-1" }, secretKeys: [] });
            fs.writeFileSync(file, "config:\n  trailguard:environment: prod\n");
            expect(readStackConfigFile(file, "trailguard").values).toEqual({ "trailguard:environment": "prod" });
            // A file that becomes invalid is reported, not answered from the cache.
            fs.writeFileSync(file, "config: [\n");
            expect(() => readStackConfigFile(file, "trailguard")).toThrow(/not valid YAML/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
