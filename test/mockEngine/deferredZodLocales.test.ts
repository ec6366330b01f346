// Render workers defer zod's ~40 locales (cli/mockEngine/deferredZodLocales.ts): trailguard's config
// validator must say exactly what it says with them loaded, and `z.locales` must still work. Each
// probe is a fresh Node process, since what matters is what loading zod pulls in.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { root } from "./support";

const deferral = path.join(root, "dist", "cli", "mockEngine", "deferredZodLocales.js");
const validator = path.join(root, "dist", "config", "validateConfig.js");

interface Probe {
    deferred: string | null;
    /** zod's locale files in the require cache once zod and the validator are loaded. */
    localesLoaded: number;
    /** The validator's problems for settings wrong in several ways. */
    problems: unknown;
    /** A zod error message, in zod's own default (English) wording. */
    zodMessage: string;
    /** After reading z.locales: a locale's type, and how many locale files are loaded then. */
    localeType: string;
    localesAfterUse: number;
}

function probe(defer: boolean): Probe {
    const script = `
        const deferred = ${defer} ? require(${JSON.stringify(deferral)}).deferZodLocales() ?? null : null;
        const z = require("zod");
        const { checkConfig } = require(${JSON.stringify(validator)});
        const locales = () => Object.keys(require.cache).filter((f) => /[\\/]zod[\\/]v4[\\/]locales[\\/](?!index\\.cjs$)/.test(f)).length;
        const localesLoaded = locales();
        let result;
        try {
            checkConfig({ "trailguard:namePrefix": "Not Valid!", "trailguard:retention": JSON.stringify({ archive: { days: -1 } }), "trailguard:alarms": "[]" }, "probe");
        } catch (err) {
            result = err.message;
        }
        const zodMessage = z.object({ n: z.number().int().min(3) }).safeParse({ n: 1.5 }).error.issues.map((i) => i.message).join("; ");
        const localeType = typeof z.locales.de;
        process.stdout.write(JSON.stringify({ deferred, localesLoaded, problems: result, zodMessage, localeType, localesAfterUse: locales() }));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }));
}

describe("zod's locales in a render worker", () => {
    it("are not loaded with zod, change none of the validator's messages, and load when z.locales is read", () => {
        const [whole, deferring] = [probe(false), probe(true)];
        expect(deferring.deferred).toBe(require.resolve("zod/v4/locales/index.cjs", { paths: [root] }));
        expect(whole.localesLoaded).toBeGreaterThan(30);
        // en.cjs, the default messages, is loaded either way.
        expect(deferring.localesLoaded).toBe(1);
        expect(deferring.problems).toEqual(whole.problems);
        expect(JSON.stringify(whole.problems)).toContain("namePrefix");
        expect(deferring.zodMessage).toBe(whole.zodMessage);
        expect(deferring.localeType).toBe("function");
        expect(deferring.localesAfterUse).toBe(whole.localesAfterUse);
    });
});
