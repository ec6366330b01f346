// `trailguard cost --stack` prices a stack of the project `check` would pick: --program, else the
// working directory's project, else trailguard's own. A project of another name whose stack file
// carries trailguard config (a copy of the shipped staging file) costs what staging costs.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.join(__dirname, "..", "..");
const cli = path.join(root, "bin", "trailguard.js");
const project = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-cost-project-"));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: their-audit\nruntime: nodejs\n");
fs.mkdirSync(path.join(project, "infra"));
fs.copyFileSync(path.join(root, "stacks", "Pulumi.staging.yaml"), path.join(project, "Pulumi.qa.yaml"));

function cost(args: string[], cwd: string) {
    const run = spawnSync(process.execPath, [cli, "cost", "--format", "json", ...args], { cwd, encoding: "utf8" });
    return { status: run.status, stderr: run.stderr, json: run.status === 0 ? JSON.parse(run.stdout) : undefined };
}

describe("which project cost prices", () => {
    const staging = cost(["--stack", "staging"], root);

    it("is the working directory's project, from anywhere inside it", () => {
        expect(staging.status, staging.stderr).toBe(0);
        const qa = cost(["--stack", "qa"], path.join(project, "infra"));
        expect(qa.status, qa.stderr).toBe(0);
        expect(qa.json.stack).toBe("qa");
        expect(qa.json.monthlyTotal).toBe(staging.json.monthlyTotal);
        expect(qa.json.cumulativeTotal).toBe(staging.json.cumulativeTotal);
        // trailguard's own stacks are not that project's.
        const own = cost(["--stack", "staging"], project);
        expect(own.status).toBe(2);
        expect(own.stderr.trim()).toMatch(/^trailguard: no stack 'staging': \S+Pulumi\.staging\.yaml does not exist \(stacks: qa\)$/);
    });

    it("is --program's when given", () => {
        const qa = cost(["--stack", "qa", "--program", project], os.tmpdir());
        expect(qa.status, qa.stderr).toBe(0);
        expect(qa.json.monthlyTotal).toBe(staging.json.monthlyTotal);
    });
});
