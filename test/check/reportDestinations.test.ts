// Where `check` writes its reports: a destination it cannot write is refused before any stack is
// rendered, with the flag, the path and what is wrong in words (never ENOENT, EISDIR, EACCES or
// ESPIPE); a pipe or device is written in place.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insecureTrail, repoRoot, runCli, stackTraceLines, temporaryDir } from "./support";

const BARE_ERRNO = /\bE[A-Z]{3,}\b/;
const config = path.join(insecureTrail, "Pulumi.ci.yaml");

let dir: string;
beforeAll(() => {
    dir = temporaryDir();
    fs.writeFileSync(path.join(dir, "a-file"), "");
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function check(...args: string[]) {
    return runCli(["check", "--program", insecureTrail, "--config", config, "--jobs", "1", ...args]);
}

describe("report destinations", () => {
    const cases: Array<[string, () => string[], RegExp]> = [
        ["--output in a folder that does not exist", () => ["--output", path.join(dir, "missing", "report.sarif")], /^--output \S+report\.sarif: the folder \S+missing does not exist; create it first$/],
        ["--output naming a directory", () => ["--output", dir], /: is a directory; expected the path of a file to write the report to$/],
        ["--output under a file", () => ["--output", path.join(dir, "a-file", "report.json")], /: \S+a-file is not a folder$/],
        ["--markdown-summary naming a directory", () => ["--markdown-summary", dir], /^--markdown-summary \S+: is a directory; expected the path of a file/],
        ["--markdown-summary in a folder that does not exist", () => ["--markdown-summary", path.join(dir, "nope", "summary.md")], /^--markdown-summary \S+summary\.md: the folder \S+nope does not exist/],
    ];
    it.each(cases)("refuses %s before rendering anything, in words", (_what, args, message) => {
        const run = check(...args());
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        const lines = run.stderr.trim().split("\n");
        // One line, and no progress line: not a single stack was rendered.
        expect(lines).toHaveLength(1);
        expect(lines[0].replace(/^trailguard: /, "")).toMatch(message);
        expect(run.stderr).not.toMatch(BARE_ERRNO);
        expect(stackTraceLines(run.stderr)).toEqual([]);
    });

    it("writes to a pipe in place: --output /dev/stdout and --markdown-summary /dev/stdout", () => {
        const cli = path.join(repoRoot, "bin", "trailguard.js");
        const base = `"${process.execPath}" "${cli}" check --quiet --program "${insecureTrail}" --config "${config}" --jobs 1`;
        // Through a shell pipe, as in CI logs: /dev/stdout is that pipe.
        const output = spawnSync("sh", ["-c", `${base} --format json --output /dev/stdout | cat`], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
        expect(output.stderr).toBe("");
        expect(JSON.parse(output.stdout).stacks).toHaveLength(1);
        const reportFile = path.join(dir, "report.json");
        const summary = spawnSync("sh", ["-c", `${base} --format json --output "${reportFile}" --markdown-summary /dev/stdout | cat`], { encoding: "utf8" });
        expect(summary.stderr).toBe("");
        expect(summary.stdout).toMatch(/^#/m);
        expect(JSON.parse(fs.readFileSync(reportFile, "utf8")).stacks).toHaveLength(1);
    });

    it("refuses /dev/stdout when standard output is a socket, before rendering, and says what to do", () => {
        // Node's child processes get a socket pair as standard output.
        const run = check("--output", "/dev/stdout");
        expect(run.status).toBe(2);
        expect(run.stderr.trim()).toBe(
            "trailguard: --output /dev/stdout: is a socket, which cannot be opened as a file (standard output of some launchers is one); leave out the flag to write to standard output",
        );
    });
});
