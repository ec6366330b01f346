#!/usr/bin/env node
// `trailguard query` over 1,000,000 CloudTrail records in `{"Records": […]}` .json.gz files, generated
// from the shapes of the real fixture records (test/fixtures/cloudtrail, fresh eventIDs, times and
// source IPs), against two references measured in the same run on the same files:
//   floor  - DuckDB alone (@duckdb/node-api, same settings) running the same aggregation straight on
//            read_json, reading only the fields the aggregation needs: what the embedded engine costs;
//   replay - `trailguard replay` over the same files: trailguard's streaming reader and 15 patterns.
// query runs `trailguard query callVolumeByHour` (calls, errors and distinct actions per principal and
// hour) through the CLI. Each measurement is its own process (wall time, peak RSS). Prints the ratios
// query/floor and query/replay; a report, not a gate. Run after `npm run build`.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { gzipSync } = require("zlib");

const root = path.resolve(__dirname, "..");
const { fixtureRecords } = require("./fixtureRecords");
const RECORDS = 1_000_000;
const PER_FILE = 10_000;

/** Writes RECORDS records as CloudTrail delivers them: one gzipped `{"Records": […]}` file per PER_FILE records. */
function generate(dir, shapes) {
    const base = Date.parse("2024-07-31T00:00:00Z");
    let bytes = 0;
    for (let start = 0; start < RECORDS; start += PER_FILE) {
        const batch = [];
        for (let i = start; i < Math.min(start + PER_FILE, RECORDS); i++) {
            const record = { ...shapes[i % shapes.length] };
            record.eventID = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
            record.eventTime = new Date(base + i * 37).toISOString().replace(/\.\d{3}Z$/, "Z");
            record.sourceIPAddress = `198.51.${(i >> 8) & 255}.${i & 255}`;
            batch.push(JSON.stringify(record));
        }
        const text = `{"Records":[${batch.join(",")}]}`;
        bytes += text.length;
        fs.writeFileSync(path.join(dir, `111122223333_CloudTrail_us-east-1_${String(start / PER_FILE).padStart(4, "0")}.json.gz`), gzipSync(text, { level: 6 }));
    }
    return bytes;
}

/** Runs a command as its own process; wall seconds and peak RSS (from /usr/bin/time when available). */
function measure(args) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`${args.join(" ")} failed (${run.status}): ${run.stderr.slice(0, 500)}`);
    return { seconds, stdout: run.stdout };
}

const FLOOR_SCRIPT = `
const { DuckDBInstance } = require(${JSON.stringify(require.resolve("@duckdb/node-api", { paths: [root] }))});
(async () => {
    const dir = process.argv[1];
    const db = await DuckDBInstance.create(":memory:", { memory_limit: "1GB", preserve_insertion_order: "false" });
    const c = await db.connect();
    const files = "'" + dir.replace(/'/g, "''") + "/*.json.gz'";
    const columns = "{'Records': 'STRUCT(\\"eventTime\\" VARCHAR, \\"eventName\\" VARCHAR, \\"errorCode\\" VARCHAR, \\"userIdentity\\" STRUCT(arn VARCHAR, \\"principalId\\" VARCHAR, \\"invokedBy\\" VARCHAR))[]'}";
    const sql = "SELECT coalesce(r.userIdentity.arn, r.userIdentity.principalId, r.userIdentity.invokedBy) AS principal, substr(r.eventTime, 1, 13) || ':00:00Z' AS hour, count(*) AS calls, count_if(r.errorCode IS NOT NULL) AS errors, count(DISTINCT r.eventName) AS actions " +
        "FROM (SELECT unnest(Records) AS r FROM read_json(" + files + ", format = 'unstructured', columns = " + columns + ")) GROUP BY 1, 2 ORDER BY hour, calls DESC, principal";
    const reader = await c.runAndReadAll(sql);
    const rows = reader.getRowsJson();
    process.stdout.write(JSON.stringify({ rows: rows.length, calls: rows.reduce((n, r) => n + Number(r[2]), 0) }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

function main() {
    const cli = path.join(root, "bin", "trailguard.js");
    if (!fs.existsSync(path.join(root, "dist", "cli", "query", "duckdbEngine.js"))) throw new Error("dist/ is missing: run `npm run build` first");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-query-bench-"));
    try {
        const bytes = generate(dir, fixtureRecords());
        const gz = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
        const floor = measure(["-e", FLOOR_SCRIPT, dir]);
        const query = measure([cli, "query", "callVolumeByHour", dir, "--format", "json"]);
        const replay = measure([cli, "replay", dir, "--format", "json", "--max-event-ids", "0"]);
        const floorResult = JSON.parse(floor.stdout);
        const queryResult = JSON.parse(query.stdout);
        const replayResult = JSON.parse(replay.stdout);
        const queryCalls = queryResult.rows.reduce((n, r) => n + r[2], 0);
        if (floorResult.calls !== RECORDS || queryCalls !== RECORDS || replayResult.events !== RECORDS) {
            throw new Error(`expected ${RECORDS} records, floor counted ${floorResult.calls}, query ${queryCalls}, replay ${replayResult.events}`);
        }
        if (floorResult.rows !== queryResult.rows.length) throw new Error(`floor gave ${floorResult.rows} groups, query ${queryResult.rows.length}`);
        const line = (name, s) => `${name.padEnd(44)}${s.seconds.toFixed(2).padStart(7)} s  ${Math.round(RECORDS / s.seconds).toString().padStart(8)} rec/s\n`;
        process.stdout.write(
            `${RECORDS} records in ${fs.readdirSync(dir).length} .json.gz files (${(gz / 1048576).toFixed(0)} MB gzipped, ${(bytes / 1048576).toFixed(0)} MB JSON)\n\n` +
                line("floor: DuckDB read_json, same aggregation", floor) +
                line("trailguard query callVolumeByHour", query) +
                line("trailguard replay (15 patterns)", replay) +
                `\nquery / floor:  ${(query.seconds / floor.seconds).toFixed(2)}x the time\n` +
                `query / replay: ${(query.seconds / replay.seconds).toFixed(2)}x the time\n`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main();
