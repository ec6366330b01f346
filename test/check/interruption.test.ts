// A check stopped by a signal (Ctrl-C, a CI job's timeout) must not leave its policy pack or render
// worker running: the pack has no channel to its parent that would tell it.
import { execFileSync, spawn } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { fixtures, repoRoot } from "./support";

const endlessProgram = path.join(fixtures, "endless-program");

function childrenOf(pid: number): number[] {
    try {
        return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
    } catch {
        return []; // pgrep exits 1 when there are none
    }
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("an interrupted check", () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
        it(`ends its policy pack and render worker on ${signal}, and dies of it`, async () => {
            const cli = spawn(process.execPath, [path.join(repoRoot, "bin", "trailguard.js"), "check", "--quiet", "--program", endlessProgram, "--config", path.join(endlessProgram, "Pulumi.ci.yaml")], {
                cwd: repoRoot,
                stdio: "ignore",
            });
            const exited = new Promise<NodeJS.Signals | null>((resolve) => cli.once("exit", (_code, sig) => resolve(sig)));
            // The pack and the worker start at once; wait until both run and the pack listens.
            let children: number[] = [];
            for (let i = 0; i < 100 && children.length < 2; i++) {
                await sleep(100);
                children = childrenOf(cli.pid!);
            }
            expect(children.length).toBe(2);
            await sleep(1000);
            cli.kill(signal);
            expect(await exited).toBe(signal);
            for (let i = 0; i < 50 && children.some(alive); i++) await sleep(100);
            expect(children.filter(alive)).toEqual([]);
        });
    }
});
