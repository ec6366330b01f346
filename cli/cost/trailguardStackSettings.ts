// A stack settings file read as trailguard stack config (trailguardSettingsFromValues.ts says what
// that is), or why it cannot be: a file that cannot be read has no settings to price either.
import { readStackConfigFile } from "../pulumiProject/stackConfigFile";
import { UserError } from "../userError";
import { trailguardSettingsFromValues, type TrailguardStackSettings } from "./trailguardSettingsFromValues";

export type { NoSettingsReason, TrailguardStackSettings } from "./trailguardSettingsFromValues";

/**
 * @param file the stack settings file (Pulumi.<stack>.yaml)
 * @param project the Pulumi project's name: keys without a namespace belong to it
 */
export function readTrailguardStackSettings(file: string, project: string, stack: string): TrailguardStackSettings {
    let values: Record<string, string>;
    try {
        values = readStackConfigFile(file, project).values;
    } catch (err) {
        if (err instanceof UserError) return { reason: "unreadable settings", message: err.message };
        throw err;
    }
    return trailguardSettingsFromValues(values, stack, file);
}
