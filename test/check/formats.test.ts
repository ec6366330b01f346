// Every report format, produced from real check runs (mock-engine renders + trailguard's policy
// pack over the analyzer protocol) of a program with violations and of trailguard's own stacks,
// then validated: SARIF against the official schema and GitHub's needs, JUnit by an XML parser,
// the JSON contract field by field, Markdown and text structure.
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { CheckReport } from "../../cli/check/checkReport";
import { resolveCheckTargets } from "../../cli/check/checkTargets";
import { formatJunit } from "../../cli/check/formats/junit";
import { formatMarkdown } from "../../cli/check/formats/markdown";
import { toJsonReport } from "../../cli/check/formats/json";
import { formatSarif } from "../../cli/check/formats/sarif";
import { formatText } from "../../cli/check/formats/text";
import { startPackAnalyzer } from "../../cli/check/packAnalyzer";
import { runChecks } from "../../cli/check/runChecks";
import { shippedStacks } from "../support/shippedStacks";
import { insecureTrail, repoRoot, sarifSchemaErrors } from "./support";

let insecure: CheckReport;
let ours: CheckReport;
const finishOrder: string[] = [];

beforeAll(async () => {
    // The alphabetically first stack is held back so that it finishes last: the report must still
    // list it first.
    const targets = resolveCheckTargets({ program: insecureTrail }).map((target) =>
        target.stack === "ci"
            ? { ...target, render: async (mode: "preview" | "deployed", options?: { estimateCost?: boolean }) => {
                  const rendered = await target.render(mode, options);
                  await new Promise((resolve) => setTimeout(resolve, 1500));
                  return rendered;
              } }
            : target,
    );
    insecure = await runChecks(targets, {
        mode: "preview",
        startAnalyzer: startPackAnalyzer,
        root: repoRoot,
        // Two stacks in flight, so the held-back one cannot block the other.
        renderConcurrency: 2,
        progress: { stackFinished: (check) => finishOrder.push(check.verdict.stack) },
    });
    ours = await runChecks(resolveCheckTargets({}), { mode: "preview", startAnalyzer: startPackAnalyzer, root: repoRoot });
});

