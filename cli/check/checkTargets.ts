// Which stacks one `trailguard check` run covers, and how each is rendered: the selected project's
// stacks (selectProject: --program, else the working directory's project, else trailguard's own),
// each checked under the policy config stackPolicyConfig's one rule gives it.
import * as fs from "fs";
import * as path from "path";
import type { RenderMode } from "../mockEngine/renderedStackFormat";
import { renderAndPrice, renderTrailguardAndPrice, type PricedRender, type RenderOptions } from "../mockEngine/renderEntryPoints";
import { readPulumiProject } from "../pulumiProject/projectFile";
import { selectProject } from "../pulumiProject/selectProject";
import { listStacks, stackConfigPath } from "../pulumiProject/stackConfigFile";
import { stackPolicyConfig } from "../pulumiProject/stackPolicyConfig";
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
    /** A render; `estimateCost` also prices the stack's settings (PricedRender.cost). */
    render(mode: RenderMode, options?: Pick<RenderOptions, "estimateCost" | "onResources">): Promise<PricedRender>;
}

export interface TargetSelection {
    /** Stack names of the selected project; default: every stack it has a settings file for. */
    stacks?: string[];
    /** `--program <dir>`; without it, the working directory's project or trailguard's own (selectProject). */
    program?: string;
    /** A stack settings file (Pulumi.<stack>.yaml) of the project. */
    config?: string;
    /** One policy config for every stack, replacing the per-stack rule (stackPolicyConfig). */
    policyConfig?: string;
    /** Where relative paths and the project search start; default: the process's working directory. */
    cwd?: string;
}

const STACK_FILE_NAME = /^Pulumi\.(.+)\.ya?ml$/;

export function resolveCheckTargets(selection: TargetSelection): CheckTarget[] {
    if (selection.config !== undefined && selection.stacks?.length) {
        throw new UserError("use either --config <file> or --stack <name>, not both");
    }
    const cwd = selection.cwd ?? process.cwd();
    const chosen = selectProject(selection.program, cwd);
    const project = readPulumiProject(chosen.dir);
    const stacks: StackFile[] =
        selection.config !== undefined
            ? [stackOfSettingsFile(path.resolve(cwd, selection.config), selection.config)]
            : (selection.stacks?.length ? [...new Set(selection.stacks)] : listStacks(project)).map((stack) => ({
                  stack,
                  configFile: stackConfigPath(project, stack),
              }));
    if (stacks.length === 0) {
        throw new UserError(
            `no stack settings files (Pulumi.<stack>.yaml) in ${project.stackConfigDir}` + (chosen.own ? "" : "; name one with --config"),
        );
    }
    const policyConfigFile = selection.policyConfig === undefined ? undefined : path.resolve(cwd, selection.policyConfig);
    return stacks.map(({ stack, configFile }) => ({
        stack,
        project: project.name,
        configFile,
        programDir: project.dir,
        policyConfigFile: policyConfigFile ?? stackPolicyConfig(project, stack, configFile).file,
        render: chosen.own
            ? (mode, options) => renderTrailguardAndPrice(stack, { mode, ...options }, configFile)
            : (mode, options) => renderAndPrice(project, configFile, stack, { mode, ...options }),
    }));
}

interface StackFile {
    stack: string;
    configFile: string;
}

function stackOfSettingsFile(configFile: string, given: string): StackFile {
    const stack = STACK_FILE_NAME.exec(path.basename(configFile))?.[1];
    if (!stack) throw new UserError(`--config ${given}: a stack settings file is named Pulumi.<stack>.yaml; the stack name comes from it`);
    if (!fs.existsSync(configFile)) throw new UserError(`--config ${given}: no such file`);
    return { stack, configFile };
}
