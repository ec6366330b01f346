// A Pulumi project's stack settings files (Pulumi.<stack>.yaml in its stack config directory): which
// stacks have one, where a stack's is, and reading one into the flat key → string map the Pulumi
// language host hands a program: `ns:key` keys, scalars as strings, structured values as JSON.
import * as fs from "fs";
import * as path from "path";
import { SECRET_PLACEHOLDER } from "../../config/offlineSecrets";
import { describeFsError } from "../fileErrors";
import { UserError } from "../userError";
import type { PulumiProject } from "./projectFile";
import { parseYamlFile } from "./yamlFile";

/** The stack names that have a settings file in the project's stack config directory. */
export function listStacks(project: PulumiProject): string[] {
    if (!fs.existsSync(project.stackConfigDir)) return [];
    return fs
        .readdirSync(project.stackConfigDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function stackConfigPath(project: PulumiProject, stack: string): string {
    const candidates = ["yaml", "yml"].map((ext) => path.join(project.stackConfigDir, `Pulumi.${stack}.${ext}`));
    const found = candidates.find((f) => fs.existsSync(f));
    if (!found) {
        const known = listStacks(project);
        throw new UserError(
            `no stack '${stack}': ${candidates[0]} does not exist` +
                (known.length ? ` (stacks: ${known.join(", ")})` : ""),
        );
    }
    return found;
}

export interface StackConfig {
    /** The file the values came from, for messages. */
    file: string;
    values: Record<string, string>;
    /** Keys whose values are `secure:` ciphertext; offline they read as a placeholder. */
    secretKeys: string[];
}

// One check reads a stack's file several times (its policy config, its render, its cost, the
// namePrefix warning); parsing the YAML is the costly part, so each text is parsed once per process.
const parsed = new Map<string, { text: string; config: StackConfig }>();

export function readStackConfigFile(file: string, project: string): StackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserError(`cannot read stack config ${file}: ${describeFsError(err)}`);
    }
    const key = `${project}\0${path.resolve(file)}`;
    const cached = parsed.get(key);
    if (cached && cached.text === text) return copyOf(cached.config);
    const config = parseStackConfig(file, text, project);
    parsed.set(key, { text, config });
    return copyOf(config);
}

function copyOf(config: StackConfig): StackConfig {
    return { file: config.file, values: { ...config.values }, secretKeys: [...config.secretKeys] };
}

function parseStackConfig(file: string, text: string, project: string): StackConfig {
    const root: unknown = parseYamlFile(file, text).toJS() ?? {};
    if (!isPlainObject(root)) {
        throw new UserError(`${file}: expected a mapping with a 'config:' key, got ${describe(root)}`);
    }
    if (root["config"] === undefined) {
        // Settings written at the top level, as `pulumi config set` never writes them: Pulumi would ignore them.
        const settings = Object.keys(root).filter((key) => key.includes(":"));
        if (settings.length > 0) {
            throw new UserError(
                `${file}: ${settings.slice(0, 3).join(", ")}${settings.length > 3 ? ", …" : ""} at the top level, but a stack settings file ` +
                    "holds its settings under a 'config:' key; add a first line 'config:' and indent the settings below it",
            );
        }
    }
    const config = root["config"] ?? {};
    if (!isPlainObject(config)) {
        throw new UserError(`${file}: 'config' must be a mapping of keys to values, got ${describe(config)}`);
    }
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(config)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value["secure"] === "string") {
            values[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
            continue;
        }
        if (containsSecure(value)) {
            secretKeys.push(key);
        }
        values[key] = typeof value === "string" ? value : JSON.stringify(replaceSecure(value));
    }
    return { file, values, secretKeys };
}

function containsSecure(value: unknown): boolean {
    if (Array.isArray(value)) return value.some(containsSecure);
    if (isPlainObject(value)) {
        if (Object.keys(value).length === 1 && typeof value["secure"] === "string") return true;
        return Object.values(value).some(containsSecure);
    }
    return false;
}

function replaceSecure(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(replaceSecure);
    if (isPlainObject(value)) {
        if (Object.keys(value).length === 1 && typeof value["secure"] === "string") return SECRET_PLACEHOLDER;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecure(v)]));
    }
    return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}
