// `trailguard check` as a user runs it (a child process): exit codes 0/1/2, one clear message
// naming the file for every kind of mistake, never a stack trace, reports written whole or not at
// all, and the same bytes from run to run.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shippedStacks } from "../support/shippedStacks";
import { CliRun, failingProgram, fixtures, insecureTrail, runCli, stackTraceLines, temporaryDir, trailguardProject } from "./support";

const scratch: string[] = [];
let insecureJson: CliRun;
let insecureSarifFile: string;
let insecureSarifRun: CliRun;

beforeAll(() => {
    const dir = temporaryDir();
    scratch.push(dir);
    insecureSarifFile = path.join(dir, "report.sarif");
    insecureJson = runCli(["check", "--program", insecureTrail, "--format", "json", "--jobs", "1"]);
    insecureSarifRun = runCli(["check", "--program", insecureTrail, "--format", "sarif", "--output", insecureSarifFile]);
});

afterAll(() => {
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

function expectCleanUsageError(run: CliRun, ...mentions: Array<string | RegExp>): void {
    expect(run.status, run.stderr).toBe(2);
    expect(stackTraceLines(run.stderr)).toEqual([]);
    for (const mention of mentions) expect(run.stderr).toMatch(mention);
    expect(run.stdout).toBe("");
}

describe("exit codes", () => {
    it("exits 1 on mandatory violations, with progress on stderr and the report on stdout", () => {
        expect(insecureJson.status, insecureJson.stderr).toBe(1);
        const report = JSON.parse(insecureJson.stdout);
        expect(report.summary.passed).toBe(false);
        expect(report.stacks.map((s: any) => s.stack)).toEqual(["ci", "qa"]);
        expect(insecureJson.stderr).toMatch(/^\[1\/2\] (ci|qa): \d+ resources, \d+ mandatory, \d+ advisory/m);
        expect(insecureJson.stderr).toMatch(/^\[2\/2\] /m);
    });

    it("exits 0 for a shipped stack under its environment's policy config, --quiet keeping stderr empty", () => {
        const run = runCli(["check", "--quiet", "--stack", "dev", "--format", "json"]);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toBe("");
        const report = JSON.parse(run.stdout);
        expect(report.summary).toMatchObject({ stacks: 1, mandatory: 0, passed: true });
        expect(report.stacks[0].policyConfigFile).toBe(shippedStacks().find((s) => s.stack === "dev")!.policyConfigFile);
    });

    it("exits 1 for the same stack when --policy-pack-config replaces its environment's config with the pack defaults", () => {
        const dir = temporaryDir();
        scratch.push(dir);
        const defaults = path.join(dir, "defaults.json");
        fs.writeFileSync(defaults, "{}\n");
        const run = runCli(["check", "--quiet", "--stack", "dev", "--format", "json", "--policy-pack-config", defaults]);
        expect(run.status, run.stderr).toBe(1);
        const report = JSON.parse(run.stdout);
        expect(report.stacks[0].policyConfigFile).toBe(defaults);
        expect(report.stacks[0].violations.filter((v: any) => v.enforcementLevel === "mandatory").map((v: any) => v.policy).sort()).toEqual([
            "cloudtrail-bucket-retention",
            "cloudtrail-log-group-retention",
        ]);
    });

    it("exits 0 when --policy-pack-config makes every policy advisory, still reporting the violations", () => {
        const dir = temporaryDir();
        scratch.push(dir);
        const config = path.join(dir, "advisory.json");
        fs.writeFileSync(config, JSON.stringify({ all: "advisory" }));
        const run = runCli(["check", "--quiet", "--program", insecureTrail, "--config", path.join(insecureTrail, "Pulumi.ci.yaml"), "--policy-pack-config", config, "--format", "json"]);
        expect(run.status, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.summary.mandatory).toBe(0);
        expect(report.summary.advisory).toBeGreaterThan(0);
        expect(report.stacks.map((s: any) => s.stack)).toEqual(["ci"]);
    });
});

describe("reports", () => {
    it("writes the same report to --output as to stdout, in the same order", () => {
        expect(insecureSarifRun.status, insecureSarifRun.stderr).toBe(1);
        expect(insecureSarifRun.stdout).toBe("");
        const sarif = JSON.parse(fs.readFileSync(insecureSarifFile, "utf8"));
        const fromJson = JSON.parse(insecureJson.stdout).stacks.flatMap((s: any) => s.violations.map((v: any) => `${s.stack} ${v.policy} ${v.urn}`));
        // Violations first, per stack; undecided findings, accepted exceptions and warnings carry a kind.
        const violationResults = sarif.runs[0].results.filter((r: any) => r.properties.kind === undefined);
        const fromSarif = violationResults.map((r: any) => `${r.properties.stack} ${r.ruleId} ${r.properties.urn}`);
        expect(fromSarif).toEqual(fromJson);
        const others = JSON.parse(insecureJson.stdout).stacks.reduce(
            (n: number, s: any) => n + s.undecided.length + s.acceptedExceptions.length + s.warnings.length,
            0,
        );
        expect(sarif.runs[0].results.length - violationResults.length).toBe(others);
        expect(fs.readdirSync(path.dirname(insecureSarifFile))).toEqual(["report.sarif"]);
    });

    it("leaves a previous report untouched when the run cannot finish", () => {
        const dir = temporaryDir();
        scratch.push(dir);
        const output = path.join(dir, "report.json");
        fs.writeFileSync(output, "previous report\n");
        const run = runCli(["check", "--program", failingProgram, "--format", "json", "--output", output]);
        expect(run.status).toBe(2);
        expect(fs.readFileSync(output, "utf8")).toBe("previous report\n");
        expect(fs.readdirSync(dir)).toEqual(["report.json"]);
    });

    it("appends the Markdown report to --markdown-summary", () => {
        const dir = temporaryDir();
        scratch.push(dir);
        const summary = path.join(dir, "summary.md");
        fs.writeFileSync(summary, "# earlier step\n");
        const config = path.join(insecureTrail, "Pulumi.qa.yaml");
        const run = runCli(["check", "--quiet", "--program", insecureTrail, "--config", config, "--format", "json", "--markdown-summary", summary]);
        expect(run.status, run.stderr).toBe(1);
        expect(JSON.parse(run.stdout).summary.stacks).toBe(1);
        const text = fs.readFileSync(summary, "utf8");
        expect(text.startsWith("# earlier step\n## trailguard check — :x: ")).toBe(true);
        expect(text).toContain("| qa | `test/fixtures/check/insecure-trail/Pulumi.qa.yaml` | pack defaults |");
    });
});

describe("other teams' programs", () => {
    it("renders one that imports a resource's own file from @pulumi/aws, as pulumi preview would", () => {
        const program = path.join(fixtures, "deep-aws-import");
        const run = runCli(["check", "--quiet", "--format", "json", "--program", program, "--config", path.join(program, "Pulumi.ci.yaml")]);
        expect(run.status, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.stacks[0].resources).toBeGreaterThan(1);
    });
});

describe("mistakes exit 2 with one message naming the file", () => {
    it("a program that throws as it loads", () => {
        const run = runCli(["check", "--program", failingProgram, "--config", path.join(failingProgram, "Pulumi.ci.yaml")]);
        expectCleanUsageError(run, "failing-program/index.js", "Pulumi.ci.yaml", "retentionDays must be at least 365, got 30");
    });

    it("a stack settings file that is not YAML", () => {
        const project = trailguardProject({ broken: "config:\n  trailguard:environment: [dev\n" });
        scratch.push(project);
        const run = runCli(["check", "--program", project, "--config", path.join(project, "Pulumi.broken.yaml")]);
        expectCleanUsageError(run, path.join(project, "Pulumi.broken.yaml"), /not valid YAML/);
    });

    it("a trailguard setting the program rejects", () => {
        const dev = fs.readFileSync(path.join(__dirname, "..", "..", "stacks", "Pulumi.dev.yaml"), "utf8");
        const project = trailguardProject({ bad: dev.replace(/trailguard:environment: .*/, "trailguard:environment: nonsense") });
        scratch.push(project);
        const run = runCli(["check", "--program", project, "--config", path.join(project, "Pulumi.bad.yaml")]);
        expectCleanUsageError(run, path.join(project, "Pulumi.bad.yaml"), /environment/, /nonsense/);
    });

    it("a policy pack config that is not JSON, before any stack is rendered", () => {
        const dir = temporaryDir();
        scratch.push(dir);
        const config = path.join(dir, "policy.json");
        fs.writeFileSync(config, "{ all: advisory }");
        const run = runCli(["check", "--stack", "dev", "--policy-pack-config", config]);
        expectCleanUsageError(run, config, /not valid JSON/);
        expect(run.stderr).not.toMatch(/\[1\/1\] dev: \d+ resources/);
    });

    it("an unknown stack, --config with --stack, a missing or misnamed settings file, a bad --format", () => {
        expectCleanUsageError(runCli(["check", "--stack", "no-such-stack"]), /no stack 'no-such-stack'/, /Pulumi\.no-such-stack\.yaml/);
        expectCleanUsageError(runCli(["check", "--config", "stacks/Pulumi.dev.yaml", "--stack", "dev"]), /either --config <file> or --stack <name>/);
        expectCleanUsageError(runCli(["check", "--config", "stacks/Pulumi.nope.yaml"]), /--config stacks\/Pulumi\.nope\.yaml: no such file/);
        expectCleanUsageError(runCli(["check", "--program", insecureTrail, "--config", path.join(insecureTrail, "index.ts")]), /Pulumi\.<stack>\.yaml/);
        expectCleanUsageError(runCli(["check", "--format", "xml"]), /--format/, /xml/);
        expectCleanUsageError(runCli(["check", "--jobs", "0"]), /--jobs/);
    });
});
