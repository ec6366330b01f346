// The alarms of one stack for `replay --stack`: its settings file read and validated the way the
// Pulumi program reads it, then the enabled alarms. The validator (zod, the schema, the control
// catalogue: about 0.1 s) is loaded only when --stack is given, not with every `trailguard` command.
import { readPulumiProject } from "../pulumiProject/projectFile";
import { readStackConfigFile, stackConfigPath } from "../pulumiProject/stackConfigFile";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";
import { alarmsFromSettings, type ReplayAlarm } from "./replayAlarms";

export async function stackAlarms(stack: string): Promise<ReplayAlarm[]> {
    const { ConfigValidationError, settingsFromConfig } = await import("../../config/validateConfig");
    const project = readPulumiProject(trailguardRoot());
    const file = stackConfigPath(project, stack);
    const { values } = readStackConfigFile(file, project.name);
    try {
        // secure: values read as placeholders here; replay needs the alarms, not the endpoints.
        return alarmsFromSettings(settingsFromConfig(values, stack, { offlineSecrets: true }).alarms.alarms);
    } catch (err) {
        if (err instanceof ConfigValidationError) throw new UserError(`${file}: ${err.message}`);
        throw err;
    }
}
