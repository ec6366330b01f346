// Plain component arguments are stack config by another road: the same keys give the same Settings
// (second method: each shipped stack file read as the language host passes it), and the same
// mistakes give the same one-line problems.
import * as path from "path";
import { parse } from "yaml";
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { settingsFromArgs, checkBaselineArgs, type BaselineArgs } from "../../config/baselineArgs";
import { ConfigValidationError, settingsFromConfig } from "../../config/validateConfig";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { repositoryRoot, shippedStacks } from "../support/shippedStacks";

function problemsOf(args: BaselineArgs): string[] {
    try {
        checkBaselineArgs(args, "dev");
    } catch (err) {
        if (err instanceof ConfigValidationError) return err.problems;
        throw err;
    }
    return [];
}

describe("settingsFromArgs", () => {
    it.each(shippedStacks().map((s) => s.stack))("gives stack %s's Settings from its keys written as arguments", (stack) => {
        const file = path.join(repositoryRoot, "stacks", `Pulumi.${stack}.yaml`);
        // The YAML document's `trailguard:<key>` values, as a program author would write them in code.
        const config: Record<string, unknown> = parse(fs.readFileSync(file, "utf8")).config;
        const args = Object.fromEntries(
            Object.entries(config).filter(([key]) => key.startsWith("trailguard:")).map(([key, value]) => [key.slice("trailguard:".length), value]),
        );
        expect(settingsFromArgs(args, stack)).toEqual(settingsFromConfig(readStackConfigFile(file, "trailguard").values, stack));
    });

    it("reads a one-element ['all'] list of data-event selectors as stack config's `all`", () => {
        const settings = settingsFromArgs({ environment: "dev", trail: { dataEvents: { lambda: ["all"], dynamodb: ["all"] } } }, "dev");
        expect(settings.trail.dataEvents.lambda).toBe("all");
        expect(settings.trail.dataEvents.dynamodb).toBe("all");
    });

    it("reports a misspelt key, a wrong type and a value out of range, one line each, named as in stack config", () => {
        const problems = problemsOf({ environment: "dev", retension: {}, retention: { logGroupDays: 31 }, namePrefix: "Acme" } as BaselineArgs);
        expect(problems).toHaveLength(3);
        expect(problems.find((p) => p.startsWith("trailguard:retension:"))).toContain("unknown key");
        expect(problems.find((p) => p.startsWith("trailguard:retention.logGroupDays:"))).toContain("got 31");
        expect(problems.find((p) => p.startsWith("trailguard:namePrefix:"))).toContain('got "Acme"');
    });

    it("requires environment, as stack config does", () => {
        expect(problemsOf({ namePrefix: "acme" })).toEqual([expect.stringMatching(/^trailguard:environment: missing, expected one of dev, staging, prod/)]);
    });
});
