// The Pulumi binding of the config validator (config/validateConfig.ts): the running stack's config
// and name from the SDK, validated, warnings to the Pulumi log. A ConfigValidationError becomes a
// ConfigRunError, a RunError with the same message: the Pulumi CLI prints those without a stack
// trace, and the offline renderer passes their message through. Under the offline renderer
// (renderOffline(), config/offlineRender.ts) `secure:` values are placeholders, and the validator
// is told so with `{ offlineSecrets: true }`.
import * as pulumi from "@pulumi/pulumi";
import { rendersOffline } from "./offlineRender";
import type { Settings } from "./settings";
import { checkConfig, ConfigValidationError, type CheckedConfig } from "./validateConfig";

export { renderOffline } from "./offlineRender";

export class ConfigRunError extends pulumi.RunError {
    readonly stackName: string;
    readonly problems: string[];

    /** @param context what was validated, before the message, e.g. `CloudTrailBaseline "audit"` */
    constructor(cause: ConfigValidationError, context?: string) {
        super(context ? `${context}: ${cause.message}` : cause.message);
        this.name = "ConfigRunError";
        this.stackName = cause.stackName;
        this.problems = cause.problems;
    }
}

/** For the Pulumi program: the running stack's config, validated; warnings go to the Pulumi log. */
export function loadSettings(): Settings {
    return reportedToPulumi(() => checkConfig(pulumi.runtime.allConfig(), pulumi.getStack(), { offlineSecrets: rendersOffline() }));
}

/**
 * A validation inside a Pulumi program (the stack's config, or a component's arguments): problems
 * as a ConfigRunError, warnings to the Pulumi log, both after `context` when given.
 */
export function reportedToPulumi(check: () => CheckedConfig, context?: string): Settings {
    let checked: CheckedConfig;
    try {
        checked = check();
    } catch (err) {
        if (err instanceof ConfigValidationError) throw new ConfigRunError(err, context);
        throw err;
    }
    for (const warning of checked.warnings) pulumi.log.warn(`${context ? `${context}: ` : ""}${warning.key}: ${warning.message}`);
    return checked.settings;
}
