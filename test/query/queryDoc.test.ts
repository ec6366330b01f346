// docs/query.md lists every catalogue query with its title, parameters and references, and names
// every Trino function the DuckDB side provides by macro.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { QUERY_CATALOGUE } from "../../core/queries/catalogue";
import { TRINO_FUNCTION_SHIMS } from "../../cli/query/trinoFunctions";

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "query.md"), "utf8");

describe("docs/query.md", () => {
    const rows = doc.split("\n").filter((l) => l.startsWith("| `"));

    it("has one catalogue row per query, in catalogue order", () => {
        expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)![1])).toEqual(QUERY_CATALOGUE.map((q) => q.id));
    });

    it.each(QUERY_CATALOGUE.map((q) => [q.id, q] as const))("describes %s as the catalogue does", (id, q) => {
        const params = q.parameters.map((p) => `\`${p.name}\`${p.required ? " (required)" : ""}`).join(", ");
        const refs = q.references.map((r) => r.id.replace("MITRE ATT&CK ", "ATT&CK ").replace("CIS AWS Foundations v3.0.0 ", "CIS ")).join(", ") || "—";
        expect(rows).toContain(`| \`${id}\` | ${q.title} | ${params || "—"} | ${refs} |`);
    });

    it("states the defaults of start and end as the catalogue has them", () => {
        for (const q of QUERY_CATALOGUE) {
            for (const p of q.parameters.filter((p) => p.name === "start" || p.name === "end")) expect(doc).toContain(`\`${p.name}\` (default \`${p.default}\``);
        }
    });

    it.each(TRINO_FUNCTION_SHIMS.map((s) => [s.name]))("names the Trino function %s the DuckDB side provides", (name) => {
        expect(doc).toContain(`\`${name}\``);
    });
});
