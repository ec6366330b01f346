// One line per stack on stderr while a check runs, so a long run in CI shows where it is without
// touching the report on stdout.
import { escapeControlCharacters } from "../format/terminalText";
import type { CheckTarget } from "./checkTargets";
import type { CheckProgress } from "./runChecks";

export function progressLines(stream: NodeJS.WritableStream): CheckProgress {
    return {
        stackFinished(check, done, total) {
            const v = check.verdict;
            const mandatory = v.violations.filter((x) => x.enforcementLevel === "mandatory").length;
            const advisory = v.violations.filter((x) => x.enforcementLevel === "advisory").length;
            stream.write(
                `[${done}/${total}] ${escapeControlCharacters(v.stack)}: ${v.resources} resources, ${mandatory} mandatory, ${advisory} advisory (${check.seconds.toFixed(1)} s)\n`,
            );
        },
        stackFailed(target: CheckTarget, _error, done, total) {
            stream.write(escapeControlCharacters(`[${done}/${total}] ${target.stack}: could not be checked (${target.configFile})`) + "\n");
        },
    };
}
