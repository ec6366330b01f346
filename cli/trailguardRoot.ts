// Where trailguard itself is installed: the compiled program, the policy pack and the render worker
// are found from here. Kept free of heavy imports: `trailguard check` needs it before anything loads.
import * as fs from "fs";
import * as path from "path";

let root: string | undefined;

/** The trailguard repository root: the nearest folder up from here with a Pulumi.yaml. */
export function trailguardRoot(): string {
    if (root) return root;
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error(`no Pulumi.yaml above ${__dirname}`);
        dir = up;
    }
    root = dir;
    return dir;
}
