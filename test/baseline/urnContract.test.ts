// Type tokens and child names are a contract with every deployed stack: a changed URN makes
// `pulumi up` replace the resource, protected evidence included. Each shipped stack's URNs must
// match test/fixtures/urns/<stack>.txt; a rename passes only when it keeps the old URN reachable
// through an alias, and a new resource is added to the file on purpose.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderTrailguardStack } from "../../cli/mockEngine/renderEntryPoints";
import { stackNames } from "./support/renderedBaseline";

const contractDir = path.join(__dirname, "..", "fixtures", "urns");
const contracts = fs.readdirSync(contractDir).filter((f) => f.endsWith(".txt")).map((f) => f.replace(/\.txt$/, ""));

describe("URN contract", () => {
    it("names only stacks that exist in stacks/ (a new stack gets its file once deployed)", () => {
        // A contract for a stack that no longer exists would protect nothing.
        for (const stack of contracts) expect(stackNames(), `test/fixtures/urns/${stack}.txt`).toContain(stack);
        expect(contracts.length).toBeGreaterThan(0);
    });

    describe.each(contracts)("%s", (stack) => {
        it("keeps every URN the stack was deployed with and adds none unannounced", async () => {
            const contract = fs.readFileSync(path.join(contractDir, `${stack}.txt`), "utf8").split("\n").filter(Boolean);
            const rendered = await renderTrailguardStack(stack, { mode: "preview" });
            const urns = new Set(rendered.resources.map((r) => r.urn));
            // A resource whose URN changed but carries an alias to the old one is not replaced.
            const reachable = new Set([...urns, ...rendered.resources.flatMap((r) => r.options.aliases)]);
            const lost = contract.filter((urn) => !reachable.has(urn));
            const added = [...urns].filter((urn) => !contract.includes(urn));
            expect(lost, "renamed or removed without an alias: `pulumi up` would replace these").toEqual([]);
            expect(added, `new resources: add their URNs to test/fixtures/urns/${stack}.txt`).toEqual([]);
        });
    });
});
