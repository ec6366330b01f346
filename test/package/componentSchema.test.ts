// The Pulumi component package, proven offline as far as the SDK allows: the schema that
// `pulumi package add` would generate SDKs from is inferred by @pulumi/pulumi's own analysis
// (provider/experimental: getPulumiComponents finds the components the package's main exports, as
// the plugin host does; ComponentProvider.getSchema runs the TypeScript analyzer on their Args).
// The inferred arguments are compared with the stack-config schema (config/schema.ts), key by key
// at every depth, so the arguments cannot drift from the one definition of each key; the outputs
// with the stack outputs the README lists. What needs the Pulumi CLI (package add, SDK generation
// for Python, Go, C#) is not run here: docs/package.md says so.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { configSchema, TOP_LEVEL_KEYS } from "../../config/schema";

const repositoryRoot = path.resolve(__dirname, "..", "..");
const ANALYSIS_TIMEOUT_MS = 180_000;

interface PropertyDefinition {
    type?: string;
    $ref?: string;
    plain?: boolean;
    optional?: boolean;
    items?: PropertyDefinition;
    additionalProperties?: PropertyDefinition;
}
interface PackageSchema {
    name: string;
    resources: Record<string, { inputProperties: Record<string, PropertyDefinition>; requiredInputs: string[]; properties: Record<string, PropertyDefinition>; required: string[] }>;
    types: Record<string, { type: string; properties?: Record<string, PropertyDefinition>; enum?: unknown[] }>;
    dependencies: unknown[];
}

let schema: PackageSchema;
let componentNames: string[];

beforeAll(async () => {
    // Loaded from node_modules as the plugin host loads them (cmd/run-plugin/run.js).
    const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental/provider");
    const components = getPulumiComponents(require(repositoryRoot));
    componentNames = components.map((c: { name: string }) => c.name);
    const provider = new ComponentProvider({ components, dirname: repositoryRoot, name: "trailguard" });
    schema = JSON.parse(await provider.getSchema());
}, ANALYSIS_TIMEOUT_MS);

/** A zod schema without its wrappers: optional, preprocessing pipes; of a union, its structured member. */
function unwrap(node: any): any {
    for (;;) {
        const type = node.def.type;
        if (type === "optional" || type === "nullable" || type === "default") node = node.def.innerType;
        else if (type === "pipe") node = node.def.out;
        else if (type === "union") node = node.def.options.find((o: any) => ["object", "array", "record"].includes(o.def.type)) ?? node.def.options[0];
        else return node;
    }
}

const SCALARS: Record<string, string> = { string: "string", enum: "string", literal: "string", number: "number", boolean: "boolean" };

/** Every difference between a config-schema node and the inferred argument property, by key path. */
function differences(configNode: any, property: PropertyDefinition, at: string): string[] {
    const node = unwrap(configNode);
    const kind = node.def.type;
    if (kind === "object") {
        const typeDefinition = property.$ref ? schema.types[property.$ref.replace("#/types/", "")] : undefined;
        if (!typeDefinition?.properties) return [`${at}: config has a mapping, the argument is ${JSON.stringify(property)}`];
        const configKeys = Object.keys(node.shape).sort();
        const argumentKeys = Object.keys(typeDefinition.properties).sort();
        const problems = [];
        if (JSON.stringify(configKeys) !== JSON.stringify(argumentKeys)) problems.push(`${at}: config keys ${configKeys.join(",")}, argument keys ${argumentKeys.join(",")}`);
        for (const key of configKeys.filter((k) => argumentKeys.includes(k))) {
            problems.push(...differences(node.shape[key], typeDefinition.properties[key]!, `${at}.${key}`));
        }
        return problems;
    }
    if (kind === "array") {
        return property.type === "array" ? differences(node.def.element, property.items!, `${at}[]`) : [`${at}: config has a list, the argument is ${JSON.stringify(property)}`];
    }
    if (kind === "record") {
        return property.type === "object" && property.additionalProperties
            ? differences(node.def.valueType, property.additionalProperties, `${at}.<key>`)
            : [`${at}: config has a map, the argument is ${JSON.stringify(property)}`];
    }
    const expected = SCALARS[kind];
    return property.type === expected ? [] : [`${at}: config has a ${kind}, the argument is ${JSON.stringify(property)}`];
}

describe("the component package's inferred schema", () => {
    it("has one component, Baseline, in the index module the SDK requires", () => {
        expect(componentNames).toEqual(["Baseline"]);
        expect(schema.name).toBe("trailguard");
        expect(Object.keys(schema.resources)).toEqual(["trailguard:index:Baseline"]);
    });

    it("takes exactly the stack-config keys, with the same keys at every depth", () => {
        const baseline = schema.resources["trailguard:index:Baseline"]!;
        expect(Object.keys(baseline.inputProperties).sort()).toEqual([...TOP_LEVEL_KEYS].sort());
        expect(baseline.requiredInputs).toEqual(["environment"]);
        const problems = TOP_LEVEL_KEYS.flatMap((key) => differences((configSchema.shape as any)[key], baseline.inputProperties[key]!, key));
        expect(problems).toEqual([]);
    });

    it("takes plain values (validated when the program runs) and no enums, unions or resource references", () => {
        const baseline = schema.resources["trailguard:index:Baseline"]!;
        expect(Object.entries(baseline.inputProperties).filter(([, p]) => p.plain !== true).map(([k]) => k)).toEqual([]);
        expect(Object.entries(schema.types).filter(([, t]) => t.enum !== undefined).map(([name]) => name)).toEqual([]);
        expect(schema.dependencies).toEqual([]);
    });

    it("outputs the stack outputs the README lists, typed", () => {
        const baseline = schema.resources["trailguard:index:Baseline"]!;
        const outputs = Object.fromEntries(Object.entries(baseline.properties).map(([name, p]) => [name, p.type === "array" ? `${p.items!.type}[]` : p.type]));
        // README, "Deploy for real": trailArn … alarmNames, deliveryTopicArn when delivery notifications
        // are on, athenaWorkgroupName and athenaDatabaseName when investigation is enabled.
        expect(outputs).toEqual({
            trailArn: "string",
            logArchiveBucketName: "string",
            accessLogBucketName: "string",
            auditKeyArn: "string",
            logGroupName: "string",
            alertTopicArn: "string",
            alarmNames: "string[]",
            deliveryTopicArn: "string",
            athenaWorkgroupName: "string",
            athenaDatabaseName: "string",
        });
        const optional = ["deliveryTopicArn", "athenaWorkgroupName", "athenaDatabaseName"];
        expect(baseline.required.sort()).toEqual(Object.keys(outputs).filter((o) => !optional.includes(o)).sort());
    });
});
