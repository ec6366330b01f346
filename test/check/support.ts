// Shared by the `trailguard check` tests: running the CLI as a user would, temporary projects that
// run trailguard's compiled program with settings files of the test's making, the SARIF schema.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const fixtures = path.join(repoRoot, "test", "fixtures", "check");
export const insecureTrail = path.join(fixtures, "insecure-trail");
export const failingProgram = path.join(fixtures, "failing-program");

export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
    const run = spawnSync(process.execPath, [path.join(repoRoot, "bin", "trailguard.js"), ...args], {
        cwd: options.cwd ?? repoRoot,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", ...options.env },
        maxBuffer: 64 * 1024 * 1024,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A temporary Pulumi project that runs trailguard's compiled program, with the given settings files. */
export function trailguardProject(settings: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-check-test-"));
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: trailguard\nruntime: nodejs\nmain: ${JSON.stringify(path.join(repoRoot, "dist", "index.js"))}\n`,
    );
    for (const [stack, text] of Object.entries(settings)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
    return dir;
}

export function temporaryDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-check-test-"));
}

/** Validates against the official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's sarif-js-sdk. */
export function sarifSchemaErrors(log: unknown): string[] {
    const schemaFile = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    if (validate(log)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

/** Lines that look like a JavaScript stack trace. */
export function stackTraceLines(text: string): string[] {
    return text.split("\n").filter((line) => /^\s+at /.test(line));
}
