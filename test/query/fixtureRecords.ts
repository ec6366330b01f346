// The real CloudTrail records of test/fixtures/cloudtrail (Stratus Red Team detonations, panther-analysis
// test records, the three documented edits; licenses and origin in ORIGIN.md), and the two layouts the
// query tests read them in: JSON lines, and `{"Records": […]}` .json.gz files under AWSLogs/ as
// CloudTrail delivers them (one file per account, Region and day, a digest file beside them).
import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { FIXTURE_DIR } from "../filterPattern/cloudTrailFixtures";

export type CtRecord = Record<string, any>;

export function allFixtureRecords(): CtRecord[] {
    const out: CtRecord[] = [];
    const stratus = path.join(FIXTURE_DIR, "stratus-red-team");
    for (const f of fs.readdirSync(stratus).filter((f) => f.endsWith(".json")).sort()) {
        out.push(...JSON.parse(fs.readFileSync(path.join(stratus, f), "utf8")));
    }
    for (const file of ["panther-analysis/records.jsonl", "edited/records.jsonl"]) {
        for (const line of fs.readFileSync(path.join(FIXTURE_DIR, file), "utf8").split("\n")) if (line.trim()) out.push(JSON.parse(line).record);
    }
    return out;
}

/** Writes the records as two JSON-lines files under `dir`; returns the directory. */
export function writeJsonLines(records: readonly CtRecord[], dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    const half = Math.ceil(records.length / 2);
    fs.writeFileSync(path.join(dir, "a.jsonl"), records.slice(0, half).map((r) => JSON.stringify(r)).join("\n") + "\n");
    fs.writeFileSync(path.join(dir, "b.jsonl"), records.slice(half).map((r) => JSON.stringify(r)).join("\n") + "\n");
    return dir;
}

/** Writes the records as CloudTrail delivers them: AWSLogs/<account>/CloudTrail/<region>/<yyyy/MM/dd>/…json.gz. */
export function writeAwsLogs(records: readonly CtRecord[], dir: string): string {
    const files = new Map<string, CtRecord[]>();
    for (const r of records) {
        const account = /^\d{12}$/.test(String(r.recipientAccountId)) ? r.recipientAccountId : "111122223333";
        const region = typeof r.awsRegion === "string" && /^[a-z0-9-]+$/.test(r.awsRegion) ? r.awsRegion : "us-east-1";
        const day = typeof r.eventTime === "string" ? r.eventTime.slice(0, 10).replace(/-/g, "/") : "2024/01/01";
        const key = path.join("AWSLogs", account, "CloudTrail", region, day);
        files.set(key, [...(files.get(key) ?? []), r]);
    }
    let n = 0;
    for (const [key, group] of files) {
        const folder = path.join(dir, key);
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, `${key.split(path.sep)[1]}_CloudTrail_${n++}.json.gz`), gzipSync(JSON.stringify({ Records: group })));
    }
    // A digest file holds no events and must be skipped by the directory walk.
    const digest = path.join(dir, "AWSLogs", "111122223333", "CloudTrail-Digest", "us-east-1", "2024", "07", "31");
    fs.mkdirSync(digest, { recursive: true });
    fs.writeFileSync(path.join(digest, "111122223333_CloudTrail-Digest_us-east-1_x.json.gz"), gzipSync(JSON.stringify({ awsAccountId: "111122223333", digestStartTime: "2024-07-31T00:00:00Z" })));
    return dir;
}
