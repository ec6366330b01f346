// A V8 code cache for the CommonJS modules trailguard's own processes load: the CLI, render workers
// and the policy pack as `check` starts it. Loading @pulumi/aws and @pulumi/policy compiles about
// a thousand modules; with cached code, a bare `node -e 'require("@pulumi/aws");
// require("@pulumi/policy")'` went from ~0.70 to ~0.53 s here. Node 22.1+ has this built in
// (module.enableCompileCache); on Node 20, which trailguard supports, the CommonJS loader takes no
// cached code, so this replaces Module.prototype._compile for the files it covers, as the
// v8-compile-cache package does, with one difference that matters: each entry is written after the
// process ran (script.createCachedData() then holds every function the module compiled), not right
// after compiling, when it holds only top-level code (v8-compile-cache-lib: no gain measured).
//
// Entries are keyed by file name and content, so an edited or rebuilt file is compiled afresh; V8
// itself rejects data from another V8 version or flag set, and each such set has its own directory.
// The cache lives in node_modules/.cache/trailguard (the convention build tools share), so whoever
// can write it can already write the modules it speeds up. TRAILGUARD_COMPILE_CACHE=0 turns it off.
// Node built-ins only: it is enabled before anything else loads.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require("module");

/** Set to "0" to compile every module as Node does. */
export const COMPILE_CACHE_ENV = "TRAILGUARD_COMPILE_CACHE";

/** More entries than this and the directory is emptied first: rebuilds leave stale ones behind. */
const MAX_ENTRIES = 5_000;

const INSTALLED = Symbol.for("trailguard.compileCache");

export interface CompileCacheStats {
    /** Modules compiled from a cache entry. */
    hits: number;
    /** Modules compiled without one (their entries are written later). */
    misses: number;
    /** Entries V8 refused (another build of the file or of V8); rewritten. */
    rejected: number;
}

export interface CompileCacheOptions {
    /** Directory for the entries of this Node build and flag set. */
    dir: string;
    /** Files under these directories go through the cache; others are compiled by Node's loader. */
    covered: string[];
    /**
     * Also write the entries on SIGTERM (then raise it again, so the process still dies of it), for
     * a process that is stopped that way when done: the policy pack. Not for render workers: a
     * SIGTERM listener only runs when the event loop turns, so a worker stuck in a program's
     * endless loop would outlive its parent instead of dying of the signal.
     */
    writeOnSigterm?: boolean;
}

/** The start of each entry: the SHA-256 of the V8 data after it (V8 does not check that data, and crashes on a damaged one). */
const CHECKSUM_BYTES = 32;

/** Flag-set folders kept beside the current one; older ones (another Node, other flags) are removed. */
const MAX_FLAG_SETS = 6;

interface Installed {
    stats: CompileCacheStats;
}

/**
 * Compiles covered CommonJS modules through the cache from now on. Returns the counters, or
 * undefined when the cache is off: TRAILGUARD_COMPILE_CACHE=0, or a process that Node's own loader
 * must serve (source maps, which the loader registers as it compiles; a debugger that stops on the
 * first line; --experimental-policy's integrity checks).
 */
export function enableCompileCache(options: CompileCacheOptions): CompileCacheStats | undefined {
    const proto = Module.prototype as unknown as { _compile: CompileFunction & { [INSTALLED]?: Installed } };
    if (proto._compile[INSTALLED]) return proto._compile[INSTALLED].stats;
    if (process.env[COMPILE_CACHE_ENV] === "0" || needsNodesOwnLoader()) return undefined;

    const stats: CompileCacheStats = { hits: 0, misses: 0, rejected: 0 };
    const covered = options.covered.map((dir) => path.resolve(dir) + path.sep);
    const unwritten: { script: vm.Script; file: string }[] = [];
    const write = () => writeEntries(options.dir, unwritten.splice(0));
    const original = proto._compile;

    const compile: CompileFunction = function (this: NodeModule, content, filename, format) {
        // import() in a vm.Script needs a loader option that Node 20 calls experimental (and warns
        // about); the few modules that may call it are left to Node.
        if (format === "module" || MAY_IMPORT.test(content) || !covered.some((dir) => filename.startsWith(dir))) {
            return original.call(this, content, filename, format);
        }
        const file = path.join(options.dir, crypto.createHash("sha256").update(filename).update("\0").update(content).digest("hex"));
        const cachedData = readEntry(file);
        let script: vm.Script;
        try {
            // The wrapper's opening shares the module's first line: columns there count from the module's own start, as Node's do.
            script = new vm.Script(Module.wrap(withoutHashbang(content)), { filename, cachedData, columnOffset: -WRAPPER_OPENING });
        } catch {
            // Not a script this wrapper compiles (ES module syntax, or an error): Node's loader
            // decides, and reports errors its own way.
            return original.call(this, content, filename, format);
        }
        if (cachedData === undefined || script.cachedDataRejected) {
            if (cachedData === undefined) stats.misses++;
            else stats.rejected++;
            unwritten.push({ script, file });
        } else {
            stats.hits++;
        }
        const wrapper = script.runInThisContext({ displayErrors: true });
        return wrapper.call(this.exports, this.exports, requireFunction(this), this, filename, path.dirname(filename));
    };
    Object.defineProperty(compile, INSTALLED, { value: { stats } satisfies Installed });
    proto._compile = compile;
    // Written when the process ends, so that each entry holds every function the run compiled: on
    // exit, or (writeOnSigterm) on SIGTERM, after which the signal is raised again unless someone
    // else listens for it, so the process still dies of it.
    process.once("exit", write);
    if (options.writeOnSigterm) {
        const onTerminate = () => {
            write();
            if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
        };
        process.once("SIGTERM", onTerminate);
    }
    return stats;
}

