// The stacks trailguard ships (stacks/Pulumi.*.yaml), listed from the files that exist, so a stack
// added by copying a file is tested like the others. Each stack's policy config follows the rule
// docs/check.md states, restated here on its own (the code under test is
// cli/pulumiProject/stackPolicyConfig.ts): policies/stacks/<stack>.json, else
// policies/environments/<environment>.json, else none; environment = `trailguard:environment`,
// else the stack's name.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export const repositoryRoot = path.resolve(__dirname, "..", "..");

export interface ShippedStack {
    stack: string;
    environment: string;
    /** Path relative to the repository root, forward slashes; undefined: the pack's defaults. */
    policyConfigFile?: string;
}

export function shippedStacks(root: string = repositoryRoot): ShippedStack[] {
    return fs
        .readdirSync(path.join(root, "stacks"))
        .flatMap((file) => {
            const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1];
            if (stack === undefined) return [];
            const config = parse(fs.readFileSync(path.join(root, "stacks", file), "utf8"))?.config ?? {};
            const environment: string = config["trailguard:environment"] ?? stack;
            const candidates = [`policies/stacks/${stack}.json`, `policies/environments/${environment}.json`];
            return [{ stack, environment, policyConfigFile: candidates.find((c) => fs.existsSync(path.join(root, c))) }];
        })
        .sort((a, b) => (a.stack < b.stack ? -1 : 1));
}

/** The shipped stack names. */
export function shippedStackNames(): string[] {
    return shippedStacks().map((s) => s.stack);
}
