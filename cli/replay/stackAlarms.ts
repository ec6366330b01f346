// The alarms of one stack for `replay --stack`: its settings file read and validated the way the
// Pulumi program reads it, then the enabled alarms. The config layer loads the Pulumi SDK (about
// 0.4 s), so it is loaded only when --stack is given, not with every `trailguard` command.
import { readPulumiProject, stackConfigPath } from "../mockEngine/renderStack";
import { trailguardRoot } from "../trailguardRoot";
import { readStackConfigFile } from "../mockEngine/stackConfigFile";
import { UserError } from "../userError";
import { alarmsFromSettings, type ReplayAlarm } from "./replayAlarms";

export async function stackAlarms(stack: string): Promise<ReplayAlarm[]> {
    const { ConfigValidationError, settingsFromConfig } = await import("../../config/loadSettings");
    const project = readPulumiProject(trailguardRoot());
    const file = stackConfigPath(project, stack);
    const { values } = readStackConfigFile(file, project.name);
    try {
        return alarmsFromSettings(settingsFromConfig(values, stack).alarms.alarms);
    } catch (err) {
        if (err instanceof ConfigValidationError) throw new UserError(`${file}: ${err.message}`);
        throw err;
    }
}
