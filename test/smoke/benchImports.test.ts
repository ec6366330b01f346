// The benches run only under `npm run bench`, never in the tests, so a refactor that moves or renames
// what they import from dist/ goes unnoticed (bench/policyPack.bench.js once imported
// encodeStackRequest from a module that no longer exported it). Every `const { a, b } =
// require("<dist module>")` in bench/ must name exports that module has.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const benchDir = path.join(root, "bench");
const IMPORT = /const \{([^}]+)\} = require\("(\.{1,2}\/dist\/[^"]+)"\)/g;

function benchImports(): { file: string; names: string[]; module: string }[] {
    return fs
        .readdirSync(benchDir)
        .filter((f) => f.endsWith(".js"))
        .flatMap((file) =>
            [...fs.readFileSync(path.join(benchDir, file), "utf8").matchAll(IMPORT)].map((m) => ({
                file,
                names: m[1].split(",").map((n) => n.trim().split(":")[0].trim()).filter(Boolean),
                // "./dist/…" appears in scripts the benches run from the repository root.
                module: path.join(m[2].startsWith("./") ? root : benchDir, m[2]),
            })),
        );
}

describe("what the benches import from dist/", () => {
    it("finds the imports it checks", () => {
        expect(benchImports().length).toBeGreaterThanOrEqual(3);
    });

    for (const { file, names, module } of benchImports()) {
        it(`${file}: ${names.join(", ")} from ${path.relative(root, module)}`, () => {
            const loaded = require(module);
            for (const name of names) expect(loaded[name], `${name} in ${path.relative(root, module)}`).toBeDefined();
        });
    }
});
