// Loads the real CloudTrail records copied into test/fixtures/cloudtrail (see ORIGIN.md there).
import * as fs from "fs";
import * as path from "path";

export const FIXTURE_DIR = path.resolve(__dirname, "../fixtures/cloudtrail");

type CloudTrailRecord = Record<string, unknown>;

interface TestLine {
    source: string;
    test: string;
    edit?: string;
    record: CloudTrailRecord;
}

/** A record from a Stratus Red Team detonation log, by technique file and eventID. */
export function stratusRecord(technique: string, eventID: string): CloudTrailRecord {
    const file = path.join(FIXTURE_DIR, "stratus-red-team", `${technique}.json`);
    const records = JSON.parse(fs.readFileSync(file, "utf8")) as CloudTrailRecord[];
    const found = records.find((r) => r["eventID"] === eventID);
    if (!found) throw new Error(`no record ${eventID} in ${file}`);
    return found;
}

/** A record from a panther-analysis rule test, by rule file name and test name. */
export function pantherRecord(ruleFile: string, test: string): CloudTrailRecord {
    return findLine(path.join(FIXTURE_DIR, "panther-analysis", "records.jsonl"), ruleFile, test).record;
}

/** A minimally edited panther-analysis record (edited/records.jsonl), by rule file and test name. */
export function editedRecord(ruleFile: string, test: string): CloudTrailRecord {
    return findLine(path.join(FIXTURE_DIR, "edited", "records.jsonl"), ruleFile, test).record;
}

function findLine(file: string, ruleFile: string, test: string): TestLine {
    const lines = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as TestLine);
    const found = lines.find((l) => l.source.endsWith(`/${ruleFile}`) && l.test === test);
    if (!found) throw new Error(`no test "${test}" of ${ruleFile} in ${file}`);
    return found;
}
