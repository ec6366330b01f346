// Two of trailguard's stacks with the same namePrefix would create resources of the same physical
// names (buckets, key alias, log group, topics, alarms) when deployed to one account: the second
// `pulumi up` fails, or worse, one stack's trail writes into the other's bucket. `render` and
// `check` warn about it; it is not an error, since the stacks may be meant for different accounts.
import * as path from "path";
import { defaultNamePrefix } from "../../config/environmentDefaults";
import type { Environment } from "../../config/settings";
import { escapeControlCharacters } from "../format/terminalText";
import { readPulumiProject } from "./projectFile";
import { listStacks, readStackConfigFile, stackConfigPath } from "./stackConfigFile";

export interface StackFile {
    stack: string;
    configFile: string;
    /** The Pulumi project the file belongs to: its unqualified keys are in this namespace. */
    project: string;
}

/**
 * One warning per namePrefix that several of `stackFiles` share, when at least one of them is in
 * `ofInterest` (the stacks this run renders). A file that cannot be read is left out: its own
 * render reports it.
 */
export function sharedNamePrefixWarnings(stackFiles: readonly StackFile[], ofInterest: ReadonlySet<string>): string[] {
    const byPrefix = new Map<string, StackFile[]>();
    const seen = new Set<string>();
    for (const file of stackFiles) {
        const resolved = path.resolve(file.configFile);
        if (seen.has(resolved)) continue;
        seen.add(resolved);
        const prefix = namePrefixOf(resolved, file.project);
        if (prefix === undefined) continue;
        byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), { ...file, configFile: resolved }]);
    }
    const warnings: string[] = [];
    for (const [prefix, files] of byPrefix) {
        if (files.length < 2 || !files.some((f) => ofInterest.has(f.configFile))) continue;
        const names = files.map((f) => `${f.stack} (${path.relative(process.cwd(), f.configFile) || f.configFile})`).join(", ");
        warnings.push(
            `stacks ${names} share namePrefix "${prefix}": deployed to one account they would create resources of the same names ` +
                `(e.g. bucket ${prefix}-cloudtrail-<account>); give each stack its own trailguard:namePrefix`,
        );
    }
    return warnings;
}

/** The namePrefix a trailguard stack file deploys with: its own, else its environment's default. */
function namePrefixOf(configFile: string, project: string): string | undefined {
    let values: Record<string, string>;
    try {
        values = readStackConfigFile(configFile, project).values;
    } catch {
        return undefined;
    }
    const explicit = values["trailguard:namePrefix"];
    if (explicit !== undefined) return explicit;
    const environment = values["trailguard:environment"];
    return environment === undefined ? undefined : defaultNamePrefix(environment as Environment);
}

/**
 * Prints, on stderr, a warning for each namePrefix one of `stacks` shares with another stack of its
 * project (every settings file in the project's stack config directory counts, rendered or not).
 */
export function warnAboutSharedNamePrefixes(stacks: ReadonlyArray<StackFile & { programDir: string }>, stream: NodeJS.WritableStream = process.stderr): void {
    const all: StackFile[] = [...stacks];
    for (const programDir of new Set(stacks.map((s) => s.programDir))) {
        try {
            const project = readPulumiProject(programDir);
            for (const stack of listStacks(project)) all.push({ stack, configFile: stackConfigPath(project, stack), project: project.name });
        } catch {
            // A project that cannot be read is reported by the render.
        }
    }
    const ofInterest = new Set(stacks.map((s) => path.resolve(s.configFile)));
    for (const warning of sharedNamePrefixWarnings(all, ofInterest)) stream.write(`trailguard: warning: ${escapeControlCharacters(warning)}\n`);
}
