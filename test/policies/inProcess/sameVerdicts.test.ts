// The in-process harness is only worth its speed if it judges as the pack does over the wire: every
// policy, run here on each shipped stack and on the hand-written program, must give exactly the
// findings the pack process gives through the Analyzer protocol.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyPackProcess } from "../../../cli/analyzerClient/policyPackProcess";
import type { RenderedStack } from "../../../cli/mockEngine/renderedStackFormat";
import { POLICIES } from "../../../policies/src/policyList";
import { analyze, renderHandwritten, renderShipped, startPack } from "../support";
import { stackNames } from "../../baseline/support/renderedBaseline";
import { runPolicy } from "./harness";

let pack: PolicyPackProcess;
beforeAll(async () => {
    pack = await startPack();
});
afterAll(async () => {
    await pack?.close();
});

const cases: [string, () => Promise<RenderedStack>][] = [
    ...stackNames().flatMap((stack) =>
        (["preview", "deployed"] as const).map((mode) => [`${stack} (${mode})`, () => renderShipped(stack, mode)] as [string, () => Promise<RenderedStack>]),
    ),
    ...(["compliant", "broken"] as const).flatMap((variant) =>
        (["preview", "deployed"] as const).map((mode) => [`hand-written ${variant} (${mode})`, () => renderHandwritten(variant, mode)] as [string, () => Promise<RenderedStack>]),
    ),
];

describe("in-process verdicts equal the pack's over the Analyzer protocol", () => {
    it.each(cases)("%s", async (_label, render) => {
        const rendered = await render();
        const overWire = (await analyze(pack, rendered)).violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn ?? "-"} ${v.message}`).sort();
        const inProcess = POLICIES.flatMap((policy) => runPolicy(policy, rendered)).map((f) => `${f.enforcementLevel} ${f.policy} ${f.urn ?? "-"} ${f.message}`).sort();
        expect(inProcess).toEqual(overWire);
    });
});
