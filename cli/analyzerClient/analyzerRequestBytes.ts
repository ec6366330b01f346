// The Analyze and AnalyzeStack requests of a rendered stack, written straight to protobuf bytes with
// google-protobuf's BinaryWriter, the bytes analyzerWire.ts's messages serialize to. Building those
// messages first (Struct.fromJavaScript makes a message object for every value of every property)
// was most of the check process's own CPU: this writes each value as it walks it. The bytes are the
// same, field for field and in the same order, as the generated code writes them
// (test/check/analyzerRequestBytes.test.ts compares both on every shipped stack and fixture program):
// fields in field-number order, proto3 defaults left out, map entries sorted by key as jspb sorts
// them. Field numbers are analyzer.proto's and struct.proto's.
import { BinaryWriter } from "google-protobuf";
import type { RenderedResource } from "../mockEngine/renderedStackFormat";
import { resourceOptions } from "./analyzerWire";

/** google.protobuf.Value's oneof, but null_value, which writeValueField writes. */
function writeValue(value: unknown, writer: BinaryWriter): void {
    if (typeof value === "number") writer.writeDouble(2, value);
    else if (typeof value === "string") writer.writeString(3, value);
    else if (typeof value === "boolean") writer.writeBool(4, value);
    else if (Array.isArray(value)) writer.writeMessage(6, value, writeListValues);
    else if (typeof value === "object") writer.writeMessage(5, value, writeStructFields);
    else throw new Error(`a resource property of type ${typeof value} has no protobuf Value`);
}

/** A Value holding null_value: field 1, varint 0. */
const NULL_VALUE = new Uint8Array([0x08, 0x00]);

/**
 * A Value-typed field. BinaryWriter.writeMessage writes nothing for a null value, so a null goes as
 * the encoded Value itself: a bytes field is length-delimited like a message field.
 */
function writeValueField(field: number, value: unknown, writer: BinaryWriter): void {
    if (value === null || value === undefined) writer.writeBytes(field, NULL_VALUE);
    else writer.writeMessage(field, value, writeValue);
}

/** google.protobuf.ListValue: repeated Value values = 1; an undefined item is sent as null. */
function writeListValues(list: unknown[], writer: BinaryWriter): void {
    for (const item of list) writeValueField(1, item, writer);
}

/** google.protobuf.Struct: map<string, Value> fields = 1; an undefined property is left out. */
function writeStructFields(struct: object, writer: BinaryWriter): void {
    const entries = Object.entries(struct).filter(([, value]) => value !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const entry of entries) writer.writeMessage(1, entry, writeStructEntry);
}

function writeStructEntry([key, value]: [string, unknown], writer: BinaryWriter): void {
    writer.writeString(1, key);
    writeValueField(2, value, writer);
}

/** The fields AnalyzeRequest and AnalyzerResource share: type, properties, urn, name, options. */
function writeResourceHead(resource: RenderedResource, properties: Record<string, unknown>, writer: BinaryWriter): void {
    if (resource.type) writer.writeString(1, resource.type);
    writer.writeMessage(2, properties, writeStructFields);
    if (resource.urn) writer.writeString(3, resource.urn);
    if (resource.name) writer.writeString(4, resource.name);
    const options = resourceOptions(resource);
    writer.writeMessage(5, options, options.constructor.serializeBinaryToWriter);
}

/** AnalyzeRequest: the resource's inputs (analyzerWire.ts analyzeRequest). */
export function analyzeRequestBytes(resource: RenderedResource): Uint8Array {
    const writer = new BinaryWriter();
    writeResourceHead(resource, resource.inputs, writer);
    return writer.getResultBuffer();
}

/** AnalyzerResource: outputs, parent, dependencies and property dependencies, as the engine sends them. */
function writeStackResource(resource: RenderedResource, writer: BinaryWriter): void {
    writeResourceHead(resource, resource.outputs, writer);
    if (resource.parent) writer.writeString(7, resource.parent);
    if (resource.options.dependsOn.length > 0) writer.writeRepeatedString(8, resource.options.dependsOn);
    // map<string, AnalyzerPropertyDependencies> property_dependencies = 9; the engine leaves out
    // properties without dependencies.
    const dependencies = Object.entries(resource.propertyDependencies).filter(([, urns]) => urns.length > 0);
    dependencies.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const entry of dependencies) writer.writeMessage(9, entry, writeDependencyEntry);
}

function writeDependencyEntry([property, urns]: [string, string[]], writer: BinaryWriter): void {
    writer.writeString(1, property);
    writer.writeMessage(2, urns, (list: string[], inner: BinaryWriter) => inner.writeRepeatedString(1, list));
}

/** AnalyzeStackRequest: repeated AnalyzerResource resources = 1. */
export function analyzeStackRequestBytes(resources: readonly RenderedResource[]): Uint8Array {
    const writer = new BinaryWriter();
    for (const resource of resources) writer.writeMessage(1, resource, writeStackResource);
    return writer.getResultBuffer();
}
