// Where trailguard itself is installed (a checkout, or node_modules/trailguard): the compiled
// program, the policy pack and the render worker are found from here. Kept free of heavy imports:
// `trailguard check` needs it before anything loads.
import * as fs from "fs";
import * as path from "path";

let root: string | undefined;

/** The nearest folder up from here whose package.json is trailguard's (not the project using it). */
export function trailguardRoot(): string {
    if (root) return root;
    let dir = __dirname;
    while (!isTrailguardPackage(dir)) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error(`no trailguard package.json above ${__dirname}`);
        dir = up;
    }
    root = dir;
    return dir;
}

function isTrailguardPackage(dir: string): boolean {
    try {
        return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name === "trailguard";
    } catch {
        return false;
    }
}
