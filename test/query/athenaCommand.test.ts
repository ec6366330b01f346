// `trailguard query --athena` as a user runs it, through the built CLI: the flags are checked before
// anything else, and with no credentials or no Region the command ends with one line, exit code 2.
// Nothing here reaches AWS: the environment offers no credentials, no profile and no instance metadata.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";

const cli = path.join(__dirname, "..", "..", "bin", "trailguard.js");
const home = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-athena-"));

/** The CLI in an environment with no AWS configuration at all (plus `env`). */
function trailguard(env: Record<string, string>, ...args: string[]) {
    const clean: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        HOME: home,
        AWS_CONFIG_FILE: path.join(home, "no-config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, "no-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
        ...env,
    };
    return spawnSync(process.execPath, [cli, "query", ...args], { encoding: "utf8", env: clean, timeout: 60_000 });
}

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe("trailguard query --athena", () => {
    const cases: [string, string[], Record<string, string>, string][] = [
        ["without --workgroup", ["--athena", "rootActivity"], {}, "trailguard: --athena: expected --workgroup <name> (the stack output athenaWorkgroupName)"],
        ["with local paths", ["--athena", "--workgroup", "wg", "rootActivity", "./AWSLogs"], {}, "trailguard: --athena reads the archive through the workgroup; got local paths too: ./AWSLogs"],
        ["with --sql", ["--athena", "--workgroup", "wg", "--sql", "SELECT 1"], {}, "trailguard: --athena runs a catalogue query by id; --sql is for local files only"],
        [
            "with a bad parameter",
            ["--athena", "--workgroup", "wg", "principalActivity", "--param", "principal=AKIAIOSFODNN7EXAMPLE", "--param", "start=yesterday"],
            { AWS_REGION: "eu-west-1" },
            `trailguard: --param start: got "yesterday", expected an ISO 8601 date or date-time such as 2024-07-31 or 2024-07-31T13:00:00Z`,
        ],
        ["without a Region", ["--athena", "--workgroup", "wg", "rootActivity"], {}, "trailguard: athena: no AWS Region configured; set AWS_REGION (or a profile's region) to the workgroup's Region"],
        [
            "without credentials",
            ["--athena", "--workgroup", "wg", "rootActivity"],
            { AWS_REGION: "eu-west-1" },
            "trailguard: athena: no usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers); sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and set AWS_REGION to the workgroup's Region",
        ],
    ];
    it.each(cases)("%s: one line, exit code 2", (_label, args, env, line) => {
        const run = trailguard(env, ...args);
        expect(run.stderr).toBe(`${line}\n`);
        expect(run.stdout).toBe("");
        expect(run.status).toBe(2);
    });
});
