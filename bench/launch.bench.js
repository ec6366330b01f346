#!/usr/bin/env node
// What the user types costs: the README runs the CLI as `node bin/trailguard.js`. This measures that
// against the ways a Node user might otherwise type it in this repository (`npx trailguard`,
// `npm exec`), and against the floor of a bare `node` that does nothing, for a command
// that does little (`--help`) and for the README's `check` of the shipped stacks. Medians of runs
// taken in turns, so that load on the shared machine weighs on all alike; ratios from this one run.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");

function seconds(command, args) {
    const started = process.hrtime.bigint();
    const run = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.error) throw run.error;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
    return elapsed;
}

function middle(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function main() {
    {
        const ways = [
            ["floor: node -e ''", process.execPath, () => ["-e", ""]],
            ["node bin/trailguard.js (documented)", process.execPath, (a) => [path.join("bin", "trailguard.js"), ...a]],
            ["npm exec --offline -- trailguard", "npm", (a) => ["exec", "--offline", "--", "trailguard", ...a]],
            ["npx trailguard", "npx", (a) => ["trailguard", ...a]],
        ];
        for (const [label, args, runs] of [
            ["--help", ["--help"], 7],
            ["check --quiet (shipped stacks)", ["check", "--quiet", "--format", "json"], 3],
        ]) {
            const samples = ways.map(() => []);
            for (let i = 0; i < runs; i++) ways.forEach(([, command, argv], w) => samples[w].push(seconds(command, argv(args))));
            const medians = samples.map(middle);
            const documented = medians[1];
            process.stdout.write(`\n${label} (median of ${runs})\n`);
            ways.forEach(([name], w) => {
                const ratio = w < 2 ? "" : `${(medians[w] / documented).toFixed(2)}x the documented way`;
                process.stdout.write(`  ${name.padEnd(38)} ${medians[w].toFixed(2).padStart(6)} s  ${ratio}\n`);
            });
        }
    }
}

main();
