// `trailguard cost --from-logs` on real CloudTrail records (test/fixtures/cloudtrail: Stratus Red
// Team detonations and Panther's test records, see ORIGIN.md), written at test time into the
// layout CloudTrail delivers to S3: AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/*.json.gz,
// a few records per file. The expectations are counted here from the records and the bytes this
// test wrote, not by the code under test.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureLogs } from "../../cli/cost/measureLogs";

const repoRoot = path.resolve(__dirname, "..", "..");
const fixtures = path.join(repoRoot, "test", "fixtures", "cloudtrail");
const cli = path.join(repoRoot, "bin", "trailguard.js");
const ACCOUNT = "123456789012";
const RECORDS_PER_FILE = 3;

function fixtureRecords(): Record<string, any>[] {
    const stratus = fs
        .readdirSync(path.join(fixtures, "stratus-red-team"))
        .filter((f) => f.endsWith(".json"))
        .flatMap((f) => JSON.parse(fs.readFileSync(path.join(fixtures, "stratus-red-team", f), "utf8")) as Record<string, any>[]);
    const panther = fs
        .readFileSync(path.join(fixtures, "panther-analysis", "records.jsonl"), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l).record as Record<string, any>)
        .filter((r) => typeof r.awsRegion === "string" && typeof r.eventTime === "string");
    return [...stratus, ...panther];
}

interface Expected {
    days: Set<string>;
    files: number;
    compressed: number;
    uncompressed: number;
    read: number;
    write: number;
    data: number;
}

let dir: string;
const expected = new Map<string, Expected>();
const DIGEST_BYTES = [1500, 2500];

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-cost-logs-"));
    const groups = new Map<string, Record<string, any>[]>();
    for (const r of fixtureRecords()) {
        const key = `${r.awsRegion}|${r.eventTime.slice(0, 10)}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let n = 0;
    for (const [key, records] of groups) {
        const [region, day] = key.split("|") as [string, string];
        const [yyyy, mm, dd] = day.split("-");
        const folder = path.join(dir, "AWSLogs", ACCOUNT, "CloudTrail", region, yyyy!, mm!, dd!);
        fs.mkdirSync(folder, { recursive: true });
        const e = expected.get(region) ?? { days: new Set(), files: 0, compressed: 0, uncompressed: 0, read: 0, write: 0, data: 0 };
        expected.set(region, e);
        e.days.add(day);
        for (let i = 0; i < records.length; i += RECORDS_PER_FILE) {
            const chunk = records.slice(i, i + RECORDS_PER_FILE);
            const json = Buffer.from(JSON.stringify({ Records: chunk }));
            const gz = zlib.gzipSync(json);
            fs.writeFileSync(path.join(folder, `${ACCOUNT}_CloudTrail_${region}_${yyyy}${mm}${dd}T0000Z_${n++}.json.gz`), gz);
            e.files++;
            e.compressed += gz.length;
            e.uncompressed += json.length;
            for (const r of chunk) {
                if (r.eventCategory === "Data" || r.eventCategory === "NetworkActivity") e.data++;
                else if (r.readOnly === true) e.read++;
                else e.write++;
            }
        }
    }
    // Two digest files for us-east-1 on one day.
    const digestDir = path.join(dir, "AWSLogs", ACCOUNT, "CloudTrail-Digest", "us-east-1", "2019", "01", "01");
    fs.mkdirSync(digestDir, { recursive: true });
    DIGEST_BYTES.forEach((bytes, i) => fs.writeFileSync(path.join(digestDir, `${ACCOUNT}_CloudTrail-Digest_us-east-1_trail_us-east-1_20190101T0${i}0000Z.json.gz`), Buffer.alloc(bytes, 1)));
    // Something CloudTrail does not deliver is ignored.
    fs.writeFileSync(path.join(dir, "README.txt"), "not a log file");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("cost --from-logs", () => {
    it("measures, per region, events per day by category, record size, compression and objects per day", () => {
        const measured = measureLogs(dir, 999, false);
        expect(measured.volume.regions.map((r) => r.region)).toEqual([...expected.keys()].sort());
        expect(expected.size).toBeGreaterThan(5);
        for (const r of measured.volume.regions) {
            const e = expected.get(r.region)!;
            const days = e.days.size;
            expect(r.managementReadEventsPerDay, r.region).toBeCloseTo(e.read / days, 10);
            expect(r.managementWriteEventsPerDay, r.region).toBeCloseTo(e.write / days, 10);
            expect(r.dataEventsPerDay, r.region).toBeCloseTo(e.data / days, 10);
            expect(r.recordBytes, r.region).toBeCloseTo(e.uncompressed / (e.read + e.write + e.data), 10);
            expect(r.compressionRatio, r.region).toBeCloseTo(e.uncompressed / e.compressed, 10);
            expect(r.logFilesPerDay, r.region).toBeCloseTo(e.files / days, 10);
        }
        // Digests measured where present (two files on one day), the fallback elsewhere.
        const east = measured.volume.regions.find((r) => r.region === "us-east-1")!;
        expect(east.digestFilesPerDay).toBe(2);
        expect(east.digestFileBytes).toBe(2000);
        const other = measured.volume.regions.find((r) => r.region !== "us-east-1")!;
        expect(other.digestFilesPerDay).toBe(24);
        expect(other.digestFileBytes).toBe(999);
    });

    it("runs end to end: JSON months whose totals are the sum of their items, and an SVG chart", () => {
        const chart = path.join(dir, "cost.svg");
        const run = spawnSync(process.execPath, [cli, "cost", "--stack", "prod", "--from-logs", dir, "--format", "json", "--chart", chart], { encoding: "utf8" });
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.volume.regions.length).toBe(expected.size);
        const allEvents = [...expected.values()].reduce((s, e) => s + (e.read + e.write + e.data) / e.days.size, 0);
        expect(report.volume.regions.reduce((s: number, r: any) => s + r.managementReadEventsPerDay + r.managementWriteEventsPerDay + r.dataEventsPerDay, 0)).toBeCloseTo(allEvents, 8);
        expect(report.months.length).toBe(report.horizonMonths);
        for (const month of report.months) {
            expect(month.total).toBeCloseTo(month.items.reduce((s: number, i: any) => s + i.usd, 0), 10);
        }
        expect(report.prices.figures.every((f: any) => f.source.startsWith("https://") && /^\d{4}-\d{2}-\d{2}$/.test(f.asOf))).toBe(true);

        const svg = fs.readFileSync(chart, "utf8");
        expect(XMLValidator.validate(svg)).toBe(true);
        const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
        expect(doc.svg["@_width"]).toBe("960");
        const texts = JSON.stringify(doc);
        for (const label of ["STANDARD", "monthly cost (USD)", "stored GB"]) expect(texts).toContain(label);
    });
});
