// A program that never finishes (here: one that exports a promise that never settles) is stopped
// after --timeout seconds and named, instead of hanging `check` and `render` forever.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderStack } from "../../cli/mockEngine/renderEntryPoints";
import { setRenderTimeout } from "../../cli/mockEngine/renderWorkerPool";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { fixtures, runCli, stackTraceLines } from "./support";

const endlessProgram = path.join(fixtures, "endless-program");
const endlessConfig = path.join(endlessProgram, "Pulumi.ci.yaml");

describe("the time limit on a program", () => {
    it("check names the program that did not finish within --timeout and exits 2", () => {
        const run = runCli(["check", "--program", endlessProgram, "--config", endlessConfig, "--timeout", "2", "--jobs", "1"]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toContain(`program ${path.join(endlessProgram, "index.js")} (stack ci, ${endlessConfig}) did not finish within 2 s`);
        expect(run.stderr).toContain("--timeout <seconds> allows more time");
        expect(stackTraceLines(run.stderr)).toEqual([]);
    });

    it("render names it too, through the CLI (render --program)", () => {
        const run = runCli(["render", "--program", endlessProgram, "--stack", "ci", "--timeout", "2"]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toContain(`program ${path.join(endlessProgram, "index.js")} (stack ci, ${endlessConfig}) did not finish within 2 s`);
        expect(stackTraceLines(run.stderr)).toEqual([]);
    });

    it("the renderer render and check share stops the program, and a fresh worker takes the next render", async () => {
        const project = readPulumiProject(endlessProgram);
        setRenderTimeout(1);
        await expect(renderStack(project, endlessConfig, "ci")).rejects.toThrow(/did not finish within 1 s/);
        // The stuck worker was killed; the next render gets a fresh one.
        await expect(renderStack(project, endlessConfig, "ci")).rejects.toThrow(/did not finish within 1 s/);
    });

    it("refuses a --timeout that is not a positive number of seconds", () => {
        for (const command of [["check"], ["render", "--stack", "dev"]]) {
            const run = runCli([...command, "--timeout", "0"]);
            expect(run.status).toBe(2);
            expect(run.stderr).toContain(`option '--timeout <seconds>' argument '0' is invalid. expected a number of seconds greater than 0, got "0"`);
        }
    });
});
