// The config validator is pure: config/validateConfig.ts and everything it imports run without the
// Pulumi SDK, so the CLI and tests validate stack files without loading it (about a second), and
// nothing in the SDK's process-wide state can change a result. config/loadSettings.ts is the only
// door between the two.
import { spawnSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");

/** The packages under node_modules/@pulumi a fresh node process loads for `module` (a dist/ file). */
function pulumiPackagesLoadedBy(module: string): string[] {
    const script = `
        require(${JSON.stringify(path.join(root, "dist", module))});
        const marker = ${JSON.stringify(`${path.sep}node_modules${path.sep}@pulumi${path.sep}`)};
        const packages = new Set();
        for (const file of Object.keys(require.cache)) {
            const at = file.indexOf(marker);
            if (at >= 0) packages.add("@pulumi/" + file.slice(at + marker.length).split(${JSON.stringify(path.sep)})[0]);
        }
        process.stdout.write(JSON.stringify([...packages].sort()));
    `;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
}

describe("the config validator's module graph", () => {
    it("config/validateConfig loads no @pulumi package", () => {
        expect(pulumiPackagesLoadedBy(path.join("config", "validateConfig.js"))).toEqual([]);
    });

    it("config/offlineRender, which the render worker loads before any program, loads none either", () => {
        expect(pulumiPackagesLoadedBy(path.join("config", "offlineRender.js"))).toEqual([]);
    });

    it("while config/loadSettings, the Pulumi binding, does load @pulumi/pulumi (so the check can see it)", () => {
        expect(pulumiPackagesLoadedBy(path.join("config", "loadSettings.js"))).toContain("@pulumi/pulumi");
    });
});
