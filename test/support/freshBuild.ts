// Vitest global setup: the suite renders dist/ and runs the pack from policies/bin/, so a source
// edited since the last build is compiled first. Running one test file after an edit then sees the
// edit, exactly as `npm test` does.
import { spawnSync } from "child_process";
import * as path from "path";
import { buildFreshness, describeStaleBuild } from "../../cli/buildFreshness";

export default function buildIfStale(): void {
    const root = path.resolve(__dirname, "..", "..");
    const freshness = buildFreshness(root);
    if (freshness.fresh) return;
    process.stderr.write(`trailguard tests: ${describeStaleBuild(freshness).split(":")[0]}; building first\n`);
    const build = spawnSync(process.execPath, [path.join(root, "scripts", "build.js")], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed; the tests would run stale code");
}
