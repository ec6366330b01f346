// trailguard's compile cache (cli/compileCache.ts) replaces how Node compiles the modules it covers.
// What a module sees must not change: every probe below is compared with the same module loaded by
// Node's own loader (TRAILGUARD_COMPILE_CACHE=0), and the counters with the modules the fixture has.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../support/shippedStacks";

const cacheModule = path.join(repositoryRoot, "dist", "cli", "compileCache.js");
let work: string;
let cacheDir: string;
let covered: string;

/** Five covered modules the cache compiles (index, other, hashbang, thrower, oneLine), one it leaves to Node (esmCaller: import()), one outside. */
function writeFixture(): void {
    covered = path.join(work, "covered");
    const lib = path.join(covered, "node_modules", "lib");
    fs.mkdirSync(lib, { recursive: true });
    fs.mkdirSync(path.join(work, "outside"), { recursive: true });
    fs.writeFileSync(path.join(work, "outside", "plain.js"), "module.exports = 'outside';\n");
    fs.writeFileSync(path.join(lib, "other.js"), "module.exports = 1;\n");
    fs.writeFileSync(path.join(lib, "hashbang.js"), "#!/usr/bin/env node\nmodule.exports = __filename;\n");
    // The throw is on line 3: stack traces must still say so.
    fs.writeFileSync(path.join(lib, "thrower.js"), "module.exports = function thrower() {\n    const why = 'on purpose';\n    throw new Error(why);\n};\n");
    // And on line 1, where the wrapper's opening shares the line: the column must be the module's own.
    fs.writeFileSync(path.join(lib, "oneLine.js"), "module.exports = () => { throw new Error('first line'); };\n");
    fs.writeFileSync(path.join(lib, "esm.mjs"), "export const value = 'from esm';\n");
    fs.writeFileSync(path.join(lib, "esmCaller.js"), "module.exports = () => import('./esm.mjs').then((m) => m.value);\n");
    fs.writeFileSync(
        path.join(lib, "index.js"),
        [
            "const Module = require('module');",
            "const self = this;",
            "let line;",
            "try { require('./thrower')(); } catch (e) { line = /thrower\\.js:(\\d+)/.exec(e.stack)[1]; }",
            "let firstLine;",
            "try { require('./oneLine')(); } catch (e) { firstLine = /oneLine\\.js:(\\d+:\\d+)/.exec(e.stack)[1]; }",
            "module.exports = async () => ({",
            "    thisIsExports: self === module.exports,",
            "    filename: __filename, dirname: __dirname, id: module.id, moduleFilename: module.filename,",
            "    resolved: require.resolve('./other'), paths: require.resolve.paths('anything'),",
            "    main: require.main === process.mainModule, cache: require.cache === Module._cache, extensions: require.extensions === Module._extensions,",
            "    other: require('./other'), hashbang: require('./hashbang'), throwLine: line, firstLine,",
            "    esm: await require('./esmCaller')(),",
            "    outside: require(" + JSON.stringify(path.join(work, "outside", "plain.js")) + "),",
            "    syntaxError: (() => { try { require('./broken'); } catch (e) { return e.name + ': ' + e.message; } })(),",
            "});",
        ].join("\n") + "\n",
    );
    // Broken on purpose: Node's own loader reports it, as without the cache.
    fs.writeFileSync(path.join(lib, "broken.js"), "module.exports = {;\n");
}

interface Run {
    stats: { hits: number; misses: number; rejected: number } | null;
    probes: Record<string, unknown>;
    stderr: string;
}

function run(env: Record<string, string> = {}, dir = cacheDir): Run {
    const script = `
        const stats = require(${JSON.stringify(cacheModule)}).enableCompileCache({ dir: ${JSON.stringify(dir)}, covered: [${JSON.stringify(covered)}] });
        require(${JSON.stringify(path.join(covered, "node_modules", "lib"))})().then((probes) => console.log(JSON.stringify({ stats: stats ?? null, probes })));`;
    const child = spawnSync(process.execPath, ["-e", script], { cwd: work, encoding: "utf8", env: { ...process.env, ...env } });
    expect(child.status, child.stderr).toBe(0);
    return { ...JSON.parse(child.stdout), stderr: child.stderr };
}

