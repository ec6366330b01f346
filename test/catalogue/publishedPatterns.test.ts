// The catalogue's patterns are the texts AWS Security Hub and CIS publish: Security Hub fails
// CloudWatch.1–14 unless a metric filter uses exactly that text (white space aside).
import { describe, expect, it } from "vitest";
import { MONITORING_CONTROLS, normalizePattern } from "../../core/catalogue/monitoringControls";
import published from "../fixtures/published-patterns/patterns.json";

const texts = published as Record<string, string>;

describe("catalogue patterns", () => {
    it.each(MONITORING_CONTROLS.map((c) => [c.references.cisV14, c] as const))("CIS %s equals the published text", (_cis, control) => {
        const source = control.references.securityHub ?? `CIS ${control.references.cisV14}`;
        expect(texts[source], `no published text for ${source}`).toBeDefined();
        expect(normalizePattern(control.pattern)).toBe(normalizePattern(texts[source]!));
    });

    it("covers every published pattern, each once", () => {
        const sources = MONITORING_CONTROLS.map((c) => c.references.securityHub ?? `CIS ${c.references.cisV14}`);
        expect([...sources].sort()).toEqual(Object.keys(texts).sort());
        expect(MONITORING_CONTROLS.map((c) => c.references.cisV14)).toEqual(Array.from({ length: 15 }, (_, i) => `4.${i + 1}`));
    });
});

describe("normalizePattern", () => {
    it("ignores white space between terms but keeps it inside quoted values", () => {
        expect(normalizePattern('{ ($.eventName = ConsoleLogin) &&\n ($.errorMessage = "Failed authentication") }')).toBe(
            '{($.eventName=ConsoleLogin)&&($.errorMessage="Failed authentication")}',
        );
        expect(normalizePattern('{$.errorMessage="Failed  authentication"}')).not.toBe(normalizePattern('{$.errorMessage="Failed authentication"}'));
    });
});
