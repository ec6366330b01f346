// trailguard's own policy pack (policies/) behind the StackAnalyzer seam: started once (from its
// compiled main module, policyPackLaunch.ts), spoken to through the Analyzer service as the engine
// speaks to it, configured per stack with that stack's `--policy-pack-config` JSON, as a separate
// `pulumi preview --policy-pack policies` per stack would be.
import { RenderAnalysis } from "../analyzerClient/analyzeRenderedStack";
import { PolicyPackConfig, readPolicyPackConfig, resolvePolicyPackConfig } from "../analyzerClient/policyPackConfig";
import { launchTrailguardPack, PolicyPackLaunch } from "../analyzerClient/policyPackLaunch";
import { PolicyPackProcess } from "../analyzerClient/policyPackProcess";
import type { StartAnalyzer } from "./stackAnalyzer";

/** Analyses with a pack already launched (`trailguard check` launches it before loading the rest). */
export function packAnalyzerFor(launch: PolicyPackLaunch): StartAnalyzer {
    return (options) => {
        let configs = new Map<string, PolicyPackConfig>();
        // Runs to its first await at once: `configs` is read before any render begins.
        const running = (async () => {
            let pack: PolicyPackProcess | undefined;
            try {
                // Read every config before analysing: a file that is not JSON fails fast.
                configs = new Map(options.policyConfigFiles.map((file) => [file, readPolicyPackConfig(file)]));
                pack = await PolicyPackProcess.connect(launch);
                const info = await pack.info();
                // Unknown policies and settings that break a policy's schema fail before any stack is analysed.
                for (const [file, config] of configs) resolvePolicyPackConfig(config, info.policies, info.name, file);
                return { pack, info };
            } catch (err) {
                if (pack) await pack.close();
                else launch.kill();
                throw err;
            }
        })();
        const packReady = running.then(({ pack }) => pack);
        // Reported through `started`, and by every analysis that reaches its first turn.
        packReady.catch(() => undefined);
        return {
            begin: (render, analysis) =>
                new RenderAnalysis(packReady, render, {
                    policyConfig: analysis.policyConfigFile ? configs.get(analysis.policyConfigFile) : {},
                    policyConfigSource: analysis.policyConfigFile,
                    stackTags: analysis.stackTags,
                    answers: analysis.answers,
                }),
            started: running.then(({ pack, info }) => ({
                pack: { name: info.name, version: info.version },
                policies: info.policies,
                close: () => pack.close(),
            })),
        };
    };
}

/** Launches trailguard's pack when the run starts, as `trailguard check` does. */
export const startPackAnalyzer: StartAnalyzer = (options) => packAnalyzerFor(launchTrailguardPack())(options);
