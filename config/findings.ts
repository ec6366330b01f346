// Collects what the cross-field rules find: problems stop the program, warnings are logged.
// `given` tells a value the user wrote from one an environment default filled in, so a message can
// say "(the prod default)" instead of sending the user looking for a key they never set.
import { configKey, problemLine, valueAt, type ConfigPath } from "./configProblems";
import type { Environment } from "./settings";

export interface ConfigWarning {
    /** Full config key, e.g. `trailguard:alarms.custom[0].pattern`. */
    key: string;
    message: string;
}

export class Findings {
    readonly problems: string[] = [];
    readonly warnings: ConfigWarning[] = [];

    constructor(
        private readonly raw: unknown,
        readonly environment: Environment,
        /** Offline render: SECRET_PLACEHOLDER stands for secrets only the real run can read and compare. */
        readonly offlineSecrets = false,
    ) {}

    /** True when the stack config itself sets this key (rather than an environment default). */
    given(path: ConfigPath): boolean {
        return valueAt(this.raw, path) !== undefined;
    }

    /** "90" or "90, the prod default", for citing another key's value inside a message. */
    cite(path: ConfigPath, value: unknown): string {
        return this.given(path) ? JSON.stringify(value) : `${JSON.stringify(value)}, the ${this.environment} default`;
    }

    /** A problem with the value at `path`; a message starting "expected" gets "got <value>" in front. */
    problem(path: ConfigPath, value: unknown, message: string): void {
        const line = problemLine(path, value, message);
        this.problems.push(this.given(path) ? line : `${line} (from the ${this.environment} defaults)`);
    }

    warn(path: ConfigPath, message: string): void {
        this.warnings.push({ key: configKey(path), message });
    }
}
