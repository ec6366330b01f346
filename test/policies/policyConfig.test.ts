// Policy configuration in the `--policy-pack-config` shape: it changes verdicts, and every mistake
// is rejected with one message naming the policy, the key, the value and what was expected,
// whether the harness (like the Pulumi CLI) catches it or the pack itself does.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPolicyPackConfig } from "../../cli/analyzerClient/policyPackConfig";
import type { PolicyPackProcess } from "../../cli/analyzerClient/policyPackProcess";
import { analyze, byPolicy, describeViolations, renderHandwritten, startPack } from "./support";

let pack: PolicyPackProcess;
let scratch: string;

beforeAll(async () => {
    pack = await startPack();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-policy-config-"));
});

afterAll(async () => {
    await pack?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
});

function configFile(name: string, text: string): string {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, text);
    return file;
}

describe("settings change the verdict", () => {
    it("a higher log-group minimum blocks the compliant program's 400 days", async () => {
        const rendered = await renderHandwritten("compliant", "preview");
        expect(byPolicy(await analyze(pack, rendered), "cloudtrail-log-group-retention")).toEqual([]);
        const stricter = await analyze(pack, rendered, { policyConfig: { "cloudtrail-log-group-retention": { minimumRetentionDays: 731 } } });
        expect(byPolicy(stricter, "cloudtrail-log-group-retention").map((v) => v.message)).toEqual([
            'Log group "trail-events" of trail "audit" keeps events 400 days; set retentionInDays to at least 731.',
        ]);
    });

    it("a lower archive minimum lets the broken program's 30-day expiration through", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        expect(byPolicy(await analyze(pack, rendered), "cloudtrail-bucket-retention")).toHaveLength(1);
        const relaxed = await analyze(pack, rendered, { policyConfig: { "cloudtrail-bucket-retention": { minimumRetentionDays: 30 } } });
        expect(byPolicy(relaxed, "cloudtrail-bucket-retention")).toEqual([]);
    });

    it("the required-controls list decides which CIS controls are checked", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const controls = async (requiredControls: string[]) =>
            byPolicy(await analyze(pack, rendered, { policyConfig: { "cis-monitoring-alarms": { requiredControls } } }), "cis-monitoring-alarms")
                .map((v) => /^CIS (\d\.\d+)/.exec(v.message)?.[1])
                .sort();
        expect(await controls(["4.1", "4.2", "4.3"])).toEqual(["4.1", "4.3"]);
        expect(await controls(["4.3"])).toEqual(["4.3"]);
        expect(await controls(["4.2", "4.15"])).toEqual([]);
    });

    it("Object Lock is checked only when required, then with the configured retention and modes", async () => {
        const rendered = await renderHandwritten("compliant", "preview");
        expect(byPolicy(await analyze(pack, rendered), "cloudtrail-bucket-object-lock")).toEqual([]);
        const required = await analyze(pack, rendered, { policyConfig: { "cloudtrail-bucket-object-lock": { required: true } } });
        expect(byPolicy(required, "cloudtrail-bucket-object-lock").map((v) => v.message)).toEqual([
            'Audit bucket "audit-logs" was created without Object Lock; it must be created with objectLockEnabled: true.',
        ]);
    });

    it("an enforcement level alone (string form) makes a policy advisory", async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const result = await analyze(pack, rendered, { policyConfig: { "kms-key-rotation": "advisory" } });
        expect(byPolicy(result, "kms-key-rotation").map((v) => v.enforcementLevel)).toEqual(["advisory"]);
        expect(result.policies.find((p) => p.name === "kms-key-rotation")!.enforcementLevel).toBe("advisory");
    });

    it('"all" sets the level of every policy not configured by name', async () => {
        const rendered = await renderHandwritten("broken", "preview");
        const result = await analyze(pack, rendered, { policyConfig: { all: "advisory", "kms-key-rotation": "mandatory" } });
        const levels = new Set(result.violations.filter((v) => v.policy !== "kms-key-rotation").map((v) => v.enforcementLevel));
        expect([...levels]).toEqual(["advisory"]);
        expect(byPolicy(result, "kms-key-rotation").map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    });
});

