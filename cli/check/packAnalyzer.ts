// trailguard's own policy pack (policies/) behind the StackAnalyzer seam: started once by the
// engine-side harness exactly as `pulumi preview --policy-pack policies` starts it, configured per
// stack with that stack's `--policy-pack-config` JSON, as a separate `pulumi preview` per stack
// would be.
import { analyzeRenderedStack, defaultPackDir } from "../analyzer/analyzeRenderedStack";
import { PolicyPackConfig, readPolicyPackConfig, resolvePolicyPackConfig } from "../analyzer/policyPackConfig";
import { PolicyPackProcess } from "../analyzer/policyPackProcess";
import type { StackAnalyzer, StartAnalyzer } from "./stackAnalyzer";

export const startPackAnalyzer: StartAnalyzer = async (options) => {
    // Read every config before the pack starts: a file that is not JSON fails fast.
    const configs = new Map<string, PolicyPackConfig>(options.policyConfigFiles.map((file) => [file, readPolicyPackConfig(file)]));
    const pack = await PolicyPackProcess.start(defaultPackDir());
    try {
        const info = await pack.info();
        // Unknown policies and settings that break a policy's schema fail before any stack is analysed.
        for (const [file, config] of configs) resolvePolicyPackConfig(config, info.policies, info.name, file);
        const analyzer: StackAnalyzer = {
            pack: { name: info.name, version: info.version },
            policies: info.policies,
            analyze: (rendered, analysis) =>
                analyzeRenderedStack(rendered, {
                    pack,
                    policyConfig: analysis.policyConfigFile ? configs.get(analysis.policyConfigFile) : {},
                    policyConfigSource: analysis.policyConfigFile,
                    stackTags: analysis.stackTags,
                }),
            close: () => pack.close(),
        };
        return analyzer;
    } catch (err) {
        await pack.close();
        throw err;
    }
};
