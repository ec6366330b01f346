#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.js in turn (never in parallel: each measures wall time
// on a shared machine) and fails if any of them fails.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const benches = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.js"))
    .sort();
let failed = 0;
for (const bench of benches) {
    process.stdout.write(`\n== ${bench}\n`);
    const run = spawnSync(process.execPath, [path.join(__dirname, bench)], { stdio: "inherit" });
    if (run.status !== 0) {
        failed++;
        process.stdout.write(`${bench} failed (exit ${run.status ?? run.signal})\n`);
    }
}
process.exitCode = failed > 0 ? 1 : 0;
