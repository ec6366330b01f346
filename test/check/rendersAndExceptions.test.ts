// Issue 11 items 1, 2 and 4, end to end through real check runs (mock-engine renders + the pack over
// the analyzer protocol) and every report format:
//   - a hand-written program whose bucket policy is built with pulumi.jsonStringify from the bucket's
//     ARN and lacks the TLS deny: `--mode preview` lists the TLS policy as undecided (it cannot see the
//     policy) instead of passing it, the default two-render check fails it as "caught at `pulumi up`,
//     invisible to `pulumi preview`";
//   - a trailguard stack that follows the README's tuning example (CIS 4.15 off in dev) with its
//     reason, and a custom pattern that mixes && and || without parentheses: the check passes, lists
//     the accepted exception with its reason and the config warning, in every format.
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { summarize, type CheckReport } from "../../cli/check/checkReport";
import { resolveCheckTargets } from "../../cli/check/checkTargets";
import { toJsonReport } from "../../cli/check/formats/json";
import { formatJunit } from "../../cli/check/formats/junit";
import { formatMarkdown } from "../../cli/check/formats/markdown";
import { formatSarif } from "../../cli/check/formats/sarif";
import { formatText } from "../../cli/check/formats/text";
import { startPackAnalyzer } from "../../cli/check/packAnalyzer";
import { runChecks } from "../../cli/check/runChecks";
import { repoRoot, runCli, sarifSchemaErrors, stackTraceLines, temporaryDir, trailguardProject } from "./support";

// The wording, written here rather than imported from the code under test.
const CAUGHT_AT_UP = "caught at `pulumi up`, invisible to `pulumi preview`";
const TLS = "cloudtrail-bucket-tls-only";
const computedPolicyProgram = path.join(repoRoot, "test", "fixtures", "programs", "computed-bucket-policy");
const bucketPolicyUrn = "urn:pulumi:test::computed-bucket-policy::pulumi:pulumi:Stack$aws:s3/bucketPolicy:BucketPolicy::audit-archive-policy";

const scratch: string[] = [];
let onlyTlsMandatory: string;
let previewOnly: CheckReport;
let both: CheckReport;

const REASON = "this dev account is not part of AWS Organizations";
const REASON_KEY = "trailguard:alarms.overrides.organizationsChanges.reason";
const MIXED_PATTERN = '{ $.eventName = "DeleteBucket" || $.eventSource = "s3.amazonaws.com" && $.errorCode = "AccessDenied" }';
let tunedProject: string;
let tuned: CheckReport;

/** stacks/Pulumi.dev.yaml with the README's tuning example (and its reason) and a custom alarm. */
function tunedDevSettings(alarms: { reason: boolean }): string {
    const settings = parse(fs.readFileSync(path.join(repoRoot, "stacks", "Pulumi.dev.yaml"), "utf8"));
    const config = settings.config;
    config["trailguard:alarms"].overrides.organizationsChanges = { enabled: false, ...(alarms.reason ? { reason: REASON } : {}) };
    config["trailguard:alarms"].custom = [{ id: "bucketDeleted", pattern: MIXED_PATTERN }];
    return stringify(settings);
}

beforeAll(async () => {
    const dir = temporaryDir();
    scratch.push(dir);
    // Every other policy advisory, so that the TLS policy alone decides the verdict.
    onlyTlsMandatory = path.join(dir, "only-tls.json");
    fs.writeFileSync(onlyTlsMandatory, JSON.stringify({ all: "advisory", [TLS]: "mandatory" }));
    const targets = resolveCheckTargets({ program: computedPolicyProgram, policyConfig: onlyTlsMandatory });
    previewOnly = await runChecks(targets, { mode: "preview", startAnalyzer: startPackAnalyzer, root: repoRoot });
    both = await runChecks(targets, { mode: "both", startAnalyzer: startPackAnalyzer, root: repoRoot });

    tunedProject = trailguardProject({ dev: tunedDevSettings({ reason: true }) });
    scratch.push(tunedProject);
    tuned = await runChecks(
        resolveCheckTargets({ program: tunedProject, policyConfig: path.join(repoRoot, "policies", "environments", "dev.json") }),
        { mode: "both", startAnalyzer: startPackAnalyzer, root: repoRoot },
    );
});

afterAll(() => {
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

const junit = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "property"].includes(name) }).parse(xml);
};

