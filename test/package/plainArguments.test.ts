// CloudTrailBaseline with plain arguments builds exactly what `{ settings }` builds from the Settings
// those keys validate to, resource by resource (test/config/baselineArgs.test.ts shows they are the
// Settings stack config gives); settings and keys at once are refused in one line.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderStack } from "../../cli/mockEngine/renderEntryPoints";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { stackConfigPath } from "../../cli/pulumiProject/stackConfigFile";

const program = path.join(__dirname, "..", "fixtures", "programs", "plain-arguments");

function render(stack: string) {
    const project = readPulumiProject(program);
    return renderStack(project, stackConfigPath(project, stack), stack, { mode: "deployed" });
}

/** Resources with the stack's name (in URNs, aliases and the stack resource's name) taken out. */
function comparable(stack: string, resources: { urn: string; inputs: unknown; options: unknown }[]) {
    const text = JSON.stringify(resources.map((r) => ({ urn: r.urn, inputs: r.inputs, options: r.options })));
    return JSON.parse(text.replaceAll(`urn:pulumi:${stack}::`, "urn:pulumi:STACK::").replaceAll(`plain-arguments-${stack}`, "plain-arguments-STACK"));
}

describe("CloudTrailBaseline with plain arguments", () => {
    it("creates the same resources, with the same inputs and options, as from the Settings they validate to", async () => {
        const [fromSettings, fromArgs] = await Promise.all([render("settings"), render("args")]);
        expect(fromArgs.resources.length).toBeGreaterThan(40);
        expect(comparable("args", fromArgs.resources)).toEqual(comparable("settings", fromSettings.resources));
        // The arguments took effect (not two renders of the defaults).
        const logGroup = fromArgs.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
        expect(logGroup?.inputs.retentionInDays).toBe(180);
    });

    it("logs the validator's warnings on the arguments, as a stack's own config does", async () => {
        const warned = await render("warned");
        const mixed = warned.warnings.filter((w) => w.startsWith('CloudTrailBaseline "audit": trailguard:alarms.custom[0].pattern: alarm bucketDeleted:'));
        expect(mixed).toHaveLength(1);
        expect(mixed[0]).toContain("&&");
        expect((await render("args")).warnings).toEqual([]);
    });

    it("refuses settings and keys together, naming both", async () => {
        await expect(render("both")).rejects.toThrow(
            'CloudTrailBaseline "audit": got settings and environment, namePrefix, retention, trail, alarms, notifications, tags; expected either settings or the config keys as arguments, not both',
        );
    });
});
