// The real CloudTrail records in test/fixtures/cloudtrail (Stratus Red Team detonations, Panther
// test records and the edited ones), unwrapped: the shapes the replay and query benches copy into
// millions of synthetic records.
"use strict";
const fs = require("fs");
const path = require("path");

const fixtures = path.join(__dirname, "..", "test", "fixtures", "cloudtrail");

function fixtureRecords() {
    const out = [];
    const stratus = path.join(fixtures, "stratus-red-team");
    for (const f of fs.readdirSync(stratus).filter((f) => f.endsWith(".json")).sort()) {
        out.push(...JSON.parse(fs.readFileSync(path.join(stratus, f), "utf8")));
    }
    for (const file of [path.join(fixtures, "panther-analysis", "records.jsonl"), path.join(fixtures, "edited", "records.jsonl")]) {
        for (const line of fs.readFileSync(file, "utf8").split("\n")) if (line.trim()) out.push(JSON.parse(line).record);
    }
    return out;
}

module.exports = { fixtureRecords };