describe("mistakes are rejected with one clear message", () => {
    const cases: [string, object, string][] = [
        [
            "a minimum below the schema's minimum",
            { "cloudtrail-log-group-retention": { minimumRetentionDays: 0 } },
            'policy pack config: policy "cloudtrail-log-group-retention", key "minimumRetentionDays": 0 is below the minimum 1',
        ],
        [
            "a number given as a string",
            { "cloudtrail-bucket-retention": { minimumRetentionDays: "365" } },
            'policy pack config: policy "cloudtrail-bucket-retention", key "minimumRetentionDays": "365" is a string; expected an integer',
        ],
        [
            "a control that is not a CIS monitoring recommendation",
            { "cis-monitoring-alarms": { requiredControls: ["4.1", "3.9"] } },
            'policy pack config: policy "cis-monitoring-alarms", key "requiredControls": [1]: "3.9" is not one of "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15"',
        ],
        [
            "a key the policy does not have",
            { "cloudtrail-log-group-retention": { minimumDays: 30 } },
            'policy pack config: policy "cloudtrail-log-group-retention", key "minimumDays": not a setting of this policy (settings: minimumRetentionDays)',
        ],
        [
            "a policy the pack does not have",
            { "cloudtrail-log-retention": "mandatory" },
            'policy pack config: policy "cloudtrail-log-retention" is not in pack trailguard (policies: cloudtrail-required, cloudtrail-multi-region,',
        ],
        [
            "an unknown enforcement level",
            { "kms-key-rotation": "strict" },
            'policy pack config:\n  policy "kms-key-rotation": enforcement level "strict" is not one of advisory, mandatory, remediate, disabled',
        ],
    ];
    for (const [what, config, message] of cases) {
        it(`rejects ${what}`, async () => {
            const rendered = await renderHandwritten("compliant", "preview");
            await expect(analyze(pack, rendered, { policyConfig: config as any })).rejects.toThrow(message);
        });
    }

    it("names the file when a --policy-pack-config file is not JSON or not an object", () => {
        const notJson = configFile("not-json.json", "{ kms-key-rotation: advisory }");
        expect(() => readPolicyPackConfig(notJson)).toThrow(`${notJson}: not valid JSON:`);
        const list = configFile("list.json", '["kms-key-rotation"]');
        expect(() => readPolicyPackConfig(list)).toThrow(`${list}: expected a JSON object of policy name → enforcement level or settings, got a list`);
        const missing = path.join(scratch, "missing.json");
        expect(() => readPolicyPackConfig(missing)).toThrow(`cannot read policy pack config ${missing}: ENOENT`);
    });

    it("reads a valid file in the CLI's shape", () => {
        const file = configFile("ok.json", JSON.stringify({ all: "mandatory", "cloudtrail-required": { enforcementLevel: "mandatory", requireMultiRegion: false } }));
        expect(readPolicyPackConfig(file)).toEqual({ all: "mandatory", "cloudtrail-required": { enforcementLevel: "mandatory", requireMultiRegion: false } });
    });

    it("the pack itself reports bad settings that reach it unchecked, as one mandatory violation per policy", async () => {
        const rendered = await renderHandwritten("compliant", "preview");
        await pack.configureUnchecked({
            "cloudtrail-log-group-retention": { enforcementLevel: "mandatory", properties: { minimumRetentionDays: -5 } },
            "cis-monitoring-alarms": { enforcementLevel: "mandatory", properties: { requiredControls: "4.1" } },
        });
        const result = await analyze(pack, rendered, { keepConfiguration: true });
        expect(result.violations.map((v) => `${v.enforcementLevel} ${v.message}`), describeViolations(result.violations)).toEqual([
            'mandatory invalid config for policy "cis-monitoring-alarms", key "requiredControls": "4.1" is not a list; expected an array of strings',
            'mandatory invalid config for policy "cloudtrail-log-group-retention", key "minimumRetentionDays": -5 is below the minimum; expected an integer ≥ 1',
        ]);
    });
});
