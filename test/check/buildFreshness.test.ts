// The build stamp guard: render and check refuse to run compiled code older than its sources, and
// name the file that changed; an installed copy without sources is never stale.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_STAMP, buildFreshness } from "../../cli/buildFreshness";

const repositoryRoot = path.resolve(__dirname, "..", "..");
const dirs: string[] = [];
afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-fresh-"));
    dirs.push(root);
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    }
    return root;
}

/** Sets a file's modification time, `secondsAgo` before now. */
function age(root: string, file: string, secondsAgo: number): void {
    const when = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(root, file), when, when);
}

describe("buildFreshness", () => {
    it("is fresh when every source predates the build stamp", () => {
        const root = tree({ "tsconfig.json": "{}", "index.ts": "", "components/a.ts": "", [BUILD_STAMP]: "" });
        age(root, "tsconfig.json", 60);
        age(root, "index.ts", 60);
        age(root, "components/a.ts", 60);
        expect(buildFreshness(root)).toEqual({ fresh: true });
    });

    it("names the source edited after the build", () => {
        const root = tree({ "tsconfig.json": "{}", "index.ts": "", "policies/src/policies/kms.ts": "", [BUILD_STAMP]: "" });
        age(root, "tsconfig.json", 60);
        age(root, "index.ts", 60);
        age(root, BUILD_STAMP, 30);
        expect(buildFreshness(root)).toEqual({ fresh: false, reason: "edited", file: path.join("policies", "src", "policies", "kms.ts") });
    });

    it("says when there has been no build at all", () => {
        const root = tree({ "tsconfig.json": "{}", "config/schema.ts": "" });
        expect(buildFreshness(root)).toEqual({ fresh: false, reason: "never built" });
    });

    it("ignores what the build does not compile (node_modules, declarations, other files)", () => {
        const root = tree({ "tsconfig.json": "{}", "cli/main.ts": "", "cli/node_modules/x/index.ts": "", "cli/types.d.ts": "", "cli/README.md": "", [BUILD_STAMP]: "" });
        age(root, "tsconfig.json", 60);
        age(root, "cli/main.ts", 60);
        age(root, BUILD_STAMP, 30);
        expect(buildFreshness(root)).toEqual({ fresh: true });
    });

    it("treats an installed copy without sources as fresh", () => {
        const root = tree({ "dist/cli/main.js": "" });
        expect(buildFreshness(root)).toEqual({ fresh: true });
    });

    it("treats an installed package as fresh whatever it ships: only a checkout has tsconfig.json", () => {
        // An npm-installed trailguard: lib/componentPackage.js and the build, no stamp, no tsconfig.json.
        const installed = tree({ "lib/componentPackage.js": "", "dist/lib/index.js": "", "policies/bin/index.js": "" });
        expect(buildFreshness(installed)).toEqual({ fresh: true });
        // The same files in a checkout, which has tsconfig.json, were never built.
        fs.writeFileSync(path.join(installed, "tsconfig.json"), "{}");
        fs.mkdirSync(path.join(installed, "config"));
        fs.writeFileSync(path.join(installed, "config", "schema.ts"), "");
        expect(buildFreshness(installed)).toEqual({ fresh: false, reason: "never built" });
    });
});

describe("trailguard check and render on a stale build", () => {
    it("exit 2 with one line naming the edited file, before starting anything", () => {
        // A copy of the built CLI whose components/ source is newer than its build stamp.
        const copied = Object.fromEntries(["Pulumi.yaml", "package.json", "tsconfig.json"].map((f) => [f, fs.readFileSync(path.join(repositoryRoot, f), "utf8")]));
        const root = tree({ ...copied, "components/auditTrail.ts": "// edited\n" });
        age(root, "tsconfig.json", 120);
        fs.cpSync(path.join(repositoryRoot, "dist"), path.join(root, "dist"), { recursive: true });
        fs.cpSync(path.join(repositoryRoot, "bin"), path.join(root, "bin"), { recursive: true });
        fs.symlinkSync(path.join(repositoryRoot, "node_modules"), path.join(root, "node_modules"), "dir");
        age(root, BUILD_STAMP, 60);
        for (const args of [["check"], ["render", "--stack", "dev"]]) {
            const run = spawnSync(process.execPath, [path.join(root, "bin", "trailguard.js"), ...args], { encoding: "utf8", cwd: root });
            expect(run.status, `${args[0]}: ${run.stderr}`).toBe(2);
            expect(run.stderr).toBe(
                `trailguard: ${path.join("components", "auditTrail.ts")} changed after the last build: run \`npm run build\` (npm test builds too), then run this again; dist/ and policies/bin/ are what render and check run\n`,
            );
        }
    });
});
