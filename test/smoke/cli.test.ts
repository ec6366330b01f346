import { spawn, spawnSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

const cli = path.join(__dirname, "..", "..", "bin", "trailguard.js");

describe("trailguard CLI", () => {
    it("names an unknown stack, lists the known ones and exits 2 without a stack trace", () => {
        const run = spawnSync(process.execPath, [cli, "render", "--stack", "no-such-stack"], { encoding: "utf8" });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/no stack 'no-such-stack': .*Pulumi\.no-such-stack\.yaml does not exist \(stacks: .*dev/);
        expect(run.stderr).not.toMatch(/^\s+at /m);
    });

    it("stops quietly when its reader closes the pipe early (`| head`), with no EPIPE stack trace", async () => {
        // The reader takes the first chunk and closes its end, as `head -c 100` does.
        const child = spawn(process.execPath, [cli, "render", "--stack", "prod", "--mode", "deployed", "--format", "json"], { stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d));
        child.stdout.once("data", () => child.stdout.destroy());
        const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
        expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event|^\s+at /m);
        expect(code).toBe(0);
    });

    it("rejects a missing required flag as a usage error", () => {
        const run = spawnSync(process.execPath, [cli, "render"], { encoding: "utf8" });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain("required option '--stack <name>' not specified");
    });
});
