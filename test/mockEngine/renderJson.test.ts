// `trailguard render --format json` as documented in docs/render.md: an unknown value is
// {"$unknown": true}, never the SDK's internal sentinel string; an undefined output is absent.
// Checked against the SDK's own constants and against the in-process render of the same stack.
import { spawnSync } from "child_process";
import * as path from "path";
import { unknownValue as SDK_UNKNOWN_VALUE, specialSigKey as SDK_SPECIAL_SIG_KEY } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { renderTrailguardStack } from "../../cli/mockEngine/renderEntryPoints";
import { isUnknown, type RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";

const root = path.resolve(__dirname, "..", "..");
const cli = path.join(root, "bin", "trailguard.js");

interface RenderJson {
    stack: string;
    mode: string;
    resources: Array<{ urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }>;
    outputs: Record<string, unknown>;
}

function renderJson(stack: string, mode: "preview" | "deployed"): { text: string; json: RenderJson } {
    const run = spawnSync(process.execPath, [cli, "render", "--stack", stack, "--mode", mode, "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    return { text: run.stdout, json: JSON.parse(run.stdout) as RenderJson };
}

/** Paths (a.b.0.c) of every value `isLeaf` picks, walking objects and arrays. */
function paths(value: unknown, isLeaf: (v: unknown) => boolean, prefix = ""): string[] {
    if (isLeaf(value)) return [prefix];
    if (Array.isArray(value)) return value.flatMap((v, i) => paths(v, isLeaf, `${prefix}.${i}`));
    if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => paths(v, isLeaf, `${prefix}.${k}`));
    return [];
}

const isUnknownMarker = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v) && JSON.stringify(v) === '{"$unknown":true}';

function settings(stack: string): Record<string, unknown> {
    const values = readStackConfigFile(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "trailguard").values;
    return JSON.parse(values["trailguard:trail"] ?? "{}");
}

describe("render --format json", () => {
    it("marks exactly the values the engine leaves unknown in preview, and never shows the SDK's sentinel", async () => {
        const { text, json } = renderJson("dev", "preview");
        expect(text).not.toContain(SDK_UNKNOWN_VALUE);
        expect(text).not.toContain(SDK_SPECIAL_SIG_KEY);
        const internal: RenderedStack = await renderTrailguardStack("dev", { mode: "preview" });
        const expected = internal.resources.map((r) => ({ urn: r.urn, inputs: paths(r.inputs, isUnknown), outputs: paths(r.outputs, isUnknown) }));
        const shown = json.resources.map((r) => ({ urn: r.urn, inputs: paths(r.inputs, isUnknownMarker), outputs: paths(r.outputs, isUnknownMarker) }));
        expect(shown).toEqual(expected);
        expect(expected.flatMap((r) => r.outputs).length).toBeGreaterThan(0);
        // The trail's ARN is computed by AWS: unknown until `pulumi up`.
        expect(json.outputs["trailArn"]).toEqual({ $unknown: true });
        expect(paths(json.outputs, isUnknownMarker).sort()).toEqual(paths(internal.outputs, isUnknown).sort());
    });

    it("omits an output the program leaves undefined, and shows it when defined", () => {
        // dev turns delivery notifications off, prod on (stacks/Pulumi.<stack>.yaml): the program
        // exports deliveryTopicArn only with them.
        expect(settings("dev")["deliveryNotifications"]).toBe(false);
        expect(settings("prod")["deliveryNotifications"]).toBe(true);
        const dev = renderJson("dev", "deployed").json;
        expect(dev.outputs).not.toHaveProperty("deliveryTopicArn");
        expect(paths(dev.outputs, isUnknownMarker)).toEqual([]);
        const prod = renderJson("prod", "deployed").json;
        expect(prod.outputs["deliveryTopicArn"]).toMatch(/^arn:aws:sns:[a-z0-9-]+:\d{12}:acme-audit-prod-cloudtrail-delivery$/);
    });
});
