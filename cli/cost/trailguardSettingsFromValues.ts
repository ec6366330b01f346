// A stack's config values (`ns:key` → string, as a settings file holds them) read as trailguard stack
// config: the validated Settings that `cost` prices and `check` reports estimate, or, when there are
// none, why in a few words. A stack is trailguard's when it sets `trailguard:` keys (trailguard's own
// stacks, or any project whose stack files carry trailguard config); a stack of another program
// without them has nothing to price. `secure:` values read as placeholders: no cost depends on an
// endpoint or an address. No file reading here, so that a render worker, which has the values
// already, can price a stack without loading the YAML reader (trailguardStackSettings.ts reads files).
import type { Settings } from "../../config/settings";
import { NAMESPACE } from "../../config/configProblems";

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

/** @param file the settings file the values came from, for messages */
export function trailguardSettingsFromValues(values: Record<string, string>, stack: string, file: string): TrailguardStackSettings {
    if (!Object.keys(values).some((key) => key.startsWith(`${NAMESPACE}:`))) {
        return {
            reason: "not a trailguard stack",
            message: `${file}: not a trailguard stack: it sets no ${NAMESPACE}: keys (docs/configuration.md lists them)`,
        };
    }
    // Loaded only for a stack that has trailguard config: the validator is the heavy part.
    const { ConfigValidationError, settingsFromConfig } = require("../../config/validateConfig") as typeof import("../../config/validateConfig");
    try {
        return { settings: settingsFromConfig(values, stack, { offlineSecrets: true }) };
    } catch (err) {
        if (err instanceof ConfigValidationError) return { reason: "invalid trailguard config", message: `${file}: ${err.message}` };
        throw err;
    }
}
