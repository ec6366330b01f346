// `trailguard cost --suggest`: the plan it finds meets every requirement (by the retention
// evaluator and by the real stack validator, fed the plan as stack config), and no cheaper
// compliant plan exists in a small space enumerated here by a second method: nested loops over
// the same choices, each plan validated through checkConfig and priced by the full estimate.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { suggestPlan, type PlanSpace } from "../../cli/cost/suggestPlan";
import { readStackConfigFile } from "../../cli/pulumiProject/stackConfigFile";
import { retentionPlanOf } from "../../config/rules/requirementRules";
import type { Settings } from "../../config/settings";
import { checkConfig } from "../../config/validateConfig";
import type { ArchiveStorageClass, TransitionDefaultMinimumObjectSize } from "../../core/awsVocabulary";
import { estimateStackCost } from "../../core/cost/estimateStackCost";
import { US_EAST_1_PRICES } from "../../core/cost/priceTable";
import { volumeFromStatedVolume, type TrailVolume } from "../../core/cost/trailVolume";
import type { RequirementId } from "../../core/retention/requirementProfiles";
import { unmetRequirements } from "../../core/retention/retentionCompliance";

const stacksDir = path.join(__dirname, "..", "..", "stacks");

function stackValues(stack: string): Record<string, string> {
    return readStackConfigFile(path.join(stacksDir, `Pulumi.${stack}.yaml`), "trailguard").values;
}

/** The shipped stack's settings, then naming `requirements` (which its plan may not meet: validation would refuse it). */
function currentSettings(stack: string, requirements: RequirementId[]): Settings {
    const settings = checkConfig(stackValues(stack), stack).settings;
    return { ...settings, retention: { ...settings.retention, requirements } };
}

/** The stack with `requirements` and a plan written into its config, validated as `pulumi up` would. */
function settingsWith(stack: string, requirements: RequirementId[], retentionPatch: (retention: any) => void): Settings {
    const values = stackValues(stack);
    const retention = JSON.parse(values["trailguard:retention"]!);
    retention.requirements = requirements;
    retentionPatch(retention);
    values["trailguard:retention"] = JSON.stringify(retention);
    return checkConfig(values, stack).settings;
}

const SPACE: PlanSpace = {
    classes: ["STANDARD_IA", "GLACIER_IR", "DEEP_ARCHIVE"],
    days: [30, 60, 180, 365],
    maxTransitions: 2,
    objectSizeRules: ["all_storage_classes_128K", "varies_by_storage_class"],
};

interface Plan {
    transitions: { days: number; storageClass: ArchiveStorageClass }[];
    rule: TransitionDefaultMinimumObjectSize;
    expirationDays: number;
    noncurrentDays: number;
}

/** Every plan of the space, by nested loops (the second method); days include the requirements' windows. */
function enumerate(days: number[], expirations: number[], noncurrent: number[]): Plan[] {
    const steps = SPACE.classes.flatMap((storageClass) => days.map((d) => ({ days: d, storageClass })));
    const lists: Plan["transitions"][] = [[]];
    for (const a of steps) {
        lists.push([a]);
        for (const b of steps) if (b.days > a.days && SPACE.classes.indexOf(b.storageClass) > SPACE.classes.indexOf(a.storageClass)) lists.push([a, b]);
    }
    return lists.flatMap((transitions) =>
        SPACE.objectSizeRules.flatMap((rule) => expirations.flatMap((expirationDays) => noncurrent.map((noncurrentDays) => ({ transitions, rule, expirationDays, noncurrentDays })))),
    );
}

/** The plan written into the stack's config and validated as `pulumi up` would; undefined when refused. */
function validated(stack: string, requirements: RequirementId[], plan: Plan): Settings | undefined {
    try {
        return settingsWith(stack, requirements, (retention) => {
            retention.archive = {
                ...retention.archive,
                transitions: plan.transitions,
                expirationDays: plan.expirationDays,
                noncurrentVersionExpirationDays: plan.noncurrentDays,
                transitionDefaultMinimumObjectSize: plan.rule,
            };
        });
    } catch {
        return undefined;
    }
}

describe("cost --suggest", () => {
    const cases: [string, string, RequirementId[], number[], number[], (v: TrailVolume) => TrailVolume][] = [
        // prod: COMPLIANCE lock of 2557 days, so expiration stays 2557; large log files.
        ["prod under pci-dss and hipaa, large log files", "prod", ["pci-dss", "hipaa"], [2557], [90], (v) => v],
        // staging under pci-dss: its 30-day noncurrent expiration and 90-day lock fall short of 366.
        ["staging under pci-dss, small log files", "staging", ["pci-dss"], [400, 366], [30, 366], (v) => v],
    ];
    it.each(cases)("%s: compliant, and no cheaper compliant plan in the space", (_name, stackName, requirements, expirations, noncurrent, adjust) => {
        const settings = currentSettings(stackName, requirements);
        const volume = adjust(volumeFromStatedVolume(settings.cost));
        const suggestion = suggestPlan(settings, volume, US_EAST_1_PRICES, SPACE);
        const best = suggestion.suggested!;
        expect(best).toBeDefined();

        // Accepted by the stack validator (which also rejects unmet requirements) and compliant by the evaluator.
        const chosen = validated(stackName, requirements, {
            transitions: best.choice.transitions,
            rule: best.choice.transitionDefaultMinimumObjectSize,
            expirationDays: best.choice.expirationDays,
            noncurrentDays: best.choice.noncurrentVersionExpirationDays,
        });
        expect(chosen).toBeDefined();
        expect(unmetRequirements(retentionPlanOf(chosen!.retention), requirements)).toEqual([]);

        // Second method: every plan in the space, validated through checkConfig, priced by the full estimate.
        const windows = requirements.includes("pci-dss") ? [92] : [];
        const months = suggestion.horizonMonths;
        const bestTotal = estimateStackCost(chosen!, volume, US_EAST_1_PRICES, { months }).cumulativeTotal;
        let compliant = 0;
        for (const plan of enumerate([...SPACE.days, ...windows], expirations, noncurrent)) {
            const s = validated(stackName, requirements, plan);
            if (!s) continue;
            const candidate = s;
            if (unmetRequirements(retentionPlanOf(candidate.retention), requirements).length > 0) continue;
            compliant++;
            const total = estimateStackCost(candidate, volume, US_EAST_1_PRICES, { months }).cumulativeTotal;
            expect(total, JSON.stringify(plan)).toBeGreaterThanOrEqual(bestTotal - 1e-6);
        }
        expect(compliant).toBeGreaterThan(10);
        expect(compliant).toBe(suggestion.plansCompliant);
    });

    it("reports the current plan's unmet requirements beside a plan that meets them", () => {
        const settings = currentSettings("staging", ["pci-dss"]);
        const suggestion = suggestPlan(settings, volumeFromStatedVolume(settings.cost), US_EAST_1_PRICES, SPACE);
        expect(suggestion.current.unmet.map((u) => u.requirement)).toEqual(["pci-dss"]);
        expect(suggestion.suggested!.unmet).toEqual([]);
        expect(suggestion.suggested!.choice.noncurrentVersionExpirationDays).toBe(366);
    });
});