describe("a bucket policy preview cannot see (pulumi.jsonStringify from the bucket's ARN, no TLS deny)", () => {
    it("--mode preview: the TLS policy is undecided, named with what it could not see, not passed in silence", () => {
        const [stack] = previewOnly.stacks;
        expect(stack.verdict.violations.filter((v) => v.policy === TLS)).toEqual([]);
        expect(stack.undecided).toEqual([
            {
                policy: TLS,
                urn: bucketPolicyUrn,
                render: "preview",
                message:
                    'Audit bucket "audit-archive"\'s policy is computed, so whether it denies requests without TLS is known only after `pulumi up`; build it from names known before deployment to have it checked in preview.',
            },
        ]);
        expect(summarize(previewOnly)).toMatchObject({ mandatory: 0, undecided: 1, passed: true });
        const text = formatText(previewOnly, { colour: false });
        expect(text).toMatch(new RegExp(`UNDECIDED  ${TLS} \\(preview render\\)`));
        expect(text.trimEnd().split("\n").pop()).toMatch(/1 undecided finding — PASSED$/);
        expect(toJsonReport(previewOnly).stacks[0].undecided).toEqual([{ ...stack.undecided[0], urn: bucketPolicyUrn }]);
    });

    it("default (both renders): the missing TLS deny fails the check, as caught at `pulumi up` only", () => {
        const [stack] = both.stacks;
        expect(stack.mode).toBe("both");
        const mandatory = stack.verdict.violations.filter((v) => v.enforcementLevel === "mandatory");
        expect(mandatory.map((v) => [v.policy, v.urn])).toEqual([[TLS, bucketPolicyUrn]]);
        expect(stack.onlyAtUp).toEqual(mandatory);
        // What preview could not see is still listed.
        expect(stack.undecided.map((u) => [u.policy, u.render])).toEqual([[TLS, "preview"]]);
        // The fixture has no BucketVersioning at all: both renders see that, so it is not "only at up".
        const versioning = stack.verdict.violations.find((v) => v.policy === "cloudtrail-bucket-versioning")!;
        expect(versioning).toBeDefined();
        expect(stack.onlyAtUp).not.toContain(versioning);
        expect(summarize(both)).toMatchObject({ mandatory: 1, caughtAtUp: 1, passed: false });
    });

    it("every format says the violation is caught at `pulumi up`, invisible to `pulumi preview`", () => {
        const text = formatText(both, { colour: false });
        const tlsBlock = text.slice(text.indexOf(`MANDATORY  ${TLS}`));
        expect(tlsBlock.split("\n").slice(0, 6).join("\n")).toContain(`(${CAUGHT_AT_UP})`);

        const md = formatMarkdown(both);
        expect(md).toContain(`<code>${bucketPolicyUrn}</code> (mandatory): **${CAUGHT_AT_UP}**`);

        const json = toJsonReport(both);
        expect(json.schemaVersion).toBe(3);
        expect(json.stacks[0].renders).toEqual(["preview", "deployed"]);
        const flagged = json.stacks[0].violations.filter((v) => v.caughtOnlyAtUp);
        expect(flagged.map((v) => v.policy)).toEqual([TLS]);

        const sarif = JSON.parse(formatSarif(both));
        expect(sarifSchemaErrors(sarif)).toEqual([]);
        const tls = sarif.runs[0].results.filter((r: any) => r.ruleId === TLS);
        const error = tls.find((r: any) => r.level === "error");
        expect(error.message.text).toContain(CAUGHT_AT_UP);
        expect(error.properties.caughtOnlyAtUp).toBe(true);
        // The undecided preview finding is its own warning-level result.
        expect(tls.filter((r: any) => r.level === "warning").map((r: any) => r.properties.kind)).toEqual(["undecided"]);

        const suite = junit(formatJunit(both)).testsuites.testsuite[0];
        const testCase = suite.testcase.find((c: any) => c.name === TLS);
        expect(testCase.failure["#text"]).toContain(`[mandatory, ${CAUGHT_AT_UP}] ${bucketPolicyUrn}`);
        expect(testCase["system-out"]).toContain(`[undecided in the preview render] ${bucketPolicyUrn}`);
    });

    it("through the CLI: --mode preview passes and says what it could not decide; the default fails", () => {
        const preview = runCli(["check", "--program", computedPolicyProgram, "--policy-pack-config", onlyTlsMandatory, "--mode", "preview", "--quiet"]);
        expect(preview.status, preview.stderr).toBe(0);
        expect(preview.stdout).toContain(`UNDECIDED  ${TLS}`);
        const twoRenders = runCli(["check", "--program", computedPolicyProgram, "--policy-pack-config", onlyTlsMandatory, "--quiet", "--format", "json"]);
        expect(twoRenders.status, twoRenders.stderr).toBe(1);
        const report = JSON.parse(twoRenders.stdout);
        expect(report.stacks[0].mode).toBe("both");
        expect(report.summary).toMatchObject({ mandatory: 1, caughtAtUp: 1, undecided: 1, passed: false });
        // The formats people read from the command itself mark it too (they are escaped for the terminal first).
        for (const format of ["text", "markdown"]) {
            const run = runCli(["check", "--program", computedPolicyProgram, "--policy-pack-config", onlyTlsMandatory, "--quiet", "--format", format]);
            expect(run.status, run.stderr).toBe(1);
            expect(run.stdout, format).toContain(CAUGHT_AT_UP);
        }
    });
});

