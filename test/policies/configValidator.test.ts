// The one validator of policy config (policies/src/policyConfig.ts): the pack checks the settings that
// reach it with it (readSettings), and trailguard's CLI checks a `--policy-pack-config` against the
// schemas a pack declares with it (cli/analyzerClient/policyPackConfig.ts). Every keyword a shipped
// policy declares is one it checks, and each mistake reads the same as before in both voices. A
// pattern-constrained item (items.pattern) is rejected with a clear message by the CLI, before any
// stack is analysed, and by the pack: in process, and over the wire when it reaches the pack unchecked.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchPolicyPack } from "../../cli/analyzerClient/policyPackLaunch";
import { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { resolvePolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import { packAnalyzerFor } from "../../cli/check/packAnalyzer";
import { UserError } from "../../cli/userError";
import {
    describeSchemaProblem,
    JSON_SCHEMA_KEYWORDS,
    type JsonSchema,
    readSettings,
    schemaProblems,
    type SettingSchema,
} from "../../policies/src/policyConfig";
import { stackPolicy } from "../../policies/src/policyDefinition";
import { POLICIES } from "../../policies/src/policyList";
import type { PolicyDescriptor } from "../../cli/analyzerClient/verdict";
import { runPolicy } from "./inProcess/harness";
import { InMemoryStack } from "./inProcess/inMemoryStack";

const BUCKET = "aws:s3/bucket:Bucket";
/** AWS tag keys, ASCII only; the same pattern as test/fixtures/packs/pattern-setting-pack. */
const TAG_KEY = "^[A-Za-z0-9 _.:/=+@-]{1,128}$";
const TAG_KEYS: SettingSchema = {
    type: "array",
    description: "AWS tag keys every bucket must carry.",
    default: ["owner"],
    items: { type: "string", pattern: TAG_KEY },
    uniqueItems: true,
};
const BAD_TAG_KEYS = ["owner", "cost-centre!"];
const patternPack = path.join(__dirname, "..", "fixtures", "packs", "pattern-setting-pack");

/** The CLI's message for one setting of one policy (source "policy pack config"). */
function cliMessage(value: unknown, schema: JsonSchema): string {
    const policy = { name: "p", configSchema: { type: "object", properties: { k: schema } }, enforcementLevel: "advisory" } as unknown as PolicyDescriptor;
    try {
        resolvePolicyPackConfig({ p: { k: value } } as never, [policy], "pack");
    } catch (err) {
        return (err as Error).message;
    }
    return "accepted";
}

/** The pack's message for one setting of one policy. */
function packMessage(value: unknown, setting: SettingSchema): string {
    const result = readSettings("p", { k: value }, { k: setting });
    return result.ok ? "accepted" : result.message;
}

function keywordsOf(schema: Record<string, unknown>, into = new Set<string>()): Set<string> {
    for (const [keyword, value] of Object.entries(schema)) {
        into.add(keyword);
        if (keyword === "items" || (keyword === "additionalProperties" && typeof value === "object")) keywordsOf(value as Record<string, unknown>, into);
        if (keyword === "properties") for (const child of Object.values(value as Record<string, Record<string, unknown>>)) keywordsOf(child, into);
    }
    return into;
}

describe("the validator", () => {
    it("checks every keyword the shipped policies' settings declare", () => {
        const declared = new Set<string>();
        for (const policy of POLICIES) {
            for (const setting of Object.values(policy.configSchema?.properties ?? {})) keywordsOf(setting as Record<string, unknown>, declared);
        }
        expect([...declared].filter((k) => !(k in JSON_SCHEMA_KEYWORDS))).toEqual([]);
        expect([...declared].sort()).toEqual(expect.arrayContaining(["enum", "items", "maximum", "minimum", "type", "uniqueItems"]));
    });

    it("says what is wrong in the CLI's words and the pack's, as before it was shared", () => {
        const integer: SettingSchema = { type: "integer", description: "", default: 30, minimum: 7, maximum: 30 };
        const controls: SettingSchema = { type: "array", description: "", default: ["4.1"], items: { type: "string", enum: ["4.1", "4.2"] }, uniqueItems: true };
        const cases: [unknown, SettingSchema, string, string][] = [
            [5, integer, "5 is below the minimum 7", "5 is below the minimum; expected an integer from 7 to 30"],
            [31, integer, "31 is above the maximum 30", "31 is above the maximum; expected an integer from 7 to 30"],
            ["30", integer, '"30" is a string; expected an integer', '"30" is not an integer; expected an integer from 7 to 30'],
            ["4.1", controls, '"4.1" is a string; expected an array', '"4.1" is not a list; expected an array of strings'],
            [["4.1", "4.9"], controls, '[1]: "4.9" is not one of "4.1", "4.2"', '["4.1","4.9"] contains "4.9"; expected items from "4.1", "4.2"'],
            [["4.1", 4.2], controls, "[1]: 4.2 is a number; expected a string", '["4.1",4.2] contains 4.2, which is not a string'],
            [["4.1", "4.1"], controls, '"4.1" appears more than once', '["4.1","4.1"] lists "4.1" twice'],
            [BAD_TAG_KEYS, TAG_KEYS, `[1]: "cost-centre!" does not match /${TAG_KEY}/`, `["owner","cost-centre!"] contains "cost-centre!", which does not match /${TAG_KEY}/`],
        ];
        for (const [value, setting, cli, pack] of cases) {
            expect(cliMessage(value, setting)).toBe(`policy pack config: policy "p", key "k": ${cli}`);
            expect(packMessage(value, setting)).toBe(`invalid config for policy "p", key "k": ${pack}`);
        }
    });

    it("accepts what every schema keyword allows", () => {
        expect(packMessage(["owner", "cost-centre", "aws:cloudformation:stack-name"], TAG_KEYS)).toBe("accepted");
        expect(cliMessage(["owner", "cost-centre"], TAG_KEYS)).toBe("accepted");
        expect(packMessage(undefined, TAG_KEYS)).toBe("accepted");
    });

    it("matches a pattern anywhere in the string, as JSON Schema does, in unicode mode", () => {
        expect(schemaProblems("xenvx", { type: "string", pattern: "env" })).toEqual([]);
        expect(schemaProblems("Umgebung-Ü", { type: "string", pattern: "^[\\p{L}-]+$" })).toEqual([]);
        const [problem] = schemaProblems(["ok", "not ok"], { type: "array", items: { type: "string", pattern: "^\\S+$" } });
        expect(problem).toMatchObject({ path: [1], keyword: "pattern", value: "not ok" });
        expect(describeSchemaProblem(problem)).toBe('[1]: "not ok" does not match /^\\S+$/');
    });

    it("reports a pattern that is not a regular expression instead of throwing", () => {
        expect(cliMessage("x", { type: "string", pattern: "([a-z" } as JsonSchema)).toBe(
            'policy pack config: policy "p", key "k": "x" cannot be checked: the schema\'s pattern /([a-z/ is not a valid regular expression',
        );
    });
});

describe("a bad value for a pattern-constrained item", () => {
    it("is rejected by the pack in process (runPolicy with a config), naming the policy, key, value and pattern", () => {
        const requiredTags = stackPolicy<{ tagKeys: string[] }>(
            {
                name: "stack-required-tags",
                displayName: "Stacks carry the required tags",
                description: "Every stack must carry each of the configured stack tags.",
                severity: "low",
                enforcementLevel: "mandatory",
                remediationSteps: "Add the missing stack tags.",
                references: [],
                settings: { tagKeys: TAG_KEYS },
            },
            undefined,
            ({ stackTags, stackUrn }, settings, report) => {
                for (const key of settings.tagKeys) if (!stackTags.has(key)) report({ urn: stackUrn, message: `The stack has no tag "${key}".` });
            },
        );
        const stack = new InMemoryStack();
        const root = stack.add("pulumi:pulumi:Stack", "unit-test", {}, { custom: false });
        const finding = (message: string) => ({ policy: "stack-required-tags", enforcementLevel: "mandatory", urn: root.urn, message });
        expect(runPolicy(requiredTags, stack.rendered(), { tagKeys: ["owner", "cost-centre"] })).toEqual([
            finding('The stack has no tag "owner".'),
            finding('The stack has no tag "cost-centre".'),
        ]);
        expect(runPolicy(requiredTags, stack.rendered(), { tagKeys: BAD_TAG_KEYS })).toEqual([
            finding(`invalid config for policy "stack-required-tags", key "tagKeys": ["owner","cost-centre!"] contains "cost-centre!", which does not match /${TAG_KEY}/`),
        ]);
    });

    describe("over the wire, with a pack that declares one", () => {
        let scratch: string;

        beforeAll(() => {
            scratch = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-config-validator-"));
        });

        afterAll(() => {
            fs.rmSync(scratch, { recursive: true, force: true });
        });

        it("is rejected by the CLI's --policy-pack-config check before any stack is analysed", async () => {
            const config = path.join(scratch, "policy.json");
            fs.writeFileSync(config, JSON.stringify({ "bucket-required-tags": { tagKeys: BAD_TAG_KEYS } }));
            // What `trailguard check --policy-pack-config <file>` runs, with this pack instead of trailguard's.
            const failure = await packAnalyzerFor(launchPolicyPack(patternPack, { how: "compiled" }))({ policyConfigFiles: [config] }).started.then(
                async (analyzer) => {
                    await analyzer.close();
                    return undefined;
                },
                (err: unknown) => err,
            );
            expect(failure).toBeInstanceOf(UserError);
            expect((failure as Error).message).toBe(`${config}: policy "bucket-required-tags", key "tagKeys": [1]: "cost-centre!" does not match /${TAG_KEY}/`);
        });

        it("is reported by the pack itself when it reaches it unchecked, and a good value is judged", async () => {
            const pack = await PolicyPackProcess.start(patternPack, { how: "compiled" });
            try {
                const bucket = {
                    urn: "urn:pulumi:ci::p::aws:s3/bucket:Bucket::logs",
                    type: BUCKET,
                    name: "logs",
                    custom: true,
                    inputs: { tags: { owner: "audit" } },
                    outputs: {},
                    propertyDependencies: {},
                    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [] },
                };
                const info = await pack.info();
                expect(info.policies.map((p) => p.configSchema)).toEqual([{ type: "object", properties: { tagKeys: TAG_KEYS } }]);

                await pack.configure({ "bucket-required-tags": { tagKeys: ["owner", "cost-centre"] } });
                expect((await pack.analyzeResource(bucket)).map((v) => v.message)).toEqual(['Bucket "logs" has no tag "cost-centre".']);

                await pack.configureUnchecked({ "bucket-required-tags": { enforcementLevel: "mandatory", properties: { tagKeys: BAD_TAG_KEYS } } });
                expect((await pack.analyzeResource(bucket)).map((v) => `${v.enforcementLevel} ${v.message}`)).toEqual([
                    `mandatory invalid config for policy "bucket-required-tags", key "tagKeys": ["owner","cost-centre!"] contains "cost-centre!", which does not match /${TAG_KEY}/`,
                ]);
            } finally {
                await pack.close();
            }
        });
    });
});
