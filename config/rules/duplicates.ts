// A value listed twice: harmless to AWS at best, a resource-name collision at worst, and nearly
// always a copy-paste slip hiding the value that was meant.
import type { ConfigPath } from "../configProblems";
import type { Findings } from "../findings";
import { isSecretPlaceholder } from "../offlineSecrets";

export function checkNoDuplicates(path: ConfigPath, values: readonly string[], findings: Findings): void {
    const firstIndex = new Map<string, number>();
    values.forEach((value, i) => {
        // Two secrets read as the same placeholder offline; only the real run can compare them.
        if (findings.offlineSecrets && isSecretPlaceholder(value)) return;
        const first = firstIndex.get(value);
        if (first === undefined) firstIndex.set(value, i);
        else findings.problem([...path, i], value, `expected each value once; it is already listed at [${first}]`);
    });
}
