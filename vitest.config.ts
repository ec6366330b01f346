import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        reporters: ["default", "./test/support/closingLineReporter.ts"],
        // Renders and the analyzer run in child processes; two cores, so keep the pool small.
        pool: "forks",
        maxWorkers: 2,
        testTimeout: 120_000,
        hookTimeout: 120_000,
    },
});
