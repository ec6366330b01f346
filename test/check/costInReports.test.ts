// `check` reports carry each stack's monthly cost estimate in every format, and `--cost-baseline`
// adds the change against a previous JSON report. Expectations come from two routes independent of
// the report code: the cost model called here on settings this test reads itself, and
// `node bin/trailguard.js cost --stack <s> --format json` (its steady-state month). The change is
// checked against a baseline whose figures this test sets, with the difference worked out by hand.
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckReport } from "../../cli/check/checkReport";
import { resolveCheckTargets } from "../../cli/check/checkTargets";
import { formatJunit } from "../../cli/check/formats/junit";
import { formatMarkdown } from "../../cli/check/formats/markdown";
import { toJsonReport } from "../../cli/check/formats/json";
import { formatSarif } from "../../cli/check/formats/sarif";
import { formatText } from "../../cli/check/formats/text";
import { startPackAnalyzer } from "../../cli/check/packAnalyzer";
import { runChecks } from "../../cli/check/runChecks";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { settingsFromConfig } from "../../config/validateConfig";
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { volumeFromStatedVolume } from "../../core/cost/trailVolume";
import { shippedStackNames } from "../support/shippedStacks";
import { insecureTrail, repoRoot, runCli, sarifSchemaErrors, stackTraceLines, temporaryDir } from "./support";

interface Expected {
    monthly: number;
    cumulative: number;
    horizon: number;
}

const stacks = shippedStackNames();
/** Route 1: the model on the settings this test reads from the stack file. */
const byModel = new Map<string, Expected>();
/** Route 2: `trailguard cost --stack <s> --format json`, its last month and its total. */
const byCostCommand = new Map<string, Expected>();
let ours: CheckReport;
let theirs: CheckReport;
let dir: string;

