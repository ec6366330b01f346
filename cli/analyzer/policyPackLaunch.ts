// Starting a policy pack process exactly as the Pulumi engine starts one: the engine runs
//     node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> .
// in the pack's directory and reads the port the pack prints on stdout. Only Node built-ins here, so
// that `trailguard check` can start the pack before it loads anything else: the pack's start-up is
// the longest single step of a check. policyPackProcess.ts connects to the port.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";

export interface PolicyPackLaunchOptions {
    /** Extra environment for the pack process (the engine passes PULUMI_CONFIG, PULUMI_STACK, …). */
    env?: Record<string, string>;
    /** Give up when the pack has not printed its port by then; default 120 s (ts-node packs are slow). */
    startTimeoutMs?: number;
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

export function launchPolicyPack(packDir: string, options: PolicyPackLaunchOptions = {}): PolicyPackLaunch {
    const dir = path.resolve(packDir);
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new UserError(`${dir}: no PulumiPolicy.yaml here; a policy pack directory needs one`);
    }
    const runner = resolveRunPolicyPack(dir);
    const began = process.hrtime.bigint();
    // The engine passes its own address first; the pack does not dial it.
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
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

/** The pack's last words without stack frames: the message says what broke, frames only where. */
export function lastMeaningfulLines(lines: readonly string[], count: number): string {
    const meaningful = lines.filter((line) => line.trim() !== "" && !/^\s+at /.test(line));
    return meaningful.slice(-count).join("\n") || "(nothing on stderr)";
}
