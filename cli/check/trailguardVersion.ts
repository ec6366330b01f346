// trailguard's own version, from its package.json, for the tool sections of reports.
import * as fs from "fs";
import * as path from "path";
import { trailguardRoot } from "../trailguardRoot";

let cached: string | undefined;

export function trailguardVersion(): string {
    cached ??= String(JSON.parse(fs.readFileSync(path.join(trailguardRoot(), "package.json"), "utf8")).version);
    return cached;
}
