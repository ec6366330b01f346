// Which Pulumi project a command works on (docs/check.md, "Which program is checked"):
//   1. `--program <dir>`, when given;
//   2. otherwise the nearest Pulumi.yaml from the working directory upward, when it is not
//      trailguard's own: run inside your project, `trailguard check` checks your program;
//   3. otherwise trailguard's own program and stacks.
// Only the file system is read here: the command decides what to start before anything heavy loads.
import * as fs from "fs";
import * as path from "path";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";

export interface ProjectSelection {
    /** Absolute path of the project's directory (the one with Pulumi.yaml). */
    dir: string;
    /** True for trailguard's own program (compiled into dist/ and checked under its shipped policy configs). */
    own: boolean;
    /** How the project was chosen, for messages: "--program", "working directory" or "trailguard". */
    chosenBy: "--program" | "working directory" | "trailguard";
}

export function selectProject(programFlag: string | undefined, cwd: string = process.cwd()): ProjectSelection {
    const own = realpath(trailguardRoot());
    if (programFlag !== undefined) {
        const dir = path.resolve(cwd, programFlag);
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError(`--program ${programFlag}: not a directory`);
        return { dir, own: realpath(dir) === own, chosenBy: "--program" };
    }
    const found = nearestProjectDir(cwd);
    if (found !== undefined && realpath(found) !== own) return { dir: found, own: false, chosenBy: "working directory" };
    return { dir: trailguardRoot(), own: true, chosenBy: "trailguard" };
}

function nearestProjectDir(start: string): string | undefined {
    let dir = path.resolve(start);
    for (;;) {
        if (["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(dir, f)))) return dir;
        const up = path.dirname(dir);
        if (up === dir) return undefined;
        dir = up;
    }
}

function realpath(dir: string): string {
    try {
        return fs.realpathSync(dir);
    } catch {
        return path.resolve(dir);
    }
}
