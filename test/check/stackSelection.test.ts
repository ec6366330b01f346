// Which project and stacks `trailguard check` covers, and the policy config each stack gets: one
// rule (docs/check.md), the same in `check`, `trailguard stacks` and the CI workflow's preview
// matrix, so that a stack added by copying a settings file just works.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { resolveCheckTargets } from "../../cli/check/checkTargets";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { selectProject } from "../../cli/pulumiProject/selectProject";
import { stackPolicyConfig } from "../../cli/pulumiProject/stackPolicyConfig";
import { shippedStacks } from "../support/shippedStacks";
import { insecureTrail, repoRoot, runCli, stackTraceLines } from "./support";

const scratch: string[] = [];
afterAll(() => {
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-selection-"));
    scratch.push(dir);
    return dir;
}

function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
}

/**
 * A copy of trailguard's project layout: the shipped staging stack, a `qa` stack made the way the
 * README suggests (copy staging, give it its own namePrefix), a stack with its own policy config,
 * and one whose environment has no policy config.
 */
function projectWithNewStacks(): string {
    const dir = tempDir();
    write(path.join(dir, "Pulumi.yaml"), "name: trailguard\nruntime: nodejs\nstackConfigDir: stacks\n");
    const staging = fs.readFileSync(path.join(repoRoot, "stacks", "Pulumi.staging.yaml"), "utf8");
    write(path.join(dir, "stacks", "Pulumi.staging.yaml"), staging);
    write(path.join(dir, "stacks", "Pulumi.qa.yaml"), staging.replace("acme-audit-staging", "acme-audit-qa"));
    write(path.join(dir, "stacks", "Pulumi.audit.yaml"), staging.replace("acme-audit-staging", "acme-audit-special"));
    write(path.join(dir, "stacks", "Pulumi.sandbox.yml"), "config:\n  trailguard:environment: dev\n");
    write(path.join(dir, "policies", "environments", "staging.json"), "{}\n");
    write(path.join(dir, "policies", "stacks", "audit.json"), "{}\n");
    return dir;
}

