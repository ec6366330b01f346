// A stack settings file read as trailguard stack config: the validated Settings that `cost` prices
// and `check` reports estimate, or, when there are none, why in a few words. A stack is trailguard's
// when its file sets `trailguard:` keys (trailguard's own stacks, or any project whose stack files
// carry trailguard config); a stack of another program without them has nothing to price.
// `secure:` values read as placeholders: no cost depends on an endpoint or an address.
import type { Settings } from "../../config/settings";
import { ConfigValidationError, settingsFromConfig } from "../../config/validateConfig";
import { NAMESPACE } from "../../config/configProblems";
import { readStackConfigFile } from "../pulumiProject/stackConfigFile";
import { UserError } from "../userError";

/** Why a stack has no settings to price, in the words the reports show. */
export type NoSettingsReason = "not a trailguard stack" | "invalid trailguard config" | "unreadable settings";

export type TrailguardStackSettings =
    | { settings: Settings }
    | {
          settings?: undefined;
          reason: NoSettingsReason;
          /** The whole story in one message naming the file, for a command that must stop on it. */
          message: string;
      };

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
    if (!Object.keys(values).some((key) => key.startsWith(`${NAMESPACE}:`))) {
        return {
            reason: "not a trailguard stack",
            message: `${file}: not a trailguard stack: it sets no ${NAMESPACE}: keys (docs/configuration.md lists them)`,
        };
    }
    try {
        return { settings: settingsFromConfig(values, stack, { offlineSecrets: true }) };
    } catch (err) {
        if (err instanceof ConfigValidationError) return { reason: "invalid trailguard config", message: `${file}: ${err.message}` };
        throw err;
    }
}
