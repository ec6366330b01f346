#!/usr/bin/env node
// `trailguard replay` throughput and memory. Generates JSON-lines CloudTrail logs from the shapes of
// the real fixture records (test/fixtures/cloudtrail: Stratus Red Team detonations and panther-analysis
// test records, with fresh eventIDs, times and source IPs), then measures in this one run:
//   floor  - the same streaming read plus JSON.parse of every record, nothing else;
//   replay - the real replay code path (dist/cli/replay) with every catalogue pattern.
// Each measurement runs in its own process so its peak RSS is its own. Prints records/s, the
// replay/floor throughput ratio (goal: at least 0.5) and peak RSS at two input sizes (goal: the same
// memory whatever the input size). Run after `npm run build`.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const { fixtureRecords } = require("./fixtureRecords");
const SIZES = [200_000, 1_000_000];
const GOAL_RATIO = 0.5;

function generate(file, count, shapes) {
    const fd = fs.openSync(file, "w");
    const base = Date.parse("2024-07-31T00:00:00Z");
    let batch = [];
    for (let i = 0; i < count; i++) {
        const record = { ...shapes[i % shapes.length] };
        record.eventID = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
        record.eventTime = new Date(base + i * 37).toISOString().replace(/\.\d{3}Z$/, "Z");
        record.sourceIPAddress = `198.51.${(i >> 8) & 255}.${i & 255}`;
        batch.push(JSON.stringify(record));
        if (batch.length === 10_000) {
            fs.writeSync(fd, batch.join("\n") + "\n");
            batch = [];
        }
    }
    if (batch.length > 0) fs.writeSync(fd, batch.join("\n") + "\n");
    fs.closeSync(fd);
}

function measure(mode, file) {
    const run = spawnSync(process.execPath, [path.join(__dirname, "replayWorker.js"), mode, file], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`${mode} failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
}

function main() {
    if (!fs.existsSync(path.join(root, "dist", "cli", "replay", "replayRun.js"))) {
        throw new Error("dist/ is missing: run `npm run build` first");
    }
    const shapes = fixtureRecords();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-replay-bench-"));
    const results = [];
    try {
        for (const size of SIZES) {
            const file = path.join(dir, `cloudtrail-${size}.jsonl`);
            generate(file, size, shapes);
            const mb = fs.statSync(file).size / 1024 / 1024;
            const floor = measure("floor", file);
            const replay = measure("replay", file);
            if (floor.records !== size || replay.records !== size) {
                throw new Error(`expected ${size} records, floor read ${floor.records}, replay ${replay.records}`);
            }
            results.push({ size, mb, floor, replay });
            fs.rmSync(file);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }

    const rate = (m) => Math.round(m.records / m.seconds);
    process.stdout.write(`${shapes.length} record shapes from test/fixtures/cloudtrail, ${results[0].replay.alarms} catalogue patterns\n\n`);
    process.stdout.write("records     input MB  floor rec/s  replay rec/s  ratio  floor RSS MB  replay RSS MB  matches\n");
    for (const r of results) {
        process.stdout.write(
            [
                String(r.size).padEnd(10),
                r.mb.toFixed(0).padStart(9),
                String(rate(r.floor)).padStart(12),
                String(rate(r.replay)).padStart(13),
                (rate(r.replay) / rate(r.floor)).toFixed(2).padStart(6),
                r.floor.maxRssMb.toFixed(0).padStart(13),
                r.replay.maxRssMb.toFixed(0).padStart(14),
                String(r.replay.matches).padStart(8),
            ].join(" ") + "\n",
        );
    }
    const large = results[results.length - 1];
    const small = results[0];
    const ratio = rate(large.replay) / rate(large.floor);
    const memoryGrowth = large.replay.maxRssMb / small.replay.maxRssMb;
    process.stdout.write(
        `\nreplay throughput at ${large.size} records: ${ratio.toFixed(2)} of the floor (goal >= ${GOAL_RATIO})\n` +
            `replay peak RSS, ${large.size} vs ${small.size} records: ${memoryGrowth.toFixed(2)}x (input ${(large.size / small.size).toFixed(0)}x larger)\n`,
    );
    if (ratio < GOAL_RATIO) process.exitCode = 1;
}

main();
