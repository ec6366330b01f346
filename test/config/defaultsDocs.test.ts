// One defaults table: config/environmentDefaults.ts. docs/configuration.md shows the same values in
// its dev/staging/prod columns; this reads those columns and compares each with the table, so the
// docs cannot drift from the code that applies them.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { defaultNamePrefix, ENVIRONMENT_DEFAULTS } from "../../config/environmentDefaults";
import type { Environment } from "../../config/settings";

const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "configuration.md"), "utf8");
const ENVIRONMENTS: Environment[] = ["dev", "staging", "prod"];

/** Rows `| \`key\` | type | dev | staging | prod | meaning |` of the per-environment tables. */
const rows = docs
    .split("\n")
    .filter((line) => /^\| `[a-zA-Z.]+` \|/.test(line))
    .map((line) => line.slice(1, -1).split(" | ").map((cell) => cell.trim()))
    .filter((cells) => cells.length === 6)
    .map(([key, , ...rest]) => ({ key: key!.replace(/`/g, ""), cells: rest.slice(0, 3) }));

/** The default a key takes in an environment, from the one table. */
function defaultOf(key: string, environment: Environment): unknown {
    if (key === "namePrefix") return defaultNamePrefix(environment);
    if (key === "tags") return {};
    if (key === "trail.name") return undefined;
    return key.split(".").reduce<unknown>((value, step) => (value as Record<string, unknown> | undefined)?.[step], ENVIRONMENT_DEFAULTS[environment]);
}

/** How the docs write a default: the value itself, optionally followed by a note in parentheses. */
function documents(cell: string, value: unknown): boolean {
    const text = cell.replace(/\s*\(.*\)$/, "").replace(/`/g, "");
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return text === String(value);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return text === `[${value.join(", ")}]`;
    if (value !== null && typeof value === "object" && Object.keys(value).length === 0) return text === "{}";
    return false;
}

describe("docs/configuration.md defaults", () => {
    it("finds the per-environment rows (the reader works)", () => {
        expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(["retention.logGroupDays", "trail.deliveryNotifications", "protection.protect"]));
        expect(rows.length).toBeGreaterThan(15);
    });

    it("match config/environmentDefaults.ts in every column that states a plain value", () => {
        const mismatches: string[] = [];
        let compared = 0;
        for (const { key, cells } of rows) {
            ENVIRONMENTS.forEach((environment, i) => {
                const value = defaultOf(key, environment);
                const cell = cells[i]!;
                // Structured defaults (transitions, Object Lock) are described in words; the row's
                // plain sub-keys and the defaults tests cover them.
                const plain = typeof value !== "object" || value === null || (Array.isArray(value) && value.every((v) => typeof v === "string")) || Object.keys(value).length === 0;
                if (value === undefined || !plain || cell === "") return;
                compared++;
                if (!documents(cell, value)) mismatches.push(`${key} (${environment}): docs say ${JSON.stringify(cell)}, the defaults table has ${JSON.stringify(value)}`);
            });
        }
        expect(mismatches).toEqual([]);
        expect(compared).toBeGreaterThan(40);
    });
});
