import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        // Compiles dist/ and policies/bin/ when a source is newer than the last build.
        globalSetup: ["./test/support/freshBuild.ts"],
        reporters: ["default", "./test/support/closingLineReporter.ts"],
        // Renders and the analyzer run in child processes; two cores, so keep the pool small.
        pool: "forks",
        maxWorkers: 2,
        testTimeout: 120_000,
        hookTimeout: 120_000,
    },
});
