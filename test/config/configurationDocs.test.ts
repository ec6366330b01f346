// docs/configuration.md must document every key the schema accepts and every catalogue alarm with
// its threshold, so the docs cannot fall behind the code.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { configSchema } from "../../config/schema";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";

const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "configuration.md"), "utf8");

/** Dotted key paths of the schema; list items appear as `[n]`, record values as `<key>`. */
function keyPaths(schema: z.ZodType, prefix: string, out: string[]): string[] {
    const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
    switch (def.type) {
        case "optional":
        case "nullable":
            return keyPaths(def.innerType, prefix, out);
        case "pipe":
            return keyPaths(def.out, prefix, out);
        case "union":
            for (const option of def.options) keyPaths(option, prefix, out);
            return out;
        case "array":
            return keyPaths(def.element, `${prefix}[n]`, out);
        case "record":
            return keyPaths(def.valueType, `${prefix}.<key>`, out);
        case "object":
            for (const [key, value] of Object.entries(def.shape)) {
                const full = prefix ? `${prefix}.${key}` : key;
                out.push(full);
                keyPaths(value as z.ZodType, full, out);
            }
            return out;
        default:
            return out;
    }
}

describe("docs/configuration.md", () => {
    const paths = keyPaths(configSchema, "", []);

    it("finds the schema's keys (the walker itself works)", () => {
        expect(paths).toContain("retention.archive.expirationDays");
        expect(paths).toContain("alarms.overrides.<key>.threshold");
        expect(paths).toContain("alarms.custom[n].pattern");
        expect(paths.length).toBeGreaterThan(50);
    });

    it("documents every plain key by its full path", () => {
        const plain = paths.filter((p) => !p.includes("[n]") && !p.includes("<key>"));
        const missing = plain.filter((p) => !docs.includes(`\`${p}`));
        expect(missing).toEqual([]);
    });

    it("documents every key inside list items and per-alarm overrides", () => {
        const nested = paths.filter((p) => p.includes("[n]") || p.includes("<key>"));
        const missing = nested.filter((p) => !new RegExp(`\\b${p.split(".").pop()}\\b`).test(docs));
        expect(missing).toEqual([]);
    });

    it("lists every catalogue alarm id with its threshold", () => {
        for (const control of MONITORING_CONTROLS) {
            const row = docs.split("\n").find((line) => line.startsWith(`| \`${control.id}\` |`));
            expect(row, control.id).toBeDefined();
            expect(row!.trim().endsWith(`| ${control.threshold} |`), control.id).toBe(true);
        }
    });
});
