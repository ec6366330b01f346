// Whether the compiled program, CLI and policy pack are at least as new as their sources. `render`
// and `check` run dist/ and policies/bin/, not the TypeScript, so an edit without `npm run build`
// would be judged as the old code; they refuse instead, naming the edited file. Only a checkout
// has sources: an installed package (npm's `files` in package.json ship the build, not tsconfig.json
// or the TypeScript) is always fresh. Node built-ins only: this runs before `check` launches its pack.
import * as fs from "fs";
import * as path from "path";
import { UserError } from "./userError";

/** What `npm run build` compiles (scripts/build.js): every file that changes dist/ or policies/bin/. */
const SOURCES = ["index.ts", "lib", "core", "components", "config", "cli", "policies/src", "tsconfig.json", "policies/tsconfig.json"];
/** Written by scripts/build.js with the time the build started. */
export const BUILD_STAMP = path.join("dist", ".build-stamp");

export type Freshness = { fresh: true } | { fresh: false; reason: "never built" } | { fresh: false; reason: "edited"; file: string };

export function buildFreshness(root: string): Freshness {
    // tsconfig.json is what the build compiles from; without it this is an installed package.
    if (!fs.existsSync(path.join(root, "tsconfig.json"))) return { fresh: true };
    const sources = SOURCES.map((s) => path.join(root, s)).filter((s) => fs.existsSync(s));
    let builtAt: number;
    try {
        builtAt = fs.statSync(path.join(root, BUILD_STAMP)).mtimeMs;
    } catch {
        return { fresh: false, reason: "never built" };
    }
    const newer = newestAfter(sources, builtAt);
    return newer === undefined ? { fresh: true } : { fresh: false, reason: "edited", file: path.relative(root, newer) };
}

/** One line for a person: what is stale and the command that fixes it. */
export function describeStaleBuild(freshness: Exclude<Freshness, { fresh: true }>): string {
    const what = freshness.reason === "never built" ? "trailguard has not been built" : `${freshness.file} changed after the last build`;
    return `${what}: run \`npm run build\` (npm test builds too), then run this again; dist/ and policies/bin/ are what render and check run`;
}

function newestAfter(paths: string[], time: number): string | undefined {
    for (const p of paths) {
        const stat = fs.statSync(p);
        if (stat.isDirectory()) {
            const entries = fs.readdirSync(p).filter((name) => name !== "node_modules").map((name) => path.join(p, name));
            const found = newestAfter(entries, time);
            if (found) return found;
        } else if (/\.(ts|json)$/.test(p) && !p.endsWith(".d.ts") && stat.mtimeMs > time) {
            return p;
        }
    }
    return undefined;
}

/** For commands that run the compiled program or pack: stops with one line when the build is stale. */
export function requireFreshBuild(root: string): void {
    const freshness = buildFreshness(root);
    if (!freshness.fresh) throw new UserError(describeStaleBuild(freshness));
}