/** "$1,234.57": dollars to the cent, as a reader would round them. */
const dollars = (value: number) => `$${(Math.round(value * 100) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;

beforeAll(async () => {
    dir = temporaryDir();
    for (const stack of stacks) {
        const values = readStackConfigFile(path.join(repoRoot, "stacks", `Pulumi.${stack}.yaml`), "trailguard").values;
        const settings = settingsFromConfig(values, stack, { offlineSecrets: true });
        const estimate = estimateStackCost(settings, volumeFromStatedVolume(settings.cost), US_EAST_1_PRICES);
        byModel.set(stack, { monthly: estimate.monthlyTotal, cumulative: estimate.cumulativeTotal, horizon: estimate.horizonMonths });
        const run = runCli(["cost", "--stack", stack, "--format", "json"]);
        expect(run.status, run.stderr).toBe(0);
        const cost = JSON.parse(run.stdout);
        byCostCommand.set(stack, { monthly: cost.months[cost.months.length - 1].total, cumulative: cost.cumulativeTotal, horizon: cost.months.length });
    }
    ours = await runChecks(resolveCheckTargets({}), { mode: "preview", startAnalyzer: startPackAnalyzer, root: repoRoot });
    theirs = await runChecks(resolveCheckTargets({ program: insecureTrail }), { mode: "preview", startAnalyzer: startPackAnalyzer, root: repoRoot });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the two routes to a stack's estimate", () => {
    it("agree: the model on the stack's settings and `trailguard cost`'s steady-state month", () => {
        for (const stack of stacks) {
            expect(byCostCommand.get(stack)!.monthly).toBeCloseTo(byModel.get(stack)!.monthly, 9);
            expect(byCostCommand.get(stack)!.cumulative).toBeCloseTo(byModel.get(stack)!.cumulative, 9);
            expect(byCostCommand.get(stack)!.horizon).toBe(byModel.get(stack)!.horizon);
            // A real figure, not a zero every route would agree on.
            expect(byModel.get(stack)!.monthly).toBeGreaterThan(1);
        }
    });
});

describe("each format carries each stack's estimate", () => {
    it("json: cost {monthlyUsd, cumulativeUsd, horizonMonths, prices}; a stack without trailguard config gets null and the reason", () => {
        const json = toJsonReport(ours);
        expect(json.stacks.map((s) => s.stack)).toEqual(stacks);
        for (const s of json.stacks) {
            const expected = byCostCommand.get(s.stack)!;
            expect(s.cost!.monthlyUsd).toBeCloseTo(expected.monthly, 9);
            expect(s.cost!.cumulativeUsd).toBeCloseTo(expected.cumulative, 9);
            expect(s.cost!.horizonMonths).toBe(expected.horizon);
            expect(s.cost!.prices).toEqual({ region: "us-east-1", currency: "USD", asOf: US_EAST_1_PRICES.kms.keyMonth.asOf });
            expect(s.costUnavailable).toBeNull();
            expect(s.costChange).toBeNull();
        }
        for (const s of toJsonReport(theirs).stacks) {
            expect(s.cost).toBeNull();
            expect(s.costUnavailable).toBe("not a trailguard stack");
        }
    });

    it("markdown: a cost table with a row per stack", () => {
        const md = formatMarkdown(ours);
        const table = md.slice(md.indexOf("### Cost"), md.indexOf("### Stack"));
        expect(table).toContain("| Stack | Monthly (steady state) | Over the horizon |");
        for (const stack of stacks) {
            const { monthly, cumulative, horizon } = byModel.get(stack)!;
            expect(table).toContain(`| ${stack} | ${dollars(monthly)} | ${dollars(cumulative)} over ${horizon} months |`);
        }
        const theirMd = formatMarkdown(theirs);
        expect(theirMd).toContain("| ci | no estimate: not a trailguard stack | — |");
        expect(theirMd).toContain("No stack has an estimate: a stack is priced when its settings file carries `trailguard:` config.");
    });

    it("text: one cost line per stack", () => {
        const text = formatText(ours, { colour: false });
        for (const stack of stacks) {
            const { monthly, cumulative, horizon } = byModel.get(stack)!;
            const block = text.slice(text.indexOf(`stack ${stack} `));
            expect(block.split("\n")[1]).toBe(
                `  cost: ${dollars(monthly)} a month at steady state, ${dollars(cumulative)} over ${horizon} months (us-east-1 list prices of ${US_EAST_1_PRICES.kms.keyMonth.asOf})`,
            );
        }
        expect(text.match(/^ {2}cost: /gm)).toHaveLength(stacks.length);
        expect(formatText(theirs, { colour: false })).toContain("  cost: no estimate (not a trailguard stack)");
    });

    it("junit: suite properties", () => {
        const parse = (xml: string) =>
            new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "property"].includes(name) }).parse(xml);
        const properties = (suite: any) => Object.fromEntries(suite.properties.property.map((p: any) => [p.name, p.value]));
        for (const suite of parse(formatJunit(ours)).testsuites.testsuite) {
            const expected = byModel.get(suite.name)!;
            const p = properties(suite);
            expect(Number(p.costMonthlyUsd)).toBeCloseTo(expected.monthly, 2);
            expect(Number(p.costCumulativeUsd)).toBeCloseTo(expected.cumulative, 2);
            expect(Number(p.costHorizonMonths)).toBe(expected.horizon);
            expect(p.costUnavailable).toBeUndefined();
        }
        for (const suite of parse(formatJunit(theirs)).testsuites.testsuite) {
            expect(properties(suite).costUnavailable).toBe("not a trailguard stack");
            expect(properties(suite).costMonthlyUsd).toBeUndefined();
        }
    });

    it("sarif: run properties, and the log stays valid SARIF 2.1.0", () => {
        for (const report of [ours, theirs]) expect(sarifSchemaErrors(JSON.parse(formatSarif(report)))).toEqual([]);
        const costs = JSON.parse(formatSarif(ours)).runs[0].properties.costs;
        expect(costs.map((c: any) => c.stack)).toEqual(stacks);
        for (const c of costs) expect(c.cost.monthlyUsd).toBeCloseTo(byCostCommand.get(c.stack)!.monthly, 9);
        const theirCosts = JSON.parse(formatSarif(theirs)).runs[0].properties.costs;
        expect(theirCosts.map((c: any) => [c.cost, c.costUnavailable])).toEqual(theirs.stacks.map(() => [null, "not a trailguard stack"]));
    });
});

describe("a stack without an estimate", () => {
    it("never fails the check for it: a passing program without trailguard config exits 0", () => {
        const allAdvisory = path.join(dir, "all-advisory.json");
        fs.writeFileSync(allAdvisory, JSON.stringify({ all: "advisory" }));
        const run = runCli(["check", "--quiet", "--program", insecureTrail, "--stack", "qa", "--mode", "preview", "--policy-pack-config", allAdvisory, "--format", "json"]);
        expect(run.status, run.stderr).toBe(0);
        const stack = JSON.parse(run.stdout).stacks[0];
        expect([stack.cost, stack.costUnavailable]).toEqual([null, "not a trailguard stack"]);
    });

    it("says so when its trailguard config does not validate, and is still checked", () => {
        // Another program's stack that carries trailguard config with a mistake: the program ignores it.
        const settings = path.join(dir, "Pulumi.qa.yaml");
        fs.writeFileSync(settings, "config:\n  aws:region: eu-central-1\n  insecure-trail:prefix: qa\n  trailguard:environment: nowhere\n");
        const run = runCli(["check", "--quiet", "--program", insecureTrail, "--config", settings, "--mode", "preview", "--format", "json"]);
        expect(run.status, run.stderr).toBe(1);
        const stack = JSON.parse(run.stdout).stacks[0];
        expect(stack.violations.length).toBeGreaterThan(0);
        expect([stack.cost, stack.costUnavailable]).toEqual([null, "invalid trailguard config"]);
    });
});

describe("--cost-baseline", () => {
    let baselineRun: any;
    let compared: any;
    let markdown: string;
    let baselineFile: string;

    beforeAll(() => {
        const first = runCli(["check", "--quiet", "--mode", "preview", "--format", "json"]);
        expect(first.status, first.stderr).toBe(0);
        baselineRun = JSON.parse(first.stdout);
        // The baseline as a pull request's base might have left it: dev cost $5.00 a month, prod had
        // no estimate, staging did not exist yet, and a stack "retired" ($3.00) has since been removed.
        const edited = structuredClone(baselineRun);
        edited.stacks = edited.stacks.filter((s: any) => s.stack !== "staging");
        edited.stacks.find((s: any) => s.stack === "dev").cost.monthlyUsd = 5;
        Object.assign(edited.stacks.find((s: any) => s.stack === "prod"), { cost: null, costUnavailable: "not a trailguard stack" });
        edited.stacks.push({ ...structuredClone(edited.stacks[0]), stack: "retired", configFile: "stacks/Pulumi.retired.yaml", cost: { ...edited.stacks[0].cost, monthlyUsd: 3 } });
        baselineFile = path.join(dir, "baseline.json");
        fs.writeFileSync(baselineFile, JSON.stringify(edited));
        const summary = path.join(dir, "summary.md");
        const run = runCli(["check", "--quiet", "--mode", "preview", "--format", "json", "--cost-baseline", baselineFile, "--markdown-summary", summary]);
        expect(run.status, run.stderr).toBe(0);
        compared = JSON.parse(run.stdout);
        markdown = fs.readFileSync(summary, "utf8");
    });

    it("gives the change of each stack's monthly estimate, worked out by hand", () => {
        const dev = byCostCommand.get("dev")!.monthly;
        const byName = (name: string) => compared.stacks.find((s: any) => s.stack === name);
        // dev: this run's month minus the $5.00 the baseline says, and that over $5.00.
        expect(byName("dev").costChange.status).toBe("compared");
        expect(byName("dev").costChange.baselineMonthlyUsd).toBe(5);
        expect(byName("dev").costChange.changeUsd).toBeCloseTo(dev - 5, 9);
        expect(byName("dev").costChange.changeRelative).toBeCloseTo((dev - 5) / 5, 9);
        expect(byName("prod").costChange).toEqual({ status: "no baseline estimate", baselineMonthlyUsd: null, monthlyUsd: byName("prod").cost.monthlyUsd, changeUsd: null, changeRelative: null });
        expect(byName("staging").costChange).toMatchObject({ status: "new", baselineMonthlyUsd: null, changeUsd: null });
        expect(compared.costBaseline).toEqual({ file: baselineFile, goneStacks: [{ stack: "retired", configFile: "stacks/Pulumi.retired.yaml", baselineMonthlyUsd: 3 }] });
        // The baseline changes nothing else.
        const withoutCost = (report: any) => report.stacks.map(({ costChange: _c, ...rest }: any) => rest);
        expect(withoutCost(compared)).toEqual(withoutCost(baselineRun));
    });

    it("shows the change in the Markdown cost table: absolute and relative, new and gone stacks", () => {
        const dev = byCostCommand.get("dev")!.monthly;
        const change = dev - 5;
        const sign = change > 0 ? "+" : "-";
        const percent = `${sign}${Math.abs((change / 5) * 100).toFixed(1)}%`;
        expect(markdown).toContain("| Stack | Monthly (steady state) | Over the horizon | Baseline monthly | Change | Change % |");
        expect(markdown).toContain(`| dev | ${dollars(dev)} | `);
        expect(markdown).toContain(` | $5.00 | ${sign}${dollars(Math.abs(change))} | ${percent} |`);
        expect(markdown).toMatch(/\| staging \| \$[\d,.]+ \| .* \| — \| new stack \| — \|/);
        expect(markdown).toMatch(/\| prod \| \$[\d,.]+ \| .* \| — \| the baseline has no estimate \| — \|/);
        expect(markdown).toContain("| retired | gone | — | $3.00 | -$3.00 | -100.0% |");
    });

    it("an unchanged stack shows no change", () => {
        const run = runCli(["check", "--quiet", "--mode", "preview", "--stack", "staging", "--format", "json", "--cost-baseline", writeJson("unchanged.json", baselineRun)]);
        expect(run.status, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.stacks[0].costChange).toMatchObject({ status: "compared", changeUsd: 0, changeRelative: 0 });
        // The stacks left out by --stack are not in this run: the baseline's other stacks are "gone".
        expect(report.costBaseline.goneStacks.map((s: any) => s.stack)).toEqual(stacks.filter((s) => s !== "staging"));
    });

    describe("a baseline that cannot be compared with is one line, before any stack is rendered", () => {
        const cases: Array<[string, () => string, RegExp]> = [
            ["a missing file", () => path.join(dir, "absent.json"), /: cannot read it: no such file or directory; expected the JSON report of a previous `trailguard check --format json`$/],
            ["a file that is not JSON", () => writeText("broken.json", "{ stacks: "), /: not JSON \(.+\); expected the JSON report of a previous `trailguard check --format json`$/],
            ["JSON that is not a check report", () => writeJson("other.json", { stack: "dev", monthlyTotal: 1 }), /: not a check report \(no "schemaVersion", "policyPack", "stacks", "summary"\); expected the JSON report/],
            ["a SARIF log", () => writeJson("log.sarif", { version: "2.1.0", runs: [] }), /: not a check report \(a SARIF log\); expected the JSON report/],
            ["a report without costs", () => writeJson("v2.json", withoutCosts(baselineRun)), /: a check report without costs \(schema version 2; costs came with version 3\); expected a report written by a trailguard check that reports them$/],
            ["a cost that is not a number", () => writeJson("text-cost.json", withDevCost(baselineRun, "cheap")), /: stacks\[0\]\.cost\.monthlyUsd: got "cheap"; expected a number of USD, 0 or more$/],
        ];
        it.each(cases)("%s", (_what, file, message) => {
            const given = file();
            const run = runCli(["check", "--cost-baseline", given]);
            expect(run.status).toBe(2);
            expect(run.stdout).toBe("");
            const lines = run.stderr.trimEnd().split("\n");
            // One line, and no progress line: not a single stack was rendered.
            expect(lines).toHaveLength(1);
            expect(lines[0]!.startsWith(`trailguard: --cost-baseline ${given}: `)).toBe(true);
            expect(lines[0]).toMatch(message);
            expect(run.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
            expect(stackTraceLines(run.stderr)).toEqual([]);
        });
    });
});

function writeText(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

function writeJson(name: string, value: unknown): string {
    return writeText(name, JSON.stringify(value));
}

/** The report as a trailguard before costs wrote it: schema version 2, no cost fields. */
function withoutCosts(report: any): any {
    const old = structuredClone(report);
    old.schemaVersion = 2;
    delete old.costBaseline;
    for (const s of old.stacks) {
        delete s.cost;
        delete s.costUnavailable;
        delete s.costChange;
    }
    return old;
}

function withDevCost(report: any, monthlyUsd: unknown): any {
    const edited = structuredClone(report);
    edited.stacks[0].cost.monthlyUsd = monthlyUsd;
    return edited;
}
