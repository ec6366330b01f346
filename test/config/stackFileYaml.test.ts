// YAML mistakes in stack settings files and Pulumi.yaml: a duplicate key named with its lines and
// the line quoted, `.nan` / `.inf` reported as such (JSON would turn them into null, and the
// validator would say "got null"), a file without its `config:` wrapper told how to fix it.
// Line numbers are found in the test's own text, not taken from the code under test.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { UserError } from "../../cli/userError";
import { runCli, stackTraceLines, temporaryDir, trailguardProject } from "../check/support";

const root = path.resolve(__dirname, "..", "..");
const devText = fs.readFileSync(path.join(root, "stacks", "Pulumi.dev.yaml"), "utf8");

let dir: string;
beforeAll(() => {
    dir = temporaryDir();
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function errorOf(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    try {
        readStackConfigFile(file, "trailguard");
    } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        return (err as Error).message;
    }
    throw new Error("expected the file to be refused");
}

/** 1-based number of the first line equal to `line` at or after `from`. */
function lineOf(text: string, line: string, from = 1): number {
    const index = text.split("\n").findIndex((l, i) => i >= from - 1 && l === line);
    if (index < 0) throw new Error(`no line ${line}`);
    return index + 1;
}

describe("stack settings YAML", () => {
    it("names a duplicate key, both its lines, and quotes the second", () => {
        const text = devText + "  trailguard:environment: prod\n";
        const first = lineOf(text, "  trailguard:environment: dev");
        const second = lineOf(text, "  trailguard:environment: prod");
        const file = path.join(dir, "Pulumi.dup.yaml");
        expect(errorOf("Pulumi.dup.yaml", text)).toBe(
            `${file}:${second}: key "trailguard:environment" appears twice in one mapping (first on line ${first}); ` +
                `keep one and merge what they hold — line ${second}: "  trailguard:environment: prod"`,
        );
    });

    it("finds a duplicate nested key too", () => {
        const text = "config:\n  trailguard:environment: dev\n  trailguard:alarms:\n    defaults:\n      threshold: 2\n      period: 60\n      threshold: 3\n";
        expect(errorOf("Pulumi.nested.yaml", text)).toMatch(/:7: key "threshold" appears twice in one mapping \(first on line 5\); .* line 7: "      threshold: 3"$/);
    });

    it("reports .nan and .inf as what they are, with the key and line", () => {
        const text = "config:\n  trailguard:environment: dev\n  trailguard:alarms:\n    defaults:\n      threshold: .nan\n";
        const file = path.join(dir, "Pulumi.nan.yaml");
        expect(errorOf("Pulumi.nan.yaml", text)).toBe(`${file}:5: trailguard:alarms.defaults.threshold: got .nan (YAML's not-a-number), expected a finite number`);
        const inf = "config:\n  trailguard:environment: dev\n  trailguard:retention:\n    logGroupDays: -.inf\n";
        expect(errorOf("Pulumi.inf.yaml", inf)).toMatch(/Pulumi\.inf\.yaml:4: trailguard:retention\.logGroupDays: got -\.inf \(YAML's infinity\), expected a finite number$/);
        const list = "config:\n  trailguard:tags:\n    values: [1, .Inf]\n";
        expect(errorOf("Pulumi.list.yaml", list)).toMatch(/:3: trailguard:tags\.values\[1\]: got \.Inf \(YAML's infinity\)/);
    });

    it("hints at the missing config: wrapper", () => {
        const text = "trailguard:environment: dev\ntrailguard:namePrefix: acme-audit-dev\n";
        const file = path.join(dir, "Pulumi.flat.yaml");
        expect(errorOf("Pulumi.flat.yaml", text)).toBe(
            `${file}: trailguard:environment, trailguard:namePrefix at the top level, but a stack settings file holds its settings under a 'config:' key; ` +
                "add a first line 'config:' and indent the settings below it",
        );
    });

    it("shows the line of any other YAML error", () => {
        const text = "config:\n  trailguard:environment: dev\n  trailguard:tags: {team: [a}\n";
        expect(errorOf("Pulumi.broken.yaml", text)).toMatch(/^\S+Pulumi\.broken\.yaml:3: not valid YAML: [^\n]+ — line 3: "  trailguard:tags: \{team: \[a\}"$/);
    });

    it("treats Pulumi.yaml the same way", () => {
        const project = path.join(dir, "project");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: p\nruntime: nodejs\nname: q\n");
        expect(() => readPulumiProject(project)).toThrow(`${path.join(project, "Pulumi.yaml")}:3: key "name" appears twice in one mapping (first on line 1)`);
    });

    it("reaches the user of check as one line, exit 2", () => {
        const project = trailguardProject({ dup: devText + "  trailguard:namePrefix: other\n" });
        const run = runCli(["check", "--program", project, "--quiet"]);
        fs.rmSync(project, { recursive: true, force: true });
        expect(run.status).toBe(2);
        expect(run.stderr.trim().split("\n")).toHaveLength(1);
        expect(run.stderr).toMatch(/Pulumi\.dup\.yaml:\d+: key "trailguard:namePrefix" appears twice in one mapping \(first on line \d+\)/);
        expect(stackTraceLines(run.stderr)).toEqual([]);
    });
});