const entries = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-compile-cache-"));
    cacheDir = path.join(work, "cache");
    writeFixture();
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the compile cache", () => {
    // Covered modules the cache compiles: index, other, hashbang, thrower, oneLine (not esmCaller,
    // which calls import(), nor broken.js, which does not compile).
    const COVERED_MODULES = 5;
    let withoutCache: Run;

    it("is off with TRAILGUARD_COMPILE_CACHE=0 and then writes nothing", () => {
        withoutCache = run({ TRAILGUARD_COMPILE_CACHE: "0" });
        expect(withoutCache.stats).toBeNull();
        expect(entries()).toEqual([]);
        // Node's loader itself, for the probes below to be compared with.
        expect(withoutCache.probes.throwLine).toBe("3");
        expect(withoutCache.probes.firstLine).toBe("1:32");
        expect(withoutCache.probes.esm).toBe("from esm");
    });

    it("compiles every covered module afresh the first time and writes one entry each, none for other files", () => {
        const first = run();
        expect(first.stats).toEqual({ hits: 0, misses: COVERED_MODULES, rejected: 0 });
        expect(first.probes).toEqual(withoutCache.probes);
        expect(entries()).toHaveLength(COVERED_MODULES);
    });

    it("serves every covered module from its entry the next time, with what a module sees unchanged", () => {
        const second = run();
        expect(second.stats).toEqual({ hits: COVERED_MODULES, misses: 0, rejected: 0 });
        expect(second.probes).toEqual(withoutCache.probes);
    });

    it("compiles an edited file afresh instead of serving its old code", () => {
        const other = path.join(covered, "node_modules", "lib", "other.js");
        fs.writeFileSync(other, "module.exports = 2;\n");
        try {
            const edited = run();
            expect(edited.probes.other).toBe(2);
            expect(edited.stats).toEqual({ hits: COVERED_MODULES - 1, misses: 1, rejected: 0 });
        } finally {
            fs.writeFileSync(other, "module.exports = 1;\n");
        }
    });

    it("never hands V8 a damaged entry (V8 does not check its data, and crashes on it), and rewrites it", () => {
        // Bytes flipped in the middle of each entry's data: its checksum no longer matches.
        for (const entry of entries()) {
            const file = path.join(cacheDir, entry);
            const bytes = fs.readFileSync(file);
            for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 64 && i < bytes.length; i++) bytes[i] ^= 0xff;
            fs.writeFileSync(file, bytes);
        }
        const damaged = run();
        expect(damaged.stats).toEqual({ hits: 0, misses: COVERED_MODULES, rejected: 0 });
        expect(damaged.probes).toEqual(withoutCache.probes);
        expect(run().stats).toMatchObject({ hits: COVERED_MODULES, misses: 0 });
    });

    it("counts an entry V8 refuses (whole, but not V8 code cache data) as rejected, and rewrites it", () => {
        const crypto = require("crypto") as typeof import("crypto");
        const notV8 = Buffer.from("not V8 code cache data, long enough to reach V8's own header check ........");
        for (const entry of entries()) fs.writeFileSync(path.join(cacheDir, entry), Buffer.concat([crypto.createHash("sha256").update(notV8).digest(), notV8]));
        const refused = run();
        expect(refused.stats).toEqual({ hits: 0, misses: 0, rejected: COVERED_MODULES });
        expect(refused.probes).toEqual(withoutCache.probes);
        expect(run().stats).toMatchObject({ hits: COVERED_MODULES, rejected: 0 });
    });

    it("is off when source maps are on (Node's loader registers them as it compiles)", () => {
        expect(run({ NODE_OPTIONS: "--enable-source-maps" }).stats).toBeNull();
    });

    it("runs without a word when its directory cannot be written", () => {
        const notADirectory = path.join(work, "a-file");
        fs.writeFileSync(notADirectory, "");
        const unwritable = run({}, path.join(notADirectory, "cache"));
        expect(unwritable.probes).toEqual(withoutCache.probes);
        expect(unwritable.stderr).toBe("");
    });

    it("with writeOnSigterm, writes its entries in a process stopped by SIGTERM, which still dies of that signal", async () => {
        const stoppedDir = path.join(work, "stopped-cache");
        const script = `
            require(${JSON.stringify(cacheModule)}).enableCompileCache({ dir: ${JSON.stringify(stoppedDir)}, covered: [${JSON.stringify(covered)}], writeOnSigterm: true });
            require(${JSON.stringify(path.join(covered, "node_modules", "lib", "other.js"))});
            console.log("loaded");
            setInterval(() => undefined, 1000);`;
        const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
        const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
        child.kill("SIGTERM");
        expect(await ended).toEqual({ code: null, signal: "SIGTERM" });
        expect(fs.readdirSync(stoppedDir)).toHaveLength(1);
    });
});

describe("a process with the compile cache, without writeOnSigterm", () => {
    it("still dies of SIGTERM at once while busy (a render worker stuck in a program's loop)", async () => {
        const script = `
            require(${JSON.stringify(cacheModule)}).enableCompileCache({ dir: ${JSON.stringify(path.join(work, "busy-cache"))}, covered: [${JSON.stringify(covered)}] });
            console.log("busy");
            const until = Date.now() + 5000;
            while (Date.now() < until);
            console.log("loop done");`;
        const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        let stdout = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d));
        await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
        const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
        child.kill("SIGTERM");
        expect(await ended).toEqual({ code: null, signal: "SIGTERM" });
        expect(stdout).not.toContain("loop done");
    });
});

describe("trailguard's processes with the compile cache", () => {
    it("give the same check report as with Node's own loader", () => {
        const check = (env: Record<string, string>) => {
            const child = spawnSync(process.execPath, [path.join(repositoryRoot, "bin", "trailguard.js"), "check", "--quiet", "--format", "json"], {
                cwd: repositoryRoot,
                encoding: "utf8",
                env: { ...process.env, ...env },
            });
            expect(child.status, child.stderr).toBe(0);
            // Seconds are the one thing expected to differ.
            return JSON.parse(child.stdout, (key, value) => (key === "seconds" ? 0 : value));
        };
        const plain = check({ TRAILGUARD_COMPILE_CACHE: "0" });
        check({}); // fills the cache, if this run is the first
        expect(check({})).toEqual(plain);
    });
});
