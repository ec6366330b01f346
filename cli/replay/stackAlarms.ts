// The alarms of one stack for `replay --stack`: its settings file read and validated the way the
// Pulumi program reads it, then the enabled alarms.
import { ConfigValidationError, settingsFromConfig } from "../../config/loadSettings";
import { readPulumiProject, stackConfigPath, trailguardRoot } from "../mockEngine/renderStack";
import { readStackConfigFile } from "../mockEngine/stackConfigFile";
import { UserError } from "../userError";
import { alarmsFromSettings, type ReplayAlarm } from "./replayAlarms";

export function stackAlarms(stack: string): ReplayAlarm[] {
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