/**
 * The cache for trailguard installed at `root`: its own compiled code and the node_modules it loads
 * from, with entries under the nearest node_modules/.cache.
 */
export function enableTrailguardCompileCache(root: string, options: Pick<CompileCacheOptions, "writeOnSigterm"> = {}): CompileCacheStats | undefined {
    const modules = enclosingNodeModules(root) ?? path.join(root, "node_modules");
    const flags = crypto
        .createHash("sha256")
        .update([process.version, process.arch, ...process.execArgv, process.env["NODE_OPTIONS"] ?? ""].join("\0"))
        .digest("hex")
        .slice(0, 16);
    return enableCompileCache({
        ...options,
        dir: path.join(modules, ".cache", "trailguard", "compile", flags),
        covered: [...new Set([path.join(root, "dist"), path.join(root, "policies", "bin"), path.join(root, "node_modules"), modules])],
    });
}

type CompileFunction = (this: NodeModule, content: string, filename: string, format?: string) => unknown;

/** Node's require for a module (lib/internal/modules/helpers.js makeRequireFunction). */
function requireFunction(module: NodeModule): NodeJS.Require {
    const loader = Module as unknown as {
        _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: { paths?: string[] }): string;
        _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
        _extensions: NodeJS.RequireExtensions;
        _cache: NodeJS.Dict<NodeModule>;
    };
    const require = function require(id: string) {
        return module.require(id);
    } as NodeJS.Require;
    const resolve = function resolve(request: string, options?: { paths?: string[] }) {
        return loader._resolveFilename(request, module, false, options);
    } as NodeJS.RequireResolve;
    resolve.paths = (request: string) => loader._resolveLookupPaths(request, module);
    require.resolve = resolve;
    require.main = process.mainModule;
    require.extensions = loader._extensions;
    require.cache = loader._cache;
    return require;
}

// `import(`, `import (` or `import` then a comment then `(`: a module that may load an ES module dynamically.
const MAY_IMPORT = /\bimport\s*(\(|\/[*\/])/;

/** The length of the CommonJS wrapper's opening, which Module.wrap puts on the module's first line. */
const WRAPPER_OPENING = Module.wrap("\0").indexOf("\0");

function needsNodesOwnLoader(): boolean {
    const flags = [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)];
    return (
        (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true ||
        flags.some((flag) => flag === "--enable-source-maps" || flag.startsWith("--inspect-brk") || flag.startsWith("--experimental-policy"))
    );
}

/** An entry's V8 data, or undefined when there is none or it is damaged (its checksum does not match). */
function readEntry(file: string): Buffer | undefined {
    let entry: Buffer;
    try {
        entry = fs.readFileSync(file);
    } catch {
        return undefined;
    }
    const data = entry.subarray(CHECKSUM_BYTES);
    if (entry.length <= CHECKSUM_BYTES || !crypto.createHash("sha256").update(data).digest().equals(entry.subarray(0, CHECKSUM_BYTES))) return undefined;
    return data;
}

/** A hashbang is valid only at the very start of a script, which the wrapper is not; the line stays (as a comment) so line numbers do. */
function withoutHashbang(content: string): string {
    return content.startsWith("#!") ? `//${content.slice(2)}` : content;
}

function enclosingNodeModules(dir: string): string | undefined {
    for (let at = path.resolve(dir); ; ) {
        if (path.basename(at) === "node_modules") return at;
        const up = path.dirname(at);
        if (up === at) return undefined;
        at = up;
    }
}

/**
 * Writes each entry whole, checksum first, through a temporary file of its own (random name, created
 * exclusively) renamed into place, so that processes sharing the cache (in other containers, with
 * the same pid) never read half of one or mix two.
 */
function writeEntries(dir: string, entries: { script: vm.Script; file: string }[]): void {
    if (entries.length === 0) return;
    try {
        if (!fs.existsSync(dir)) {
            fs.mkdirSync(dir, { recursive: true });
            removeOldFlagSets(path.dirname(dir), dir);
        }
        if (fs.readdirSync(dir).length + entries.length > MAX_ENTRIES) {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.mkdirSync(dir, { recursive: true });
        }
        for (const { script, file } of entries) {
            const data = script.createCachedData();
            const temporary = `${file}.${crypto.randomBytes(8).toString("hex")}.tmp`;
            fs.writeFileSync(temporary, Buffer.concat([crypto.createHash("sha256").update(data).digest(), data]), { flag: "wx" });
            fs.renameSync(temporary, file);
        }
    } catch {
        // A cache that cannot be written only makes the next start slower.
    }
}

/** Keeps the MAX_FLAG_SETS most recently created flag-set folders besides `current`. */
function removeOldFlagSets(parent: string, current: string): void {
    const others = fs
        .readdirSync(parent)
        .map((name) => path.join(parent, name))
        .filter((dir) => dir !== current)
        .map((dir) => ({ dir, created: fs.statSync(dir).mtimeMs }))
        .sort((a, b) => b.created - a.created);
    for (const { dir } of others.slice(MAX_FLAG_SETS)) fs.rmSync(dir, { recursive: true, force: true });
}
