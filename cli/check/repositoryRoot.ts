// Report paths (SARIF artifact URIs above all) must be relative to the repository root, which is
// what GitHub code scanning resolves them against: the nearest folder up with a .git entry.
import * as fs from "fs";
import * as path from "path";

export function repositoryRoot(from: string = process.cwd()): string {
    let dir = path.resolve(from);
    for (;;) {
        if (fs.existsSync(path.join(dir, ".git"))) return dir;
        const up = path.dirname(dir);
        if (up === dir) return path.resolve(from);
        dir = up;
    }
}