describe("the policy config rule", () => {
    const dir = projectWithNewStacks();
    const project = readPulumiProject(dir);

    it("gives a copied stack its environment's config, without a file of its own", () => {
        // qa's settings say `trailguard:environment: staging`: policies/environments/staging.json.
        expect(stackPolicyConfig(project, "qa")).toEqual({ file: path.join(dir, "policies/environments/staging.json"), rule: "environment", environment: "staging" });
        expect(stackPolicyConfig(project, "staging")).toEqual({ file: path.join(dir, "policies/environments/staging.json"), rule: "environment", environment: "staging" });
    });

    it("prefers a stack's own file over its environment's", () => {
        expect(stackPolicyConfig(project, "audit")).toEqual({ file: path.join(dir, "policies/stacks/audit.json"), rule: "stack", environment: "staging" });
    });

    it("falls back to the pack's defaults when neither file exists", () => {
        // sandbox is environment dev, and this project has no policies/environments/dev.json.
        expect(stackPolicyConfig(project, "sandbox")).toEqual({ rule: "pack defaults", environment: "dev" });
    });

    it("is what `trailguard stacks` lists", () => {
        const run = runCli(["stacks", "--program", dir, "--format", "json"]);
        expect(run.status, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual({
            project: "trailguard",
            stacks: [
                { stack: "audit", settingsFile: "stacks/Pulumi.audit.yaml", environment: "staging", policyConfigFile: "policies/stacks/audit.json", policyConfigRule: "stack" },
                { stack: "qa", settingsFile: "stacks/Pulumi.qa.yaml", environment: "staging", policyConfigFile: "policies/environments/staging.json", policyConfigRule: "environment" },
                { stack: "sandbox", settingsFile: "stacks/Pulumi.sandbox.yml", environment: "dev", policyConfigFile: null, policyConfigRule: "pack defaults" },
                { stack: "staging", settingsFile: "stacks/Pulumi.staging.yaml", environment: "staging", policyConfigFile: "policies/environments/staging.json", policyConfigRule: "environment" },
            ],
        });
    });
});

describe("the CI workflow's preview matrix", () => {
    const workflow = parse(fs.readFileSync(path.join(repoRoot, ".github", "workflows", "pull-request.yml"), "utf8"));
    const check = workflow.jobs.check;
    const preview = workflow.jobs["pulumi-preview"];

    it("is derived from `trailguard stacks`, not a list of names", () => {
        expect(preview.needs).toBe("check");
        expect(preview.strategy.matrix).toEqual({ include: "${{ fromJSON(needs.check.outputs.stacks) }}" });
        expect(check.outputs.stacks).toBe("${{ steps.stacks.outputs.stacks }}");
        const previewStep = preview.steps.find((s: any) => s.uses?.startsWith("pulumi/actions@"));
        expect(previewStep.with.policyPackConfigs).toBe("${{ matrix.policyConfig }}");
        expect(previewStep.with["stack-name"]).toContain("matrix.stack");
    });

    it("lists every shipped stack with the policy config check uses, when its step runs", () => {
        const step = check.steps.find((s: any) => s.id === "stacks");
        const runnerTemp = tempDir();
        const output = path.join(runnerTemp, "github-output");
        const run = spawnSync("bash", ["-e", "-c", step.run], {
            cwd: repoRoot,
            encoding: "utf8",
            env: { ...process.env, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output },
        });
        expect(run.status, run.stderr).toBe(0);
        const line = fs.readFileSync(output, "utf8").trim();
        expect(line.startsWith("stacks=")).toBe(true);
        expect(JSON.parse(line.slice("stacks=".length))).toEqual(shippedStacks().map((s) => ({ stack: s.stack, policyConfig: s.policyConfigFile ?? "" })));
    });
});

describe("which project is checked", () => {
    it("is the nearest Pulumi.yaml up from the working directory, when it is not trailguard's own", () => {
        const dir = tempDir();
        write(path.join(dir, "Pulumi.yaml"), "name: theirs\nruntime: nodejs\n");
        write(path.join(dir, "infra", "deep", "x.txt"), "");
        expect(selectProject(undefined, path.join(dir, "infra", "deep"))).toEqual({ dir, own: false, chosenBy: "working directory" });
        expect(selectProject(undefined, dir)).toEqual({ dir, own: false, chosenBy: "working directory" });
    });

    it("is trailguard's own inside trailguard, or where no project is found", () => {
        const outside = tempDir();
        expect(selectProject(undefined, path.join(repoRoot, "docs"))).toEqual({ dir: repoRoot, own: true, chosenBy: "trailguard" });
        expect(selectProject(undefined, outside)).toEqual({ dir: repoRoot, own: true, chosenBy: "trailguard" });
    });

    it("is --program's when given, and a --program that is not a directory is one clear line", () => {
        expect(selectProject(insecureTrail, os.tmpdir())).toEqual({ dir: insecureTrail, own: false, chosenBy: "--program" });
        expect(selectProject(".", repoRoot)).toEqual({ dir: repoRoot, own: true, chosenBy: "--program" });
        const run = runCli(["check", "--program", "no/such/dir"]);
        expect(run.status).toBe(2);
        expect(run.stderr).toBe("trailguard: --program no/such/dir: not a directory\n");
        expect(stackTraceLines(run.stderr)).toEqual([]);
    });

    it("checks a consumer project's program and stacks when run from inside it, as --program does", () => {
        const fromInside = runCli(["check", "--quiet", "--format", "json", "--jobs", "1"], { cwd: insecureTrail });
        const withFlag = runCli(["check", "--quiet", "--format", "json", "--jobs", "1", "--program", insecureTrail]);
        expect(fromInside.status, fromInside.stderr).toBe(1);
        const report = JSON.parse(fromInside.stdout);
        expect(report.stacks.map((s: any) => s.configFile)).toEqual([
            "test/fixtures/check/insecure-trail/Pulumi.ci.yaml",
            "test/fixtures/check/insecure-trail/Pulumi.qa.yaml",
        ]);
        expect(report).toEqual(JSON.parse(withFlag.stdout));
    });

    it("takes --stack and --config of the working directory's project", () => {
        const byStack = runCli(["check", "--quiet", "--format", "json", "--stack", "qa"], { cwd: insecureTrail });
        const byConfig = runCli(["check", "--quiet", "--format", "json", "--config", "Pulumi.qa.yaml"], { cwd: insecureTrail });
        expect(byStack.status, byStack.stderr).toBe(1);
        expect(JSON.parse(byStack.stdout).stacks.map((s: any) => s.stack)).toEqual(["qa"]);
        expect(JSON.parse(byConfig.stdout)).toEqual(JSON.parse(byStack.stdout));
    });
});

describe("--config in trailguard's own project", () => {
    it("renders the settings file given, and picks its policy config from that file's environment", async () => {
        // A stack "sandbox" of the dev environment with another namePrefix, kept outside stacks/ (which
        // has no Pulumi.sandbox.yaml: only the given file can say the environment is dev).
        const settings = parse(fs.readFileSync(path.join(repoRoot, "stacks", "Pulumi.dev.yaml"), "utf8"));
        settings.config["trailguard:namePrefix"] = "elsewhere-audit";
        const file = path.join(tempDir(), "Pulumi.sandbox.yaml");
        write(file, stringify(settings));
        const [target] = resolveCheckTargets({ config: file, cwd: repoRoot });
        expect(target!.configFile).toBe(file);
        expect(target!.policyConfigFile).toBe(path.join(repoRoot, "policies", "environments", "dev.json"));
        const { rendered } = await target!.render("preview");
        // Physical names come from namePrefix, e.g. the trail's name and its log group's.
        const trail = rendered.resources.find((r) => r.type === "aws:cloudtrail/trail:Trail")!;
        expect(trail.inputs.name).toBe("elsewhere-audit-trail");
        expect(JSON.stringify(rendered.resources.map((r) => r.inputs))).not.toContain("acme-audit-dev");
    });
});
