// check writes its Analyze and AnalyzeStack requests straight to bytes
// (cli/analyzerClient/analyzerRequestBytes.ts). The second method here is the generated protobuf
// code: the same requests built as messages with its setters (Struct.fromJavaScript for property
// values) and serialized. The bytes must be identical for every resource of every shipped stack and
// fixture program, in both renders, and for values the renders do not happen to contain.
import * as path from "path";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { analyzeRequestBytes, analyzeStackRequestBytes } from "../../cli/analyzerClient/analyzerRequestBytes";
import { resourceOptions } from "../../cli/analyzerClient/analyzerWire";
import type { RenderedResource, RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { renderStack } from "../../cli/mockEngine/renderEntryPoints";
import { readPulumiProject } from "../../cli/pulumiProject/projectFile";
import { stackConfigPath } from "../../cli/pulumiProject/stackConfigFile";
import { renderShipped, repositoryRoot } from "../policies/support";
import { shippedStackNames } from "../support/shippedStacks";

const proto: any = analyzerProto;

/** Struct.fromJavaScript rejects undefined; the engine sends absent properties as absent, list holes as null. */
function plain(value: unknown): any {
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : plain(item)));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

/** The fields AnalyzeRequest and AnalyzerResource share; the options message is the generated code's in both encoders. */
function setResourceFields(message: any, resource: RenderedResource, properties: Record<string, unknown>): void {
    message.setUrn(resource.urn);
    message.setType(resource.type);
    message.setName(resource.name);
    message.setProperties(Struct.fromJavaScript(plain(properties)));
    message.setOptions(resourceOptions(resource));
}

function analyzeMessage(resource: RenderedResource): Uint8Array {
    const request = new proto.AnalyzeRequest();
    setResourceFields(request, resource, resource.inputs);
    return request.serializeBinary();
}

function stackMessage(resources: readonly RenderedResource[]): Uint8Array {
    const request = new proto.AnalyzeStackRequest();
    request.setResourcesList(
        resources.map((resource) => {
            const message = new proto.AnalyzerResource();
            setResourceFields(message, resource, resource.outputs);
            if (resource.parent) message.setParent(resource.parent);
            message.setDependenciesList(resource.options.dependsOn);
            const dependencies = message.getPropertydependenciesMap();
            for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
                if (urns.length === 0) continue;
                const entry = new proto.AnalyzerPropertyDependencies();
                entry.setUrnsList(urns);
                dependencies.set(property, entry);
            }
            return message;
        }),
    );
    return request.serializeBinary();
}

function expectSameBytes(rendered: RenderedStack): void {
    for (const resource of rendered.resources) {
        expect(Buffer.from(analyzeRequestBytes(resource)).equals(Buffer.from(analyzeMessage(resource))), resource.urn).toBe(true);
    }
    expect(Buffer.from(analyzeStackRequestBytes(rendered.resources)).equals(Buffer.from(stackMessage(rendered.resources)))).toBe(true);
}

const programs = path.join(repositoryRoot, "test", "fixtures", "programs");

describe("Analyze and AnalyzeStack requests written as bytes", () => {
    it.each(shippedStackNames().flatMap((stack) => [[stack, "preview"], [stack, "deployed"]] as const))(
        "are the generated code's bytes for stack %s, %s render",
        async (stack, mode) => expectSameBytes(await renderShipped(stack, mode)),
    );

    it.each([
        ["handwritten-trail", "compliant"],
        ["computed-bucket-policy", "test"],
    ])("are the generated code's bytes for the fixture program %s", async (program, stack) => {
        const project = readPulumiProject(path.join(programs, program));
        for (const mode of ["preview", "deployed"] as const) {
            expectSameBytes(await renderStack(project, stackConfigPath(project, stack), stack, { mode }));
        }
    });

    it("are the generated code's bytes for values no render has: undefined, holes, empties, extremes, unicode", () => {
        const values = {
            absent: undefined,
            zero: 0,
            negative: -1.5e-300,
            huge: Number.MAX_VALUE,
            empty: "",
            unicode: "Zugriff verweigert: ä✓𝄞",
            no: false,
            nothing: null,
            list: [1, undefined, null, "x", [], {}, [[true]]],
            nested: { b: { z: 1, a: [{}] }, a: "first" },
            "key with spaces": 1,
            Z: 1,
            a: 2,
        };
        const resource: RenderedResource = {
            urn: "urn:pulumi:t::p::test:index:Thing::thing",
            type: "test:index:Thing",
            name: "thing",
            custom: true,
            inputs: values,
            outputs: { ...values, id: "x" },
            parent: "urn:pulumi:t::p::pulumi:pulumi:Stack::p-t",
            options: { protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [], dependsOn: ["urn:b", "urn:a"] },
            propertyDependencies: { zeta: ["urn:z"], alpha: ["urn:a", "urn:b"], none: [] },
        } as unknown as RenderedResource;
        expectSameBytes({ resources: [resource, { ...resource, urn: "urn:other", parent: undefined }] } as unknown as RenderedStack);
    });
});
