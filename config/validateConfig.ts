// Stack config → validated Settings, the one door between what users write and what components
// build. Pure: the result depends only on the arguments (no Pulumi SDK, no environment variables),
// so the CLI and tests call it directly; config/loadSettings.ts binds it to the Pulumi runtime.
// Every mistake found is reported at once, one line each, in one ConfigValidationError.
import { applyDefaults } from "./applyDefaults";
import { issueLines } from "./configProblems";
import { Findings, type ConfigWarning } from "./findings";
import { rawConfigFromValues } from "./rawConfig";
import { resolveAlarms, resolveDeliveryHeartbeat } from "./resolveAlarms";
import { checkNotifications } from "./rules/notificationRules";
import { checkProtection } from "./rules/protectionRules";
import { checkRequirements } from "./rules/requirementRules";
import { checkRetention } from "./rules/retentionRules";
import { checkTrail } from "./rules/trailRules";
import { configSchemaFor, type ConfigSchemaOptions } from "./schema";
import type { Settings } from "./settings";


export class ConfigValidationError extends Error {
    constructor(
        /** The stack's name (not `stack`, which is an Error's trace). */
        readonly stackName: string,
        readonly problems: string[],
    ) {
        const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
        super([`invalid trailguard configuration for stack "${stackName}" (${count}):`, ...problems.map((p) => `  ${p}`)].join("\n"));
        this.name = "ConfigValidationError";
    }
}

/** How to validate: `offlineSecrets` for the values of an offline render (config/schema.ts). */
export type CheckOptions = ConfigSchemaOptions;

export interface CheckedConfig {
    settings: Settings;
    /** Allowed but probably unintended; `loadSettings` logs them with pulumi.log.warn. */
    warnings: ConfigWarning[];
}

/**
 * Validates the flat `trailguard:<key>` → string map (as the language host and readStackConfigFile
 * provide it; other namespaces are ignored) and fills in the environment's defaults.
 * Throws ConfigValidationError listing every problem.
 */
export function checkConfig(values: Record<string, string>, stack: string, options: CheckOptions = {}): CheckedConfig {
    const offlineSecrets = options.offlineSecrets === true;
    const raw = rawConfigFromValues(values);
    const parsed = configSchemaFor({ offlineSecrets }).safeParse(raw.config);
    const shapeProblems = [...raw.problems, ...(parsed.success ? [] : issueLines(parsed.error.issues, raw.config))];
    // Rules between keys need every key well-formed; shape problems come first, rules after a fix.
    if (shapeProblems.length > 0 || !parsed.success) throw new ConfigValidationError(stack, shapeProblems);

    const config = applyDefaults(parsed.data);
    const findings = new Findings(raw.config, config.environment, offlineSecrets);
    checkProtection(config, stack, findings);
    checkRetention(config.retention, findings);
    checkRequirements(config.retention, findings);
    const alarms = resolveAlarms(config, findings);
    const deliveryHeartbeat = resolveDeliveryHeartbeat(config, findings);
    checkTrail(config, alarms, findings);
    checkNotifications(config, alarms, findings);
    if (findings.problems.length > 0) throw new ConfigValidationError(stack, findings.problems);

    return {
        settings: {
            environment: config.environment,
            namePrefix: config.namePrefix,
            protection: config.protection,
            retention: config.retention,
            trail: config.trail,
            alarms: { namespace: config.alarms.namespace, alarms, deliveryHeartbeat },
            notifications: config.notifications,
            investigation: config.investigation,
            tags: config.tags,
            cost: config.cost,
        },
        warnings: findings.warnings,
    };
}

/** checkConfig without the warnings, for callers that only need the settings. */
export function settingsFromConfig(values: Record<string, string>, stack: string, options: CheckOptions = {}): Settings {
    return checkConfig(values, stack, options).settings;
}
