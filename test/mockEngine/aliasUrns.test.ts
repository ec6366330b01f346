// Renders record the URNs a resource's aliases stand for, as the engine would compute them, so the
// URN contract test can accept a rename that keeps its old URN. Expected URNs are written out by
// hand from the engine's form urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderStack } from "../../cli/mockEngine/renderEntryPoints";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { stackConfigPath } from "../../cli/pulumiProject/stackConfigFile";

const program = path.join(__dirname, "..", "fixtures", "programs", "aliased-rename");

describe("aliases in renders", () => {
    it("resolve a type alias and a name alias to the old URNs, and children inherit the parent's alias", async () => {
        const project = readPulumiProject(program);
        const rendered = await renderStack(project, stackConfigPath(project, "test"), "test", { mode: "preview" });
        const box = rendered.resources.find((r) => r.type === "acme:storage:Box")!;
        const topic = rendered.resources.find((r) => r.type === "aws:sns/topic:Topic")!;
        expect(box.urn).toBe("urn:pulumi:test::aliased-rename::pulumi:pulumi:Stack$acme:storage:Box::box");
        expect(box.options.aliases).toContain("urn:pulumi:test::aliased-rename::pulumi:pulumi:Stack$acme:legacy:Crate::box");
        expect(topic.urn).toBe("urn:pulumi:test::aliased-rename::acme:storage:Box$aws:sns/topic:Topic::box-topic");
        // Its own rename, under the parent's new and old type.
        expect(topic.options.aliases).toContain("urn:pulumi:test::aliased-rename::acme:storage:Box$aws:sns/topic:Topic::box-old-topic");
        expect(topic.options.aliases).toContain("urn:pulumi:test::aliased-rename::acme:legacy:Crate$aws:sns/topic:Topic::box-topic");
    });
});
