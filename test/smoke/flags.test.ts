// Flags every user tries: --version, a repeated --stack on render, and the warning for two stacks
// that share a namePrefix (same physical names in one account).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { sharedNamePrefixWarnings } from "../../cli/pulumiProject/sharedNamePrefixes";
import { runCli, temporaryDir, trailguardProject } from "../check/support";

const root = path.resolve(__dirname, "..", "..");
const cli = path.join(root, "bin", "trailguard.js");
const stackFile = (name: string) => fs.readFileSync(path.join(root, "stacks", `Pulumi.${name}.yaml`), "utf8");

describe("flags", () => {
    it("--version prints package.json's version", () => {
        const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
        for (const flag of ["--version", "-V"]) {
            const run = spawnSync(process.execPath, [cli, flag], { encoding: "utf8" });
            expect(run.status).toBe(0);
            expect(run.stdout).toBe(`${version}\n`);
        }
    });

    it("render refuses a repeated --stack with one line saying what to do instead", () => {
        const run = spawnSync(process.execPath, [cli, "render", "--stack", "dev", "--stack", "prod"], { encoding: "utf8" });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe(
            "trailguard: --stack given 2 times (dev, prod): render prints one stack; run it once per stack, or `trailguard check --stack a --stack b` to check several\n",
        );
    });
});

describe("stacks that share a namePrefix", () => {
    it("check warns, naming both stacks and the prefix", () => {
        const staging = stackFile("staging").replace(/trailguard:namePrefix: acme-audit-staging/, "trailguard:namePrefix: acme-audit-dev");
        expect(staging).toContain("acme-audit-dev");
        const dir = trailguardProject({ dev: stackFile("dev"), staging });
        const run = runCli(["check", "--program", dir, "--quiet", "--format", "json"]);
        fs.rmSync(dir, { recursive: true, force: true });
        // A warning, not an error: both stacks are still checked (under the pack's defaults here).
        expect(JSON.parse(run.stdout).stacks).toHaveLength(2);
        const warnings = run.stderr.split("\n").filter((l) => l.startsWith("trailguard: warning:"));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/stacks dev \(\S*Pulumi\.dev\.yaml\), staging \(\S*Pulumi\.staging\.yaml\) share namePrefix "acme-audit-dev"/);
    });

    it("counts the environment's default prefix (trailguard-<environment>, docs/configuration.md) and only stacks of interest", () => {
        const dir = temporaryDir();
        const write = (name: string, text: string) => {
            fs.writeFileSync(path.join(dir, name), text);
            return { stack: name.split(".")[1], configFile: path.join(dir, name), project: "trailguard" };
        };
        const implicit = write("Pulumi.a.yaml", "config:\n  trailguard:environment: dev\n");
        const explicit = write("Pulumi.b.yaml", "config:\n  trailguard:environment: prod\n  trailguard:namePrefix: trailguard-dev\n");
        const other = write("Pulumi.c.yaml", "config:\n  trailguard:environment: staging\n");
        const files = [implicit, explicit, other];
        expect(sharedNamePrefixWarnings(files, new Set([implicit.configFile]))).toHaveLength(1);
        expect(sharedNamePrefixWarnings(files, new Set([implicit.configFile]))[0]).toContain('share namePrefix "trailguard-dev"');
        expect(sharedNamePrefixWarnings(files, new Set([other.configFile]))).toEqual([]);
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
