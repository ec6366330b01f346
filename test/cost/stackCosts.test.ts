// The shipped stack files state which retention requirements they meet and what they cost at the
// volume they document (trailguard:cost); this keeps those comments true, and keeps each file's
// lifecycle what `trailguard cost --suggest` recommends for that volume: no plan in its search
// space that meets the stack's requirements costs less.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { suggestPlan } from "../../cli/cost/suggestPlan";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { retentionPlanOf } from "../../config/rules/requirementRules";
import { checkConfig } from "../../config/validateConfig";
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { volumeFromStatedVolume } from "../../core/cost/trailVolume";
import { REQUIREMENT_IDS, REQUIREMENT_PROFILES } from "../../core/retention/requirementProfiles";
import { unmetRequirements } from "../../core/retention/retentionCompliance";

const stacksDir = path.join(__dirname, "..", "..", "stacks");

/** The comment block's "requirements met:" item (continuation lines included) and "cost:" line. */
function statedInComments(text: string) {
    const comment = text.split("\n").filter((l) => l.trim().startsWith("#")).map((l) => l.trim().replace(/^#\s?/, ""));
    const start = comment.findIndex((l) => l.trim().startsWith("requirements met:"));
    const end = comment.findIndex((l, i) => i > start && l.trim().startsWith("cost:"));
    expect(start, "a 'requirements met:' comment").toBeGreaterThanOrEqual(0);
    const met = comment.slice(start, end).join(" ").replace(/^\s*requirements met:\s*/, "");
    const cost = /cost: \$(\d+\.\d\d) in the first year, \$(\d+\.\d\d) a month at steady state \(month (\d+)\)/.exec(comment[end]!);
    expect(cost, "a 'cost:' comment").not.toBeNull();
    const metIds = /^none\b/.test(met) ? [] : REQUIREMENT_IDS.filter((id) => new RegExp(`(^|[\\s,(])${id}\\b`).test(met.split("; not")[0]!));
    return { metIds, firstYear: Number(cost![1]), monthly: Number(cost![2]), horizon: Number(cost![3]) };
}

describe.each(["dev", "staging", "prod"])("stacks/Pulumi.%s.yaml", (stack) => {
    const file = path.join(stacksDir, `Pulumi.${stack}.yaml`);
    const settings = checkConfig(readStackConfigFile(file, "trailguard").values, stack).settings;
    const volume = volumeFromStatedVolume(settings.cost);
    const stated = statedInComments(fs.readFileSync(file, "utf8"));

    it("states the requirements its retention meets", () => {
        const plan = retentionPlanOf(settings.retention);
        const met = REQUIREMENT_IDS.filter((id) => !REQUIREMENT_PROFILES[id].organizationDefined && unmetRequirements(plan, [id]).length === 0);
        expect(stated.metIds).toEqual(met);
    });

    it("states what it costs at its documented volume", () => {
        const estimate = estimateStackCost(settings, volume, US_EAST_1_PRICES);
        const firstYear = estimate.months.slice(0, 12).reduce((sum, m) => sum + m.total, 0);
        expect(stated.horizon).toBe(estimate.horizonMonths);
        expect(stated.firstYear).toBeCloseTo(firstYear, 2);
        expect(stated.monthly).toBeCloseTo(estimate.monthlyTotal, 2);
    });

    it("has the lifecycle the model recommends for that volume", () => {
        const suggestion = suggestPlan(settings, volume, US_EAST_1_PRICES);
        expect(suggestion.current.unmet).toEqual([]);
        expect(suggestion.suggested).toBeDefined();
        expect(suggestion.current.archiveCost).toBeLessThanOrEqual(suggestion.suggested!.archiveCost + 1e-9);
    });
});
