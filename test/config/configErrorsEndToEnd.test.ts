// A bad value must stop the real program (dist/index.js under the mock engine) with the one-line
// message, through the renderer and through the CLI, never with a stack trace.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderTrailguardStack } from "../../cli/mockEngine/renderEntryPoints";
import { UserError } from "../../cli/userError";

const root = path.join(__dirname, "..", "..");
const cli = path.join(root, "bin", "trailguard.js");

async function renderError(stack: string, configOverrides: Record<string, string>): Promise<UserError> {
    try {
        await renderTrailguardStack(stack, { configOverrides });
    } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        return err as UserError;
    }
    throw new Error("expected the render to fail");
}

describe("config errors through the renderer", () => {
    it("stops the program with every problem, key, value and expectation, and no stack trace", async () => {
        const error = await renderError("dev", {
            "trailguard:alarms": JSON.stringify({ overrides: { rootAccountUsage: { threshold: -1 }, rootAcountUsage: { threshold: 1 } } }),
            "trailguard:notifications": JSON.stringify({ email: ["ops@"] }),
        });
        const lines = error.message.split("\n");
        expect(lines[0]).toBe('invalid trailguard configuration for stack "dev" (3 problems):');
        expect(error.message).toContain("trailguard:alarms.overrides.rootAccountUsage.threshold: got -1, expected a non-negative number");
        expect(error.message).toContain('trailguard:alarms.overrides.rootAcountUsage: unknown alarm id "rootAcountUsage"; valid ids: unauthorizedApiCalls,');
        expect(error.message).toContain('trailguard:notifications.email[0]: got "ops@", expected an email address');
        expect(error.message).not.toMatch(/^\s+at /m);
    });

    it("reports cross-field rules the same way", async () => {
        const error = await renderError("prod", {
            "trailguard:retention": JSON.stringify({ archive: { expirationDays: 2557 }, objectLock: { mode: "COMPLIANCE", days: 3650 } }),
            "trailguard:protection": JSON.stringify({ forceDestroy: true }),
        });
        expect(error.message).toContain(
            "trailguard:retention.archive.expirationDays: got 2557, expected at least retention.objectLock.days (3650): objects cannot expire while Object Lock retains them",
        );
        expect(error.message).toContain("trailguard:protection.forceDestroy: got true, expected false in prod");
        expect(error.message).not.toMatch(/^\s+at /m);
    });

    it("renders a valid override", async () => {
        const stack = await renderTrailguardStack("dev", {
            configOverrides: { "trailguard:alarms": JSON.stringify({ overrides: { rootAccountUsage: { threshold: 2 } } }) },
        });
        const alarms = stack.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        const root = alarms.find((r) => JSON.stringify(r.inputs).includes("RootAccountUsage"));
        expect(root?.inputs.threshold).toBe(2);
    });
});

describe("config warnings through the renderer", () => {
    it("reach the Pulumi log, naming the key and the alarm, without stopping the program", async () => {
        const pattern = '{ $.eventName = "DeleteBucket" || $.eventSource = "s3.amazonaws.com" && $.errorCode = "AccessDenied" }';
        const stack = await renderTrailguardStack("dev", {
            configOverrides: {
                "trailguard:alarms": JSON.stringify({
                    overrides: { trailDeliveryStopped: { enabled: false } },
                    custom: [{ id: "bucketDeleted", pattern }],
                }),
            },
        });
        expect(stack.warnings.some((w) => w.includes("trailguard:alarms.overrides.trailDeliveryStopped.enabled: alarm trailDeliveryStopped is disabled"))).toBe(true);
        expect(stack.warnings.some((w) => /trailguard:alarms\.custom\[0\]\.pattern: alarm bucketDeleted: .*\[mixed-and-or-without-parentheses\]/.test(w))).toBe(true);
    });
});

describe("config errors through the CLI", () => {
    it("`trailguard render` exits 2 with the message and no stack trace", () => {
        // A throwaway project that runs trailguard's compiled program, never a file in stacks/:
        // other tests list the shipped stacks while this one runs.
        const stack = `config-error-test-${process.pid}`;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-config-error-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: trailguard\nruntime: nodejs\nmain: ${JSON.stringify(path.join(root, "dist", "index.js"))}\n`);
        fs.writeFileSync(
            path.join(dir, `Pulumi.${stack}.yaml`),
            ["config:", "  trailguard:environment: dev", "  trailguard:retention:", "    archiv:", "      expirationDays: 30", ""].join("\n"),
        );
        let run: ReturnType<typeof spawnSync>;
        try {
            run = spawnSync(process.execPath, [cli, "render", "--program", dir, "--stack", stack], { encoding: "utf8", cwd: root });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(`invalid trailguard configuration for stack "${stack}" (1 problem):`);
        expect(run.stderr).toContain(
            "trailguard:retention.archiv: unknown key; valid keys: logGroupDays, archive, objectLock, accessLogExpirationDays",
        );
        expect(run.stderr).not.toMatch(/^\s+at /m);
    });
});
