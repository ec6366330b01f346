// The pack and the render workers defer the SDK's closure-serialization dependencies (TypeScript and
// @npmcli/arborist) until first use (policies/src/deferredSdkModules.ts). Each case runs in a fresh
// Node process, since what matters is what loading @pulumi/pulumi pulls in.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "./support";

const deferral = path.join(repositoryRoot, "policies", "bin", "deferredSdkModules.js");

interface Probe {
    deferred: string[];
    afterLoad: { typescript: boolean; arborist: boolean };
    closureText?: string;
    afterSerialize?: { typescript: boolean; arborist: boolean };
    codePaths?: number;
    afterCodePaths?: { typescript: boolean; arborist: boolean };
}

function probe(defer: boolean, useClosures: boolean): Probe {
    const script = `
        const loaded = () => {
            const files = Object.keys(require.cache);
            return {
                typescript: files.some((f) => f.endsWith("/typescript/lib/typescript.js")),
                // The stand-in sits at arborist's main file; its real code lives beside it.
                arborist: files.some((f) => f.includes("/@npmcli/arborist/lib/arborist/")),
            };
        };
        const out = { deferred: ${defer} ? require(${JSON.stringify(deferral)}).deferClosureSerializationModules() : [] };
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
            }
            process.stdout.write(JSON.stringify(out));
        })().catch((err) => { console.error(err); process.exit(1); });`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
}

describe("deferred SDK modules", () => {
    it("without the deferral, loading the SDK loads TypeScript and arborist", () => {
        expect(probe(false, false).afterLoad).toEqual({ typescript: true, arborist: true });
    });

    it("with it, loading the SDK and the AWS provider loads neither", () => {
        const result = probe(true, false);
        expect(result.deferred.map((f) => path.relative(repositoryRoot, f).split(path.sep).join("/"))).toEqual([
            "node_modules/@pulumi/pulumi/typescript-shim.js",
            "node_modules/@npmcli/arborist/lib/index.js",
        ]);
        expect(result.afterLoad).toEqual({ typescript: false, arborist: false });
    });

    it("serializing a closure and computing its code paths still work, loading each module when first used", () => {
        const result = probe(true, true);
        expect(result.closureText).toContain("6 * 7");
        expect(result.afterSerialize).toEqual({ typescript: true, arborist: false });
        expect(result.codePaths).toBeGreaterThan(0);
        expect(result.afterCodePaths).toEqual({ typescript: true, arborist: true });
    });
});
