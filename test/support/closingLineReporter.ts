// Ends a test run with the plain line CI tools read ("N passed, N failed, N skipped"), after
// vitest's own summary. Skips are counted so a skipped test can never pass unnoticed.
import type { Reporter, TestModule } from "vitest/node";

export default class ClosingLineReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        for (const module of testModules) {
            if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
            for (const test of module.children.allTests()) {
                const state = test.result().state;
                if (state === "passed") passed++;
                else if (state === "failed") failed++;
                else skipped++;
            }
        }
        process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    }
}
