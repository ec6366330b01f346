// Which stacks one `trailguard check` run covers, and how each is rendered: trailguard's own stacks
// (stacks/Pulumi.<name>.yaml, compiled program) or any Pulumi Node.js program with a settings file.
import * as fs from "fs";
import * as path from "path";
import type { RenderedStack, RenderMode } from "../mockEngine/renderedStackFormat";
import { renderStack, renderTrailguardStack } from "../mockEngine/renderEntryPoints";
import { PulumiProject, readPulumiProject } from "../pulumiProject/projectFile";
import { listStacks, readStackConfigFile, stackConfigPath } from "../pulumiProject/stackConfigFile";
import { trailguardRoot } from "../trailguardRoot";
import { UserError } from "../userError";

export interface CheckTarget {
    stack: string;
    /** Pulumi project name, for the stack tags the engine would send. */
    project: string;
    /** Absolute path of the stack settings file the results are reported against. */
    configFile: string;
    /** Absolute path of the program's directory (the one with Pulumi.yaml). */
    programDir: string;
    /** The `--policy-pack-config` JSON this stack is checked under; none: the pack's defaults. */
    policyConfigFile?: string;
    render(mode: RenderMode): Promise<RenderedStack>;
}

export interface TargetSelection {
    /** Stack names; with `program`, stacks of that program, otherwise trailguard's own. */
    stacks?: string[];
    /** A Pulumi program directory of someone else's. */
    program?: string;
    /** A stack settings file (Pulumi.<stack>.yaml) for `program`. */
    config?: string;
    /** One policy config for every stack, replacing trailguard's per-environment ones. */
    policyConfig?: string;
}

const STACK_FILE_NAME = /^Pulumi\.(.+)\.ya?ml$/;

export function resolveCheckTargets(selection: TargetSelection): CheckTarget[] {
    if (selection.config !== undefined && selection.program === undefined) {
        throw new UserError("--config needs --program <dir>: the Pulumi program the settings file belongs to");
    }
    if (selection.config !== undefined && selection.stacks?.length) {
        throw new UserError("use either --config <file> or --stack <name> with --program, not both");
    }
    const targets =
        selection.program !== undefined
            ? programTargets(selection.program, selection.config, selection.stacks)
            : trailguardTargets(selection.stacks);
    if (selection.policyConfig === undefined) return targets;
    const policyConfigFile = path.resolve(selection.policyConfig);
    return targets.map((target) => ({ ...target, policyConfigFile }));
}

function trailguardTargets(stacks: string[] | undefined): CheckTarget[] {
    const root = trailguardRoot();
    const project = readPulumiProject(root);
    const names = stacks?.length ? unique(stacks) : listStacks(project);
    if (names.length === 0) throw new UserError(`no stack settings files (Pulumi.<stack>.yaml) in ${project.stackConfigDir}`);
    return names.map((stack) => ({
        stack,
        project: project.name,
        configFile: stackConfigPath(project, stack),
        programDir: root,
        policyConfigFile: environmentPolicyConfig(root, project, stack),
        render: (mode) => renderTrailguardStack(stack, { mode }),
    }));
}

/**
 * trailguard's stacks are checked under the policy config their environment ships with
 * (policies/environments/<environment>.json), as CI's `pulumi preview --policy-pack-config` does;
 * the environment is the stack's `trailguard:environment` setting, else its name.
 */
function environmentPolicyConfig(root: string, project: PulumiProject, stack: string): string | undefined {
    let environment = stack;
    try {
        environment = readStackConfigFile(stackConfigPath(project, stack), project.name).values["trailguard:environment"] ?? stack;
    } catch {
        // An unreadable settings file is reported by its render, with the file named.
    }
    const file = path.join(root, "policies", "environments", `${path.basename(environment)}.json`);
    return fs.existsSync(file) ? file : undefined;
}

function programTargets(programDir: string, config: string | undefined, stacks: string[] | undefined): CheckTarget[] {
    const dir = path.resolve(programDir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new UserError(`--program ${programDir}: not a directory`);
    }
    const project = readPulumiProject(dir);
    if (config !== undefined) {
        const configFile = path.resolve(config);
        const stack = STACK_FILE_NAME.exec(path.basename(configFile))?.[1];
        if (!stack) {
            throw new UserError(`--config ${config}: a stack settings file is named Pulumi.<stack>.yaml; the stack name comes from it`);
        }
        if (!fs.existsSync(configFile)) throw new UserError(`--config ${config}: no such file`);
        return [programTarget(project, configFile, stack)];
    }
    const names = stacks?.length ? unique(stacks) : listStacks(project);
    if (names.length === 0) {
        throw new UserError(`no stack settings files (Pulumi.<stack>.yaml) in ${project.stackConfigDir}; name one with --config`);
    }
    return names.map((stack) => programTarget(project, stackConfigPath(project, stack), stack));
}

function programTarget(project: PulumiProject, configFile: string, stack: string): CheckTarget {
    return {
        stack,
        project: project.name,
        configFile,
        programDir: project.dir,
        render: (mode) => renderStack(project, configFile, stack, { mode }),
    };
}

function unique(names: string[]): string[] {
    return [...new Set(names)];
}
