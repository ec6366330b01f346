// `trailguard/config`: stack config or plain arguments → validated Settings. Loads the Pulumi SDK
// (for loadSettings) but no AWS provider.
export { loadSettings, ConfigRunError, renderOffline } from "../config/loadSettings";
export { checkConfig, settingsFromConfig, ConfigValidationError, type CheckedConfig } from "../config/validateConfig";
export * from "../config/baselineArgs";
export type * from "../config/settings";
export { ENVIRONMENTS, TOP_LEVEL_KEYS } from "../config/schema";
