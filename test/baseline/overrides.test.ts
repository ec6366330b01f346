// Settings changed through config overrides change the resources, as `pulumi config set` would:
// an alarm disabled disappears with its filter, a threshold override reaches the alarm, and an
// organization trail with data events changes the bucket policy and the selectors.
import { beforeAll, describe, expect, it } from "vitest";
import {
    ACCOUNT_ID,
    asList,
    BaselineView,
    ORGANIZATION_ID,
    policyOf,
    renderBaseline,
    RenderedBaseline,
    stackConfigValues,
    stackNames,
    statement,
    TYPES,
} from "./support/renderedBaseline";

const DISABLED = "rootAccountUsage";
const RETUNED = "cloudTrailConfigChanges";
const NEW_THRESHOLD = 7;

/** An override replaces the whole key: start from the stack file's value. */
function structuredValue(stack: string, key: string): Record<string, any> {
    const raw = stackConfigValues(stack)[key];
    return raw === undefined ? {} : JSON.parse(raw);
}

describe.each(stackNames())("stack %s: alarm overrides", (stack) => {
    let original: RenderedBaseline;
    let overridden: RenderedBaseline;
    beforeAll(async () => {
        const alarms = structuredValue(stack, "trailguard:alarms");
        alarms.overrides = {
            ...(alarms.overrides ?? {}),
            [DISABLED]: { ...(alarms.overrides?.[DISABLED] ?? {}), enabled: false, reason: "root use is alarmed by the organization's SIEM" },
            [RETUNED]: { ...(alarms.overrides?.[RETUNED] ?? {}), threshold: NEW_THRESHOLD },
        };
        [original, overridden] = await Promise.all([
            renderBaseline(stack),
            renderBaseline(stack, { "trailguard:alarms": JSON.stringify(alarms) }),
        ]);
    });

    const named = (view: BaselineView, type: string, id: string) =>
        view.ofType(type).filter((r) => r.inputs.name === `${original.settings.namePrefix}-alarm-${id}`);

    it("removes the filter and the alarm of a disabled catalogue alarm, and nothing else", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const before = original.byMode[mode];
            const after = overridden.byMode[mode];
            expect(named(before, TYPES.metricFilter, DISABLED)).toHaveLength(1);
            expect(named(before, TYPES.metricAlarm, DISABLED)).toHaveLength(1);
            expect(named(after, TYPES.metricFilter, DISABLED)).toHaveLength(0);
            expect(named(after, TYPES.metricAlarm, DISABLED)).toHaveLength(0);
            expect(after.ofType(TYPES.metricAlarm)).toHaveLength(before.ofType(TYPES.metricAlarm).length - 1);
            expect(after.ofType(TYPES.metricFilter)).toHaveLength(before.ofType(TYPES.metricFilter).length - 1);
        }
    });

    it("publishes the disabled control as an accepted exception, with its reason, on the SecurityAlarms component (both renders)", () => {
        for (const mode of ["preview", "deployed"] as const) {
            const exceptions = (view: BaselineView) => view.component(TYPES.alarms).outputs.acceptedExceptions;
            expect(exceptions(original.byMode[mode])).toEqual([]);
            // rootAccountUsage is CIS 4.3 (docs/configuration.md's table).
            expect(exceptions(overridden.byMode[mode])).toEqual([
                {
                    cis: "4.3",
                    alarm: DISABLED,
                    reason: "root use is alarmed by the organization's SIEM",
                    key: `trailguard:alarms.overrides.${DISABLED}.reason`,
                },
            ]);
        }
    });

    it("passes a threshold override to the alarm and leaves the other alarms' thresholds alone", () => {
        const before = original.byMode.deployed;
        const after = overridden.byMode.deployed;
        const [retuned] = named(after, TYPES.metricAlarm, RETUNED);
        expect(retuned!.inputs.threshold).toBe(NEW_THRESHOLD);
        expect(named(before, TYPES.metricAlarm, RETUNED)[0]!.inputs.threshold).not.toBe(NEW_THRESHOLD);
        const thresholds = (view: BaselineView) =>
            new Map(view.ofType(TYPES.metricAlarm).map((a) => [a.inputs.name as string, a.inputs.threshold]));
        const unchanged = thresholds(before);
        for (const [name, threshold] of thresholds(after)) {
            if (!name.endsWith(`-${RETUNED}`)) expect(threshold, name).toBe(unchanged.get(name));
        }
    });
});

describe("organization trail with data events (dev stack, overridden)", () => {
    const stack = stackNames().includes("dev") ? "dev" : stackNames()[0]!;
    const s3Targets = ["arn:aws:s3:::acme-dev-uploads", "arn:aws:s3:::acme-dev-exports/reports/"];
    let rendered: RenderedBaseline;
    beforeAll(async () => {
        const trail = structuredValue(stack, "trailguard:trail");
        trail.organizationTrail = true;
        trail.dataEvents = { s3: s3Targets, lambda: [], dynamodb: "all" };
        rendered = await renderBaseline(stack, { "trailguard:trail": JSON.stringify(trail) });
    });

    it("makes the trail an organization trail and lets it write under AWSLogs/<organization id>/", () => {
        const view = rendered.byMode.deployed;
        const trail = view.childOf(view.component(TYPES.auditTrail), TYPES.trail);
        expect(trail.inputs.isOrganizationTrail).toBe(true);
        const bucket = view.childOf(view.component(TYPES.archive), TYPES.bucket);
        const write = statement(policyOf(view.configuring(bucket, TYPES.bucketPolicy)), "AllowCloudTrailWrite");
        const arn = `arn:aws:s3:::${bucket.inputs.bucket}`;
        expect(asList(write.Resource).sort()).toEqual([`${arn}/AWSLogs/${ACCOUNT_ID}/*`, `${arn}/AWSLogs/${ORGANIZATION_ID}/*`].sort());
    });

    it("switches to advanced selectors: management events plus S3 prefixes and all DynamoDB tables", () => {
        const view = rendered.byMode.preview;
        const trail = view.childOf(view.component(TYPES.auditTrail), TYPES.trail);
        expect(trail.inputs.eventSelectors ?? []).toEqual([]);
        const selectors = trail.inputs.advancedEventSelectors as any[];
        const categories = selectors.map((s) => s.fieldSelectors.find((f: any) => f.field === "eventCategory").equals[0]);
        expect(categories).toEqual(["Management", "Data", "Data"]);
        const s3 = selectors.find((s) => s.fieldSelectors.some((f: any) => f.equals?.includes("AWS::S3::Object")));
        // A bare bucket ARN gains a trailing slash so it cannot match a bucket whose name extends it.
        expect(s3.fieldSelectors.find((f: any) => f.field === "resources.ARN").startsWiths).toEqual([
            "arn:aws:s3:::acme-dev-uploads/",
            "arn:aws:s3:::acme-dev-exports/reports/",
        ]);
        const dynamodb = selectors.find((s) => s.fieldSelectors.some((f: any) => f.equals?.includes("AWS::DynamoDB::Table")));
        expect(dynamodb.fieldSelectors.map((f: any) => f.field).sort()).toEqual(["eventCategory", "resources.type"]);
        expect(selectors.some((s) => s.fieldSelectors.some((f: any) => f.equals?.includes("AWS::Lambda::Function")))).toBe(false);
    });
});
