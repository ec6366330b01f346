// The code map of docs/architecture.md, enforced: what each top-level folder may import (itself,
// the folders listed, and packages). core/ imports only Node built-ins and itself; config/,
// components/ and core/ never import the pack or the CLI, so the program does not depend on the
// policy pack; the pack imports nothing outside policies/ but core/ (which its build compiles in),
// so it stays publishable on its own. Nothing shipped imports cli/ or test/.
import * as fs from "fs";
import * as path from "path";
import { builtinModules } from "module";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

function sources(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "bin" ? [] : sources(relative);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative] : [];
    });
}

/** Every module a file imports or requires: the resolved repository path, or the package name. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const specifiers = [...text.matchAll(/(?:from\s+|import\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
    return specifiers.map((s) => (s.startsWith(".") ? path.relative(root, path.resolve(root, path.dirname(file), s)) : s));
}

/** The top-level folder of a repository path, or "package:<name>" for a dependency. */
function area(target: string): string {
    if (!target.startsWith("..") && !path.isAbsolute(target) && fs.existsSync(path.join(root, target.split(path.sep)[0]!))) {
        return target === "index" ? "index.ts" : target.split(path.sep)[0]!;
    }
    return `package:${target}`;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe("the code map", () => {
    const isPackage = (t: string) => area(t).startsWith("package:");
    const cases: [string, (target: string) => boolean][] = [
        ["core", (t) => area(t) === "core" || NODE_BUILTINS.has(t)],
        ["config", (t) => ["config", "core"].includes(area(t)) || isPackage(t)],
        ["components", (t) => ["components", "config", "core"].includes(area(t)) || isPackage(t)],
        ["policies/src", (t) => ["policies", "core"].includes(area(t)) || isPackage(t)],
        ["index.ts", (t) => ["config", "components"].includes(area(t)) || isPackage(t)],
        // The npm package's entries re-export the library; the pack and the CLI ship beside them, never through them.
        ["lib", (t) => ["lib", "config", "components", "core"].includes(area(t)) || isPackage(t)],
    ];
    it.each(cases)("%s imports only what the map allows", (dir, allowed) => {
        const files = dir.endsWith(".ts") ? [dir] : sources(dir);
        expect(files.length).toBeGreaterThan(0);
        const offending = files.flatMap((file) => importsOf(file).filter((t) => !allowed(t)).map((t) => `${file} imports ${t}`));
        expect(offending).toEqual([]);
    });
});
