// The commands the README and docs/ tell users to type: run the fast way (`node bin/trailguard.js`,
// not `npx trailguard`, which costs npm's resolution on every call; bench/launch.bench.js), and name
// commands that exist.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const documents = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];

/** Lines of ```sh / ```console / ``` blocks, with their file and line number. */
function shellLines(file: string): Array<{ where: string; line: string }> {
    const lines = fs.readFileSync(path.join(root, file), "utf8").split("\n");
    const found: Array<{ where: string; line: string }> = [];
    let block: string | undefined;
    let inShell = false;
    lines.forEach((line, i) => {
        const fence = /^\s*```(\w*)/.exec(line);
        if (fence) {
            block = block === undefined ? fence[1] : undefined;
            inShell = block !== undefined && ["sh", "bash", "console", "shell", ""].includes(block);
            return;
        }
        if (inShell) found.push({ where: `${file}:${i + 1}`, line: line.replace(/^\s*\$\s+/, "").trim() });
    });
    return found;
}

const commandLines = documents.flatMap(shellLines);

describe("documented commands", () => {
    it("never send users through npx for trailguard's own CLI", () => {
        expect(commandLines.filter((c) => /(^|[;&|]\s*)npx trailguard\b/.test(c.line)).map((c) => c.where)).toEqual([]);
    });

    it("name subcommands the CLI has", () => {
        const help = spawnSync(process.execPath, [path.join(root, "bin", "trailguard.js"), "--help"], { encoding: "utf8" });
        expect(help.status, help.stderr).toBe(0);
        const commands = new Set([...help.stdout.matchAll(/^\s{2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]));
        expect(commands.has("check")).toBe(true);
        const used = commandLines.flatMap((c) => [...c.line.matchAll(/bin\/trailguard\.js\s+([a-z][a-z-]*)/g)].map((m) => ({ where: c.where, command: m[1] })));
        expect(used.length).toBeGreaterThan(10);
        expect(used.filter((u) => !commands.has(u.command))).toEqual([]);
    });
});
