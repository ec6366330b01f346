// trailguard as a user gets it from npm: the packed tarball installed into a project outside the
// repository (packedInstall.ts), whose JavaScript program uses the components with plain arguments
// (test/fixtures/consumer/). The installed `trailguard` command renders it and checks it with the
// policy pack the tarball ships; the installed declarations type-check a TypeScript consumer.
// Expected values come from docs/configuration.md (each environment's defaults), the naming rules of
// docs/architecture.md and the arguments in the fixture, not from trailguard's code.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installConsumer, packTrailguard, repositoryRoot, run } from "./packedInstall";

const INSTALL_TIMEOUT_MS = 300_000;

let workDir: string;
let consumer: string;

beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-consumer-"));
    consumer = path.join(workDir, "consumer");
    installConsumer(consumer, packTrailguard(workDir));
    fs.cpSync(path.join(repositoryRoot, "test", "fixtures", "consumer"), consumer, { recursive: true });
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** The installed command, run in the consumer project. */
function trailguard(...args: string[]) {
    return run(path.join(consumer, "node_modules", ".bin", "trailguard"), args, consumer);
}

interface RenderedResource {
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, any>;
}

describe("the packed tarball", () => {
    it("is installed outside the repository, with the build and the pack but no sources", () => {
        expect(path.relative(repositoryRoot, consumer).startsWith("..")).toBe(true);
        const installed = path.join(consumer, "node_modules", "trailguard");
        for (const file of ["dist/lib/index.js", "dist/lib/index.d.ts", "dist/cli/main.js", "policies/PulumiPolicy.yaml", "policies/package.json", "PulumiPlugin.yaml", "lib/componentPackage.js"]) {
            expect(fs.existsSync(path.join(installed, file)), file).toBe(true);
        }
        // The pack's package.json main is in the tarball: `--policy-pack node_modules/trailguard/policies` can run it.
        const packMain = JSON.parse(fs.readFileSync(path.join(installed, "policies", "package.json"), "utf8")).main;
        expect(fs.existsSync(path.join(installed, "policies", packMain))).toBe(true);
        for (const source of ["tsconfig.json", "index.ts", "components", "config", "cli", "policies/src"]) {
            expect(fs.existsSync(path.join(installed, source)), source).toBe(false);
        }
    });

    it("packs its policy pack from node_modules/trailguard/policies, as `pulumi policy publish` does, without sources to build", () => {
        const result = run("npm", ["pack", "--dry-run"], path.join(consumer, "node_modules", "trailguard", "policies"));
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr).toContain("trailguard-policies");
        expect(result.stderr).toContain("bin/policies/src/index.js");
        expect(result.stderr).toContain("PulumiPolicy.yaml");
    });

    it("runs `trailguard --help` (the CLI needs no build step and no checkout)", () => {
        const help = trailguard("--help");
        expect(help.stderr).toBe("");
        expect(help.status).toBe(0);
        expect(help.stdout).toContain("render");
        expect(help.stdout).toContain("check");
    });

    it("renders the consumer's program, built from plain arguments, with the installed CLI", () => {
        const result = trailguard("render", "--program", ".", "--stack", "prod", "--format", "json", "--mode", "deployed");
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        const resources: RenderedResource[] = JSON.parse(result.stdout).resources;
        const ofType = (type: string) => resources.filter((r) => r.type === type);

        expect(ofType("trailguard:baseline:CloudTrailBaseline").map((r) => r.name)).toEqual(["audit"]);
        // docs/architecture.md: trail `<prefix>-trail`, log group `/cloudtrail/<trail>`, alias `alias/<prefix>-cloudtrail`.
        const [trail] = ofType("aws:cloudtrail/trail:Trail");
        expect(trail!.inputs).toMatchObject({
            name: "acme-audit-prod-trail",
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            tags: { team: "secops", "trailguard:environment": "prod" },
        });
        // docs/configuration.md: prod keeps the log group 365 days.
        expect(ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => [g.inputs.name, g.inputs.retentionInDays])).toEqual([
            ["/cloudtrail/acme-audit-prod-trail", 365],
        ]);
        expect(ofType("aws:kms/alias:Alias").map((a) => a.inputs.name).sort()).toEqual(["alias/acme-audit-prod-cloudtrail", "alias/other-cloudtrail"]);
        // The override given as an argument reaches the alarm.
        const unauthorized = ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === "acme-audit-prod-alarm-unauthorizedApiCalls");
        expect(unauthorized?.inputs.threshold).toBe(7);
        expect(ofType("aws:sns/topicSubscription:TopicSubscription").map((s) => [s.inputs.protocol, s.inputs.endpoint])).toEqual([
            ["email", "secops@example.com"],
        ]);

        // The standalone key looked its account up; the baseline's key was given the baseline's: both agree.
        const keys = ofType("aws:kms/key:Key");
        expect(keys).toHaveLength(2);
        const rootPrincipals = keys.map((k) => JSON.parse(k.inputs.policy).Statement.find((s: any) => s.Sid === "EnableAccountAdministration").Principal.AWS);
        expect(rootPrincipals[0]).toMatch(/^arn:aws:iam::\d{12}:root$/);
        expect(rootPrincipals[1]).toBe(rootPrincipals[0]);
        // So did the standalone topic: its policy admits the alarms of that account (docs/architecture.md's ARN forms).
        const account = rootPrincipals[0].split(":")[4];
        const topicPolicies = ofType("aws:sns/topicPolicy:TopicPolicy").flatMap((p) => JSON.parse(p.inputs.policy).Statement.map((s: any) => s.Condition?.ArnLike?.["aws:SourceArn"]));
        expect(topicPolicies).toContain(`arn:aws:cloudwatch:us-east-1:${account}:alarm:other-alarm-*`);
    });

    it("stops on an invalid argument with one line naming the key, the value and what is expected", () => {
        const result = trailguard("render", "--program", ".", "--stack", "broken");
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain('trailguard:environment: got "production", expected one of dev, staging, prod');
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it("checks the consumer's program with the packaged policy pack: prod passes, dev's short retention fails", () => {
        const result = trailguard("check", "--program", ".", "--stack", "prod", "--stack", "dev", "--format", "json", "--quiet");
        expect(result.status, result.stderr).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report.policyPack.name).toBe("trailguard");
        const stacks = Object.fromEntries(report.stacks.map((s: any) => [s.stack, s]));
        expect(stacks.prod.violations).toEqual([]);
        // docs/configuration.md: dev keeps the log group 30 days and the archive 90; the pack's default minimum is 365.
        const dev = stacks.dev.violations.map((v: any) => [v.policy, v.enforcementLevel]);
        expect(dev.sort()).toEqual([
            ["cloudtrail-bucket-retention", "mandatory"],
            ["cloudtrail-log-group-retention", "mandatory"],
        ]);
        expect(stacks.dev.violations.find((v: any) => v.policy === "cloudtrail-log-group-retention").message).toContain("30 days");
    });

    it("type-checks a TypeScript consumer against the installed declarations and exports map", () => {
        const tsc = path.join(repositoryRoot, "node_modules", "typescript", "bin", "tsc");
        const result = run(
            process.execPath,
            [tsc, "--noEmit", "--strict", "--skipLibCheck", "--module", "node16", "--moduleResolution", "node16", "--target", "es2022", "typed.ts"],
            consumer,
        );
        expect(result.stdout + result.stderr).toBe("");
        expect(result.status).toBe(0);
    });
});