describe("the check run", () => {
    it("sorts stacks by name whatever order they finished in", () => {
        expect(finishOrder).toEqual(["qa", "ci"]);
        expect(insecure.stacks.map((s) => s.verdict.stack)).toEqual(["ci", "qa"]);
    });

    it("finds mandatory violations in the insecure program and checks every shipped stack", () => {
        for (const stack of insecure.stacks) {
            expect(stack.verdict.violations.some((v) => v.enforcementLevel === "mandatory")).toBe(true);
            expect(stack.configFile).toBe(`test/fixtures/check/insecure-trail/Pulumi.${stack.verdict.stack}.yaml`);
        }
        const shipped = shippedStacks();
        expect(ours.stacks.map((s) => s.verdict.stack)).toEqual(shipped.map((s) => s.stack));
        for (const stack of ours.stacks) {
            expect(stack.configFile).toBe(`stacks/Pulumi.${stack.verdict.stack}.yaml`);
            expect(stack.policyConfigFile).toBe(shipped.find((s) => s.stack === stack.verdict.stack)!.policyConfigFile);
            expect(stack.verdict.resources).toBeGreaterThan(10);
            // Shipped stacks pass the pack under their environment's policy config.
            expect(stack.verdict.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
        }
        for (const stack of insecure.stacks) expect(stack.policyConfigFile).toBeUndefined();
    });
});

describe("json", () => {
    it("keeps its documented shape: key sets and types", () => {
        const json = toJsonReport(insecure);
        expect(Object.keys(json).sort()).toEqual(["costBaseline", "policyPack", "schemaVersion", "stacks", "summary"]);
        expect(json.schemaVersion).toBe(3);
        expect(json.costBaseline).toBeNull();
        expect(Object.keys(json.policyPack).sort()).toEqual(["name", "version"]);
        expect(typeof json.policyPack.name).toBe("string");
        expect(Object.keys(json.summary).sort()).toEqual(["acceptedExceptions", "advisory", "caughtAtUp", "mandatory", "passed", "resources", "stacks", "undecided", "warnings"]);
        expect(json.summary.passed).toBe(false);
        for (const stack of json.stacks) {
            expect(Object.keys(stack).sort()).toEqual([
                "acceptedExceptions", "configFile", "cost", "costChange", "costUnavailable", "mode", "policyConfigFile", "renders", "resources", "stack", "undecided", "violations", "warnings",
            ]);
            expect(stack.renders).toEqual(["preview"]);
            expect(stack.policyConfigFile).toBeNull();
            expect(stack.mode).toBe("preview");
            expect(Number.isInteger(stack.resources)).toBe(true);
            expect(stack.violations.length).toBeGreaterThan(0);
            for (const v of stack.violations) {
                expect(Object.keys(v).sort()).toEqual(["caughtOnlyAtUp", "enforcementLevel", "frameworks", "message", "policy", "severity", "urn"]);
                // One render judged: nothing can be known to be invisible to preview.
                expect(v.caughtOnlyAtUp).toBe(false);
                expect(["mandatory", "advisory", "remediate", "disabled"]).toContain(v.enforcementLevel);
                expect(["low", "medium", "high", "critical", ""]).toContain(v.severity);
                expect(v.urn === null || v.urn.startsWith(`urn:pulumi:${stack.stack}::insecure-trail::`)).toBe(true);
                expect(typeof v.message).toBe("string");
                expect(v.frameworks.every((f) => typeof f === "string")).toBe(true);
            }
        }
    });

    it("adds up its summary from the stacks", () => {
        const json = toJsonReport(insecure);
        const all = json.stacks.flatMap((s) => s.violations);
        expect(json.summary).toEqual({
            stacks: 2,
            resources: json.stacks.reduce((n, s) => n + s.resources, 0),
            mandatory: all.filter((v) => v.enforcementLevel === "mandatory").length,
            advisory: all.filter((v) => v.enforcementLevel === "advisory").length,
            caughtAtUp: 0,
            undecided: json.stacks.reduce((n, s) => n + s.undecided.length, 0),
            acceptedExceptions: json.stacks.reduce((n, s) => n + s.acceptedExceptions.length, 0),
            warnings: json.stacks.reduce((n, s) => n + s.warnings.length, 0),
            passed: false,
        });
        const oursJson = toJsonReport(ours);
        expect(oursJson.summary).toMatchObject({ stacks: ours.stacks.length, mandatory: 0, passed: true });
        expect(oursJson.stacks.map((s) => s.policyConfigFile)).toEqual(shippedStacks().map((s) => s.policyConfigFile ?? null));
    });
});

describe("sarif", () => {
    const check = (report: () => CheckReport) => () => {
        const log = JSON.parse(formatSarif(report()));
        expect(sarifSchemaErrors(log)).toEqual([]);
        expect(log.version).toBe("2.1.0");
        expect(log.runs).toHaveLength(1);
        const run = log.runs[0];
        const rules = run.tool.driver.rules;
        // One rule per policy the pack declares, each with what GitHub shows on an alert.
        // …and one for the warnings the program logged.
        expect(rules.map((r: any) => r.id)).toEqual([...report().policies.map((p) => p.name), "trailguard-program-warning"]);
        for (const rule of rules) {
            expect(rule.shortDescription.text.length).toBeGreaterThan(0);
            expect(rule.fullDescription.text.length).toBeGreaterThan(0);
            expect(rule.help.text.length).toBeGreaterThan(0);
            expect(rule.properties.tags).toContain("security");
            if (rule.properties["security-severity"] !== undefined) {
                const score = Number(rule.properties["security-severity"]);
                expect(score).toBeGreaterThan(0);
                expect(score).toBeLessThanOrEqual(10);
            }
        }
        const violations = report().stacks.flatMap((s) => s.verdict.violations);
        const others = report().stacks.flatMap((s) => [...s.undecided, ...s.acceptedExceptions, ...s.warnings]);
        expect(run.results).toHaveLength(violations.length + others.length);
        for (const result of run.results) {
            expect(rules[result.ruleIndex].id).toBe(result.ruleId);
            if (result.properties.kind === undefined) expect(violations.some((v) => v.policy === result.ruleId)).toBe(true);
            expect(["error", "warning"]).toContain(result.level);
            const uri: string = result.locations[0].physicalLocation.artifactLocation.uri;
            expect(uri).not.toMatch(/^(\/|file:|[A-Za-z]:)/);
            expect(uri).toMatch(/Pulumi\.[^/]+\.yaml$/);
            expect(fs.existsSync(path.join(repoRoot, uri))).toBe(true);
            expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
            expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
        }
        // Distinct findings never share a fingerprint (GitHub would merge them into one alert).
        const fingerprints = run.results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
        expect(new Set(fingerprints).size).toBe(fingerprints.length);
        return run;
    };

    it("is valid SARIF 2.1.0 for GitHub code scanning, one result per violation", () => {
        const run = check(() => insecure)();
        const mandatory = insecure.stacks.flatMap((s) => s.verdict.violations).filter((v) => v.enforcementLevel === "mandatory");
        expect(run.results.filter((r: any) => r.level === "error")).toHaveLength(mandatory.length);
    });

    it("is valid for trailguard's own stacks, with no error results", () => {
        const run = check(() => ours)();
        expect(run.results.filter((r: any) => r.level === "error")).toEqual([]);
    });

    it("gives the same fingerprints on another run (the second stack's results are stable)", () => {
        const first = JSON.parse(formatSarif(insecure)).runs[0].results;
        const onlyQa = { ...insecure, stacks: insecure.stacks.filter((s) => s.verdict.stack === "qa") };
        const second = JSON.parse(formatSarif(onlyQa)).runs[0].results;
        const qaFirst = first.filter((r: any) => r.properties.stack === "qa").map((r: any) => r.partialFingerprints);
        expect(second.map((r: any) => r.partialFingerprints)).toEqual(qaFirst);
    });
});

describe("junit", () => {
    const parse = (xml: string) => {
        expect(XMLValidator.validate(xml)).toBe(true);
        return new XMLParser({
            ignoreAttributes: false,
            attributeNamePrefix: "",
            isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
        }).parse(xml);
    };

    it("has one test case per policy and stack; mandatory violations fail, advisory ones pass with properties", () => {
        const doc = parse(formatJunit(insecure));
        const suites = doc.testsuites.testsuite;
        expect(suites.map((s: any) => s.name)).toEqual(["ci", "qa"]);
        let failures = 0;
        for (const suite of suites) {
            const stack = insecure.stacks.find((s) => s.verdict.stack === suite.name)!;
            expect(suite.testcase.map((c: any) => c.name)).toEqual(insecure.policies.map((p) => p.name));
            expect(Number(suite.tests)).toBe(insecure.policies.length);
            const mandatoryPolicies = new Set(stack.verdict.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy));
            const failed = suite.testcase.filter((c: any) => c.failure !== undefined);
            expect(failed.map((c: any) => c.name).sort()).toEqual([...mandatoryPolicies].sort());
            expect(Number(suite.failures)).toBe(mandatoryPolicies.size);
            for (const testCase of failed) {
                const messages = stack.verdict.violations.filter((v) => v.policy === testCase.name && v.enforcementLevel === "mandatory");
                for (const v of messages) expect(testCase.failure["#text"]).toContain(v.message.trim());
                expect(testCase.failure.type).toBe("mandatory");
            }
            const advisoryOnly = [...new Set(stack.verdict.violations.filter((v) => v.enforcementLevel === "advisory").map((v) => v.policy))].filter(
                (p) => !mandatoryPolicies.has(p),
            );
            for (const policy of advisoryOnly) {
                const testCase = suite.testcase.find((c: any) => c.name === policy);
                expect(testCase.failure).toBeUndefined();
                expect(testCase.skipped).toBeUndefined();
                expect(testCase["system-out"]).toBeTruthy();
                expect(testCase.properties.property.find((p: any) => p.name === "advisoryViolations")).toBeDefined();
            }
            failures += failed.length;
        }
        expect(Number(doc.testsuites.failures)).toBe(failures);
        expect(Number(doc.testsuites.tests)).toBe(insecure.policies.length * 2);
    });

    it("fails exactly the (stack, policy) cases with mandatory violations: none for trailguard's own stacks", () => {
        const doc = parse(formatJunit(ours));
        const failing = new Set(
            ours.stacks.flatMap((s) => s.verdict.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${s.verdict.stack} ${v.policy}`)),
        );
        expect(Number(doc.testsuites.failures)).toBe(failing.size);
        expect(doc.testsuites.testsuite).toHaveLength(ours.stacks.length);
        const failed = doc.testsuites.testsuite.flatMap((suite: any) =>
            suite.testcase.filter((c: any) => c.failure !== undefined).map((c: any) => `${suite.name} ${c.name}`),
        );
        expect(new Set(failed)).toEqual(failing);
        expect(failing.size).toBe(0);
    });
});

describe("markdown", () => {
    it("has an overview table, a table per stack and collapsible messages", () => {
        const md = formatMarkdown(insecure);
        expect(md).toMatch(/^## trailguard check — :x: \d+ mandatory violations?/);
        for (const stack of insecure.stacks) {
            expect(md).toContain(`### Stack ${stack.verdict.stack}`);
            for (const v of stack.verdict.violations) expect(md).toContain(v.urn ? `<code>${v.urn}</code>` : "the stack");
        }
        expect(md.match(/<details>/g)!.length).toBe(md.match(/<\/details>/g)!.length);
        // Table rows have the same number of cells as their header.
        for (const table of md.split(/\n\n/).filter((block) => block.startsWith("| "))) {
            const widths = table.split("\n").map((row) => row.replace(/\\\|/g, "").split("|").length);
            expect(new Set(widths).size).toBe(1);
        }
        expect(md).toContain("| ci | `test/fixtures/check/insecure-trail/Pulumi.ci.yaml` | pack defaults |");
        const oursMd = formatMarkdown(ours);
        expect(oursMd).toMatch(/^## trailguard check — :(white_check_mark|warning): passed/);
        for (const { stack, policyConfigFile } of shippedStacks()) {
            expect(oursMd).toContain(`| ${stack} | \`stacks/Pulumi.${stack}.yaml\` | ${policyConfigFile ? `\`${policyConfigFile}\`` : "pack defaults"} |`);
        }
    });
});

describe("text", () => {
    it("groups by stack, then policy, mandatory marked apart from advisory, without colour when asked", () => {
        const text = formatText(insecure, { colour: false });
        expect(text).not.toContain("\u001b[");
        const ci = text.indexOf("stack ci");
        const qa = text.indexOf("stack qa");
        expect(ci).toBeGreaterThanOrEqual(0);
        expect(qa).toBeGreaterThan(ci);
        for (const stack of insecure.stacks) {
            for (const v of stack.verdict.violations.filter((x) => x.enforcementLevel === "mandatory")) {
                expect(text).toMatch(new RegExp(`MANDATORY  ${v.policy}\\b`));
            }
        }
        expect(text.trimEnd().split("\n").pop()).toMatch(/FAILED$/);
        expect(formatText(insecure, { colour: true })).toContain("\u001b[31mMANDATORY\u001b[39m");
        expect(formatText(ours, { colour: false }).trimEnd().split("\n").pop()).toMatch(/PASSED$/);
    });
});
