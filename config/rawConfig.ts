// Stack config arrives flat: `trailguard:<key>` → string, structured values as JSON text (that is
// how the Pulumi language host passes them, and what readStackConfigFile reproduces offline). This
// rebuilds the object the schema checks, reporting keys it does not know and text that is not JSON.
import { configKey, describeValue, NAMESPACE } from "./configProblems";
import { SCALAR_KEYS, STRUCTURED_KEYS, TOP_LEVEL_KEYS } from "./schema";

export interface RawConfigResult {
    config: Record<string, unknown>;
    problems: string[];
}

export function rawConfigFromValues(values: Record<string, string>): RawConfigResult {
    const config: Record<string, unknown> = {};
    const problems: string[] = [];
    const prefix = `${NAMESPACE}:`;
    for (const [fullKey, text] of Object.entries(values)) {
        if (!fullKey.startsWith(prefix)) continue;
        const key = fullKey.slice(prefix.length);
        if ((SCALAR_KEYS as readonly string[]).includes(key)) {
            config[key] = text;
        } else if ((STRUCTURED_KEYS as readonly string[]).includes(key)) {
            const parsed = parseStructured(text);
            if (parsed.ok) config[key] = parsed.value;
            else problems.push(`${configKey([key])}: got ${describeValue(text)}, expected a YAML mapping (${parsed.reason})`);
        } else {
            problems.push(`${configKey([key])}: unknown key; valid keys: ${TOP_LEVEL_KEYS.join(", ")}`);
        }
    }
    return { config, problems };
}

function parseStructured(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch (err) {
        return { ok: false, reason: `not structured config: ${(err as Error).message}` };
    }
}
