// Starting a policy pack process. The Pulumi engine runs
//     node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> .
// in the pack's directory and reads the port the pack prints on stdout; run-policy-pack registers
// ts-node (loading TypeScript, about half of the pack's start-up) and then loads the pack's main
// module. That is the default here, and what the policy tests use. A pack that ships compiled
// JavaScript, as trailguard's does, can also be started by loading that main module directly: the
// same code serves the same Analyzer service, without the TypeScript set-up it never needs
// (test/check/packLaunch.test.ts compares the verdicts). Nor does it get run-policy-pack's
// process-wide error handlers: a pack that leaves a promise rejection unhandled exits instead of
// logging it and serving on. Only Node built-ins here, so that `trailguard check` can start the
// pack before it loads anything else. policyPackProcess.ts connects to the port.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { lateTierUpOnly } from "../lateTierUp";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";

export interface PolicyPackLaunchOptions {
    /**
     * "engine" (default): through run-policy-pack, exactly as the Pulumi engine starts a pack.
     * "compiled": `node <main>` in the pack directory, for a pack whose package.json `main` is
     * JavaScript; anything else is started as the engine starts it.
     */
    how?: "engine" | "compiled";
    /** Extra environment for the pack process (the engine passes PULUMI_CONFIG, PULUMI_STACK, …). */
    env?: Record<string, string>;
    /** Give up when the pack has not printed its port by then; default 120 s (ts-node packs are slow). */
    startTimeoutMs?: number;
    /** A module node loads before the pack's own (`--require`); the pack's code is not told. */
    preload?: string;
    /** Node and V8 options for the pack process, before the preload. */
    nodeOptions?: readonly string[];
}

export interface PolicyPackLaunch {
    readonly dir: string;
    readonly child: ChildProcess;
    /** The pack's stderr, last 200 lines. */
    readonly stderr: string[];
    /** The port the pack listens on; rejects with a UserError when the pack does not start. */
    readonly port: Promise<number>;
    /** Milliseconds from spawning to the port, once it is known. */
    startupMs?: number;
    /** Stops the process, e.g. when a run fails before connecting to it. */
    kill(): void;
}

/** trailguard's own pack (policies/). */
export function defaultPackDir(): string {
    return path.join(trailguardRoot(), "policies");
}

/**
 * trailguard's own pack as `trailguard check` starts it: its compiled main module (see above),
 * loaded through trailguard's compile cache (../compileCache.ts), with late optimisation (../lateTierUp.ts).
 */
export function launchTrailguardPack(): PolicyPackLaunch {
    // From dist/ also when this module runs from its TypeScript (the tests).
    return launchPolicyPack(defaultPackDir(), {
        how: "compiled",
        preload: path.join(trailguardRoot(), "dist", "cli", "compileCachePreload.js"),
        // The pack inherits none of this process's options (an inspector port, say), save a budget set for it.
        nodeOptions: lateTierUpOnly(process.execArgv),
    });
}

export function launchPolicyPack(packDir: string, options: PolicyPackLaunchOptions = {}): PolicyPackLaunch {
    const dir = path.resolve(packDir);
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new UserError(`${dir}: no PulumiPolicy.yaml here; a policy pack directory needs one`);
    }
    const compiledMain = options.how === "compiled" ? compiledMainModule(dir) : undefined;
    // The engine passes its own address first; the pack does not dial it.
    const args = [...(options.nodeOptions ?? []), ...(options.preload ? ["--require", options.preload] : []), ...(compiledMain ? [compiledMain] : [resolveRunPolicyPack(dir), "127.0.0.1:0", "."])];
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
        cwd: dir,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    child.once("exit", () => process.removeListener("exit", killOnExit));
    const stderr: string[] = [];
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
        stderr.push(...chunk.split("\n").filter(Boolean));
        if (stderr.length > 200) stderr.splice(0, stderr.length - 200);
    });
    const launch: PolicyPackLaunch = {
        dir,
        child,
        stderr,
        port: readPort(child, stderr, options.startTimeoutMs ?? 120_000, dir).then((port) => {
            launch.startupMs = Number(process.hrtime.bigint() - began) / 1e6;
            return port;
        }),
        kill: () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        },
    };
    // A launch nobody connects to (the run failed first) must not report an unhandled rejection.
    launch.port.catch(() => undefined);
    return launch;
}

/** The pack's main module when package.json names a JavaScript file that exists. */
function compiledMainModule(dir: string): string | undefined {
    try {
        const main = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
        if (typeof main !== "string" || !/\.c?js$/.test(main)) return undefined;
        const file = path.resolve(dir, main);
        return fs.existsSync(file) ? file : undefined;
    } catch {
        return undefined;
    }
}

/** The pack's own @pulumi/pulumi, as the engine's analyzer shim finds it from the pack directory. */
function resolveRunPolicyPack(packDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    }
}

function readPort(child: ChildProcess, stderr: string[], timeoutMs: number, dir: string): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        const fail = (why: string) => {
            clearTimeout(timer);
            child.kill("SIGKILL");
            reject(new UserError(`policy pack ${dir} did not start: ${why}\n${lastMeaningfulLines(stderr, 12)}`));
        };
        const timer = setTimeout(() => fail(`no port on stdout after ${timeoutMs / 1000} s`), timeoutMs);
        child.stdout!.setEncoding("utf8");
        const onData = (chunk: string) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline < 0) return;
            const first = stdout.slice(0, newline).trim();
            child.stdout!.removeListener("data", onData);
            // Later output (a policy's console.log) must not block the pipe.
            child.stdout!.on("data", () => undefined);
            child.removeListener("exit", onExit);
            clearTimeout(timer);
            const port = Number(first);
            if (!Number.isInteger(port) || port <= 0) return fail(`expected a port on the first line of stdout, got ${JSON.stringify(first)}`);
            resolve(port);
        };
        const onExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? `code ${code}`}) before printing its port`);
        child.stdout!.on("data", onData);
        child.once("exit", onExit);
        child.once("error", (err) => fail(err.message));
    });
}

/** The pack's last words without stack frames (coloured or not): the message says what broke, frames only where. */
export function lastMeaningfulLines(lines: readonly string[], count: number): string {
    const meaningful = lines.filter((line) => line.trim() !== "" && !/^\s+at /.test(line.replace(/\x1b\[[0-9;]*m/g, "")));
    return meaningful.slice(-count).join("\n") || "(nothing on stderr)";
}
