#!/usr/bin/env node
// One measurement for replay.bench.js, in its own process so its peak RSS is its own:
//   node replayWorker.js floor <file>   read lines + JSON.parse only
//   node replayWorker.js replay <file>  the real `trailguard replay` path, all catalogue patterns
// Prints {"records", "seconds", "maxRssMb", "matches"} on stdout, plus "alarms" (patterns run) for replay.
"use strict";
const fs = require("fs");
const path = require("path");

const dist = path.resolve(__dirname, "..", "dist");

/** The floor: the same streaming read replay does (1 MiB chunks, utf8, split on \n), then JSON.parse. */
async function floor(file) {
    let records = 0;
    let pending = "";
    const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024, encoding: "utf8" });
    for await (const chunk of stream) {
        let start = 0;
        for (;;) {
            const nl = chunk.indexOf("\n", start);
            if (nl === -1) break;
            const line = pending.length === 0 ? chunk.slice(start, nl) : pending + chunk.slice(start, nl);
            pending = "";
            if (line.length > 0 && JSON.parse(line) !== null) records++;
            start = nl + 1;
        }
        pending += chunk.slice(start);
    }
    if (pending.length > 0 && JSON.parse(pending) !== null) records++;
    return { records, matches: 0 };
}

async function replay(file) {
    const { replayFiles } = require(path.join(dist, "cli", "replay", "replayRun.js"));
    const { catalogueAlarms } = require(path.join(dist, "cli", "replay", "replayAlarms.js"));
    const report = await replayFiles({ files: [file], unreadable: [] }, catalogueAlarms(), { maxEventIds: 100 });
    if (report.errors.length > 0) throw new Error(`replay reported problems: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return { records: report.events, matches: report.alarms.reduce((sum, a) => sum + a.matches, 0), alarms: report.alarms.length };
}

async function main() {
    const [mode, file] = process.argv.slice(2);
    const run = mode === "floor" ? floor : mode === "replay" ? replay : undefined;
    if (!run || !file) throw new Error("usage: replayWorker.js floor|replay <file>");
    const started = process.hrtime.bigint();
    const result = await run(file);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ ...result, seconds, maxRssMb }) + "\n");
}

main().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 1;
});
