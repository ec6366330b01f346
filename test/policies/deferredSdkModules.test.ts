// The pack and the render workers defer parts of the SDK they never use until first use: the
// Automation API and the closure-serialization dependencies (TypeScript and @npmcli/arborist)
// (policies/src/sdkPatches/deferredSdkModules.ts). Each case runs in a fresh
// Node process, since what matters is what loading @pulumi/pulumi pulls in.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "./support";

const deferral = path.join(repositoryRoot, "policies", "bin", "policies", "src", "sdkPatches", "deferredSdkModules.js");

interface Loaded {
    automation: boolean;
    typescript: boolean;
    arborist: boolean;
    normalizePackageData: boolean;
}

interface Probe {
    deferred: string[];
    afterLoad: Loaded;
    closureText?: string;
    afterSerialize?: Loaded;
    codePaths?: number;
    afterCodePaths?: Loaded;
    workspaceType?: string;
    afterAutomation?: Loaded;
}

function probe(defer: boolean, useClosures: boolean): Probe {
    const script = `
        const loaded = () => {
            const files = Object.keys(require.cache);
            return {
                automation: files.some((f) => f.includes("/@pulumi/pulumi/automation/") && !f.endsWith("/automation/index.js")),
                typescript: files.some((f) => f.endsWith("/typescript/lib/typescript.js")),
                // The stand-in sits at arborist's main file; its real code lives beside it.
                arborist: files.some((f) => f.includes("/@npmcli/arborist/lib/arborist/")),
                // Likewise: the stand-in sits at lib/normalize.js; fixer.js is the real code's.
                normalizePackageData: files.some((f) => f.endsWith("/normalize-package-data/lib/fixer.js")),
            };
        };
        const out = { deferred: ${defer} ? require(${JSON.stringify(deferral)}).deferUnusedSdkModules() : [] };
        const pulumi = require("@pulumi/pulumi");
        require("@pulumi/aws");
        out.afterLoad = loaded();
        (async () => {
            if (${useClosures}) {
                const serialized = await pulumi.runtime.serializeFunction(() => 6 * 7);
                out.closureText = serialized.text;
                out.afterSerialize = loaded();
                out.codePaths = (await pulumi.runtime.computeCodePaths({ extraIncludePaths: ["package.json"] })).size;
                out.afterCodePaths = loaded();
                out.workspaceType = typeof pulumi.automation.LocalWorkspace;
                out.afterAutomation = loaded();
            }
            process.stdout.write(JSON.stringify(out));
        })().catch((err) => { console.error(err); process.exit(1); });`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
}

describe("deferred SDK modules", () => {
    it("without the deferral, loading the SDK loads the Automation API, TypeScript, arborist and normalize-package-data", () => {
        expect(probe(false, false).afterLoad).toEqual({ automation: true, typescript: true, arborist: true, normalizePackageData: true });
    });

    it("with it, loading the SDK and the AWS provider loads neither", () => {
        const result = probe(true, false);
        expect(result.deferred.map((f) => path.relative(repositoryRoot, f).split(path.sep).join("/"))).toEqual([
            "node_modules/@pulumi/pulumi/automation/index.js",
            "node_modules/@pulumi/pulumi/typescript-shim.js",
            "node_modules/@npmcli/arborist/lib/index.js",
            "node_modules/normalize-package-data/lib/normalize.js",
        ]);
        expect(result.afterLoad).toEqual({ automation: false, typescript: false, arborist: false, normalizePackageData: false });
    });

    it("serializing a closure, computing its code paths and the Automation API still work, each loading when first used", () => {
        const result = probe(true, true);
        expect(result.closureText).toContain("6 * 7");
        expect(result.afterSerialize).toEqual({ automation: false, typescript: true, arborist: false, normalizePackageData: false });
        // computeCodePaths reads the program's package.json through normalize-package-data.
        expect(result.codePaths).toBeGreaterThan(0);
        expect(result.codePaths).toBe(probe(false, true).codePaths);
        expect(result.afterCodePaths).toEqual({ automation: false, typescript: true, arborist: true, normalizePackageData: true });
        expect(result.workspaceType).toBe("function");
        expect(result.afterAutomation).toEqual({ automation: true, typescript: true, arborist: true, normalizePackageData: true });
    });
});