describe("the README's tuning example under check: CIS 4.15 off in dev, with its reason", () => {
    it("passes, and lists the accepted exception with its reason and key", () => {
        expect(summarize(tuned)).toMatchObject({ mandatory: 0, passed: true, acceptedExceptions: 1 });
        const [stack] = tuned.stacks;
        expect(stack.acceptedExceptions).toHaveLength(1);
        expect(stack.acceptedExceptions[0]).toMatchObject({ policy: "cis-monitoring-alarms", reason: REASON, key: REASON_KEY });
        expect(stack.acceptedExceptions[0].message).toMatch(/^CIS 4\.15 \(AWS Organizations changes\): no metric filter/);
        // The program honours it too: no filter or alarm for the control.
        expect(stack.verdict.violations.filter((v) => v.policy === "cis-monitoring-alarms")).toEqual([]);
    });

    it("carries the config warning (&& and || mixed without parentheses) into the report", () => {
        const [stack] = tuned.stacks;
        const mixed = stack.warnings.filter((w) => w.startsWith("trailguard:alarms.custom[0].pattern: alarm bucketDeleted:"));
        expect(mixed).toHaveLength(1);
        expect(mixed[0]).toContain("[mixed-and-or-without-parentheses]");
    });

    it("shows both in text, Markdown, SARIF, JUnit and JSON", () => {
        const [stack] = tuned.stacks;
        const warning = stack.warnings.find((w) => w.includes("mixed-and-or-without-parentheses"))!;

        const text = formatText(tuned, { colour: false });
        expect(text).toContain(`ACCEPTED   cis-monitoring-alarms: accepted exception, ${REASON_KEY}: "${REASON}"`);
        expect(text).toContain(`WARNING    ${warning}`);
        expect(text.trimEnd().split("\n").pop()).toMatch(/1 accepted exception, \d+ warnings? — PASSED$/);

        const md = formatMarkdown(tuned);
        expect(md).toContain(`reason (\`${REASON_KEY}\`): ${REASON}`);
        expect(md).toContain("trailguard:alarms.custom[0].pattern: alarm bucketDeleted:");
        expect(md).toMatch(/\| dev \| .* \| 0 \| 0 \| 0 \| 1 \| \d+ \| :white_check_mark: passed \|/);

        const sarif = JSON.parse(formatSarif(tuned));
        expect(sarifSchemaErrors(sarif)).toEqual([]);
        const results = sarif.runs[0].results;
        expect(results.filter((r: any) => r.level === "error")).toEqual([]);
        const accepted = results.filter((r: any) => r.properties.kind === "accepted-exception");
        expect(accepted).toHaveLength(1);
        expect(accepted[0].suppressions).toEqual([{ kind: "external", status: "accepted", justification: REASON }]);
        const warnings = results.filter((r: any) => r.ruleId === "trailguard-program-warning");
        expect(warnings.map((r: any) => r.level)).toEqual(stack.warnings.map(() => "warning"));
        expect(warnings.some((r: any) => r.message.text.endsWith(warning))).toBe(true);
        const rule = sarif.runs[0].tool.driver.rules[warnings[0].ruleIndex];
        expect(rule.id).toBe("trailguard-program-warning");

        const suite = junit(formatJunit(tuned)).testsuites.testsuite[0];
        expect(suite["system-out"]).toContain(`[warning] ${warning}`);
        const monitoring = suite.testcase.find((c: any) => c.name === "cis-monitoring-alarms");
        expect(monitoring.failure).toBeUndefined();
        expect(monitoring["system-out"]).toContain(`[accepted exception, ${REASON_KEY}: "${REASON}"]`);
        expect(suite.properties.property.find((p: any) => p.name === "acceptedExceptions").value).toBe("1");

        const json = toJsonReport(tuned);
        expect(json.stacks[0].acceptedExceptions).toEqual([
            { policy: "cis-monitoring-alarms", urn: stack.acceptedExceptions[0].urn ?? null, message: stack.acceptedExceptions[0].message, reason: REASON, configKey: REASON_KEY },
        ]);
        expect(json.stacks[0].warnings).toContain(warning);
        expect(json.summary).toMatchObject({ acceptedExceptions: 1, warnings: stack.warnings.length, passed: true });
    });

    it("without the reason, the config is refused: exit 2, one line naming the key", () => {
        const project = trailguardProject({ dev: tunedDevSettings({ reason: false }) });
        scratch.push(project);
        const run = runCli(["check", "--program", project, "--quiet"]);
        expect(run.status, run.stderr).toBe(2);
        expect(stackTraceLines(run.stderr)).toEqual([]);
        const lines = run.stderr.split("\n").filter((l) => l.includes("trailguard:alarms.overrides.organizationsChanges"));
        expect(lines).toEqual([
            "  trailguard:alarms.overrides.organizationsChanges.enabled: got false, expected alarms.overrides.organizationsChanges.reason with it: turning off CIS 4.15 is an accepted exception only with its reason",
        ]);
    });
});
