// The pull-request workflow's cost comparison, run as the job would run it: the base step's script
// in a throwaway clone of this repository (node_modules linked, the variables it reads set so that
// the "base" commit is HEAD), then the check step's script with the baseline the base step gave.
// With base = HEAD every stack's change is $0.00; the baseline's figures are compared with
// `trailguard cost` (a second route to the same estimate).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { shippedStacks } from "../support/shippedStacks";
import { repoRoot, runCli, sarifSchemaErrors, temporaryDir } from "./support";

const workflow = parse(fs.readFileSync(path.join(repoRoot, ".github", "workflows", "pull-request.yml"), "utf8"));
const steps: any[] = workflow.jobs.check.steps;
const baseStep = steps.find((s) => s.id === "base");
const checkStep = steps.find((s) => s.name === "trailguard check");

describe("the workflow's cost steps, as written", () => {
    it("build the base commit before the check and hand its report to the check", () => {
        expect(baseStep.if).toBe("github.event_name == 'pull_request'");
        expect(baseStep.env.BASE_SHA).toBe("${{ github.event.pull_request.base.sha }}");
        expect(steps.indexOf(baseStep)).toBeLessThan(steps.indexOf(checkStep));
        expect(baseStep.run).toContain("git worktree add");
        expect(baseStep.run).toContain("node scripts/build.js");
        expect(checkStep.env.COST_BASELINE).toBe("${{ steps.base.outputs.baseline }}");
        expect(checkStep.run).toContain('${COST_BASELINE:+--cost-baseline "$COST_BASELINE"}');
    });
});

const stacksOf = (root: string) => shippedStacks(root).map((s) => s.stack);

describe("the workflow's cost steps, run in a clone with base = HEAD", () => {
    let scratch: string;
    let runnerTemp: string;
    let clone: string;
    let head: string;
    let base: ReturnType<typeof bash>;
    let output: string;

    function bash(script: string, cwd: string, env: Record<string, string>) {
        return spawnSync("bash", ["-e", "-c", script], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 * 1024 * 1024 });
    }

    beforeAll(() => {
        scratch = temporaryDir();
        runnerTemp = path.join(scratch, "runner-temp");
        fs.mkdirSync(runnerTemp);
        clone = path.join(scratch, "checkout");
        head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim();
        for (const args of [["clone", "--quiet", "--no-checkout", repoRoot, clone], ["-C", clone, "checkout", "--quiet", "--detach", head]]) {
            const git = spawnSync("git", args, { encoding: "utf8" });
            expect(git.status, git.stderr).toBe(0);
        }
        // The job's installed dependencies (npm ci ran before these steps).
        fs.symlinkSync(fs.realpathSync(path.join(repoRoot, "node_modules")), path.join(clone, "node_modules"));
        output = path.join(runnerTemp, "github-output");
        base = bash(baseStep.run, clone, { BASE_SHA: head, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output });
    }, 240_000);

    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("the base step builds and checks the base commit and outputs its report as the baseline", () => {
        expect(base.status, base.stderr).toBe(0);
        expect(base.stdout).not.toContain("::notice::");
        const line = fs.readFileSync(output, "utf8").trim();
        expect(line).toMatch(/^baseline=/);
        const report = JSON.parse(fs.readFileSync(line.slice("baseline=".length), "utf8"));
        // The stacks of the commit the clone holds (a stack file not yet committed is not in it).
        expect(report.stacks.map((s: any) => s.stack)).toEqual(stacksOf(clone));
        for (const stack of report.stacks) {
            // The estimate the base commit reported is what `trailguard cost` prints for the stack.
            const cost = JSON.parse(runCli(["cost", "--stack", stack.stack, "--format", "json"]).stdout);
            expect(stack.cost.monthlyUsd).toBeCloseTo(cost.months[cost.months.length - 1].total, 9);
        }
    });

    it("the check step compares with it: no change on any stack", () => {
        const baseline = fs.readFileSync(output, "utf8").trim().slice("baseline=".length);
        // The base worktree is a built checkout of HEAD, i.e. of this "pull request".
        const checkout = path.join(runnerTemp, "trailguard-base");
        expect(fs.existsSync(path.join(checkout, "dist"))).toBe(true);
        const summary = path.join(runnerTemp, "step-summary.md");
        const run = bash(checkStep.run, checkout, { COST_BASELINE: baseline, GITHUB_STEP_SUMMARY: summary });
        expect(run.status, run.stderr).toBe(0);
        const markdown = fs.readFileSync(summary, "utf8");
        expect(markdown).toContain("| Stack | Monthly (steady state) | Over the horizon | Baseline monthly | Change | Change % |");
        for (const stack of stacksOf(clone)) expect(markdown).toMatch(new RegExp(`\\| ${stack} \\| (\\$[\\d,.]+) \\| .* \\| \\1 \\| \\$0\\.00 \\| 0\\.0% \\|`));
        const sarif = JSON.parse(fs.readFileSync(path.join(checkout, "trailguard.sarif"), "utf8"));
        expect(sarifSchemaErrors(sarif)).toEqual([]);
        expect(sarif.runs[0].properties.costs.map((c: any) => c.costChange.changeUsd)).toEqual(stacksOf(clone).map(() => 0));
    });

    it("gives no baseline, and does not fail, when the base commit's check cannot run", () => {
        // A base commit with a stack file that does not validate: its check exits 2 and writes no report.
        fs.writeFileSync(path.join(clone, "stacks", "Pulumi.broken.yaml"), "config:\n  trailguard:environment: nowhere\n");
        const git = (...args: string[]) => spawnSync("git", ["-C", clone, "-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { encoding: "utf8" });
        expect(git("add", "stacks/Pulumi.broken.yaml").status).toBe(0);
        expect(git("commit", "--quiet", "-m", "a stack that does not validate").status).toBe(0);
        const brokenBase = git("rev-parse", "HEAD").stdout.trim();
        const otherTemp = path.join(scratch, "runner-temp-broken");
        fs.mkdirSync(otherTemp);
        const otherOutput = path.join(otherTemp, "github-output");
        const run = bash(baseStep.run, clone, { BASE_SHA: brokenBase, RUNNER_TEMP: otherTemp, GITHUB_OUTPUT: otherOutput });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain(`::notice::trailguard check on the base commit ${brokenBase} exited 2 without a report: no cost baseline`);
        expect(fs.existsSync(otherOutput) ? fs.readFileSync(otherOutput, "utf8") : "").not.toContain("baseline=");
    }, 240_000);

    it("the check step runs without a baseline when the base step gave none", () => {
        const checkout = path.join(runnerTemp, "trailguard-base");
        const summary = path.join(runnerTemp, "step-summary-without.md");
        const run = bash(checkStep.run, checkout, { COST_BASELINE: "", GITHUB_STEP_SUMMARY: summary });
        expect(run.status, run.stderr).toBe(0);
        const markdown = fs.readFileSync(summary, "utf8");
        expect(markdown).toContain("| Stack | Monthly (steady state) | Over the horizon |\n");
        expect(markdown).not.toContain("Baseline monthly");
    });
});
