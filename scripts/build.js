#!/usr/bin/env node
// `npm run build`: compiles the program, CLI and config (dist/) and the policy pack (policies/bin/),
// then stamps the build with the time it started. The CLI and the test suite compare source files
// with that stamp (cli/buildFreshness.ts), so neither ever runs code older than the sources: a file
// saved while the compiler ran is newer than the stamp and triggers the next build.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const tsc = require.resolve("typescript/bin/tsc");
const started = new Date();

for (const project of ["tsconfig.json", path.join("policies", "tsconfig.json")]) {
    const run = spawnSync(process.execPath, [tsc, "-p", project], { cwd: root, stdio: "inherit" });
    if (run.status !== 0) process.exit(run.status ?? 1);
}

const stamp = path.join(root, "dist", ".build-stamp");
fs.writeFileSync(stamp, `${started.toISOString()}\n`);
fs.utimesSync(stamp, started, started);
