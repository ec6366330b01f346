// docs/compliance.md must account for every control of the catalogue, with its CIS and Security Hub
// ids and its exact filter pattern, and for every CloudTrail/logging recommendation of section 3.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "compliance.md"), "utf8");
const tableRows = doc.split("\n").filter((line) => line.startsWith("| "));

describe("docs/compliance.md", () => {
    it.each(MONITORING_CONTROLS.map((c) => [c.id, c] as const))("lists catalogue control %s with its references", (id, control) => {
        const rows = tableRows.map((line) => line.split("|").map((cell) => cell.trim()));
        const cells = rows.find((row) => row[6] === `\`${id}\``);
        expect(cells, `a monitoring table row for ${id}`).toBeDefined();
        expect(cells![1]).toBe(control.references.cisV14);
        expect(cells![2]).toBe(control.references.cisV12 ?? "—");
        expect(cells![3]).toBe(control.references.cisV30);
        expect(cells![4]).toBe(control.references.securityHub ?? "—");
        expect(cells![7]).toBe(`${control.threshold} in ${control.period / 60} min`);
    });

    it.each(MONITORING_CONTROLS.map((c) => [c.id, c] as const))("quotes the pattern of %s verbatim", (_id, control) => {
        expect(doc).toContain("```\n" + control.pattern + "\n```");
    });

    it.each(["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11"])(
        "has a row for CIS v1.4 recommendation %s",
        (cisId) => {
            expect(tableRows.some((line) => line.startsWith(`| ${cisId} |`))).toBe(true);
        },
    );
});
