// Installs trailguard the way a user gets it: `npm pack` of this checkout, installed into a new
// project outside the repository. Offline: npm's cache holds every dependency since the repository's
// `npm ci`, but not the registry's package metadata that `npm install <tarball>` asks for without a
// lockfile. So the consumer gets a lockfile: the repository's own entries for trailguard's runtime
// dependencies (the same versions and integrity hashes `npm ci` installed), plus the tarball. The repository's lockfile records no `resolved` URLs, so without one npm would ask
// the registry for each package's metadata first; with the registry's tarball URL and the integrity
// hash, `npm ci --offline` installs from the cache alone, as it would from the registry.
import { spawnSync, type SpawnSyncReturns } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

export const repositoryRoot = path.resolve(__dirname, "..", "..");

/** npm's environment without what `npm test` sets for its own run (npm_config_*, npm_lifecycle_*). */
function npmEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

export function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
    return spawnSync(command, args, { cwd, env: npmEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function runOrThrow(command: string, args: string[], cwd: string): string {
    const result = run(command, args, cwd);
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stderr}`);
    return result.stdout;
}

/** `npm pack` of the checkout as built (the test suite's global setup builds when stale). */
export function packTrailguard(into: string): string {
    const out = runOrThrow("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", into], repositoryRoot);
    const [{ filename }] = JSON.parse(out) as { filename: string }[];
    return path.join(into, filename);
}

/**
 * A new npm project in `dir` whose only dependency is the tarball, installed offline. Install scripts
 * are skipped: the Pulumi provider packages' scripts would fetch provider plugins with the Pulumi
 * CLI, which renders do not need (the mock engine has no providers) and which is not installed here.
 */
export function installConsumer(dir: string, tarball: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const tarballName = path.basename(tarball);
    fs.copyFileSync(tarball, path.join(dir, tarballName));
    const spec = `file:${tarballName}`;
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "consumer", version: "1.0.0", private: true, dependencies: { trailguard: spec } }, null, 2),
    );
    fs.writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify(consumerLockfile(tarball, spec), null, 2));
    runOrThrow("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], dir);
}

interface LockEntry {
    dev?: boolean;
    devOptional?: boolean;
    [key: string]: unknown;
}

function consumerLockfile(tarball: string, spec: string): unknown {
    const lock = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "package-lock.json"), "utf8"));
    const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "package.json"), "utf8"));
    const packages: Record<string, LockEntry> = {
        "": { name: "consumer", version: "1.0.0", dependencies: { trailguard: spec } },
        "node_modules/trailguard": {
            version: manifest.version,
            resolved: spec,
            integrity: `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`,
            license: manifest.license,
            dependencies: manifest.dependencies,
            bin: manifest.bin,
            engines: manifest.engines,
        },
    };
    // What a production install of trailguard needs: every entry but the development-only ones
    // (devOptional: ts-node's tree, an optional peer of @pulumi/pulumi that only devDependencies ask for).
    for (const [key, entry] of Object.entries(lock.packages as Record<string, LockEntry>)) {
        if (key === "" || entry.dev || entry.devOptional) continue;
        packages[key] = { resolved: registryTarballUrl(key, entry.version as string), ...entry };
    }
    return { name: "consumer", version: "1.0.0", lockfileVersion: 3, requires: true, packages };
}

/** `node_modules/@scope/name` (possibly nested) at 1.2.3 → the registry's tarball URL for it. */
function registryTarballUrl(lockKey: string, version: string): string {
    const name = lockKey.slice(lockKey.lastIndexOf("node_modules/") + "node_modules/".length);
    return `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${version}.tgz`;
}
