// `trailguard cost --from-logs DIR`: the volume measured from CloudTrail files as delivered to S3
// (AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/*.json.gz, digests under
// CloudTrail-Digest/): per region, events per day by category, record size, compressed size and
// objects per day. A day counts when the sample holds a file of it, so a sample of whole days
// gives whole-day rates.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { DIGEST_FILES_PER_DAY, type RegionVolume, type TrailVolume } from "../../core/cost/trailVolume";
import { describeFsError } from "../fileErrors";
import { UserError } from "../userError";

const LAYOUT = "AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>.json.gz";
const DELIVERED = /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]+\/)?\d{12}\/(CloudTrail|CloudTrail-Digest|CloudTrail-Insight)\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.json(\.gz)?$/;

interface RegionSample {
    days: Set<string>;
    logFiles: number;
    compressedBytes: number;
    uncompressedBytes: number;
    managementRead: number;
    managementWrite: number;
    data: number;
    digestDays: Set<string>;
    digestFiles: number;
    digestBytes: number;
}

export interface MeasuredLogs {
    volume: TrailVolume;
    files: number;
}

function listFiles(dir: string): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "does not exist" : code === "ENOTDIR" ? "is not a directory" : `cannot be read (${describeFsError(err)})`;
        throw new UserError(`--from-logs ${dir}: the directory ${why}; expected a directory holding ${LAYOUT}`);
    }
    return entries.flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

function readDelivered(file: string): Buffer {
    const raw = fs.readFileSync(file);
    if (!file.endsWith(".gz")) return raw;
    try {
        return zlib.gunzipSync(raw);
    } catch {
        throw new UserError(`--from-logs: ${file}: not a gzip file; CloudTrail delivers log files as .json.gz`);
    }
}

function recordsOf(file: string, text: Buffer): Record<string, unknown>[] {
    let doc: unknown;
    try {
        doc = JSON.parse(text.toString("utf8"));
    } catch (err) {
        throw new UserError(`--from-logs: ${file}: not JSON (${(err as Error).message.split("\n")[0]}); expected a CloudTrail log file {"Records": [...]}`);
    }
    const records = (doc as { Records?: unknown } | null)?.Records;
    if (!Array.isArray(records)) throw new UserError(`--from-logs: ${file}: no "Records" list; expected a CloudTrail log file {"Records": [...]}`);
    return records as Record<string, unknown>[];
}

/**
 * Measures `dir`. Digest files give their size and count where the sample has them; regions
 * without any take 24 a day of `fallbackDigestBytes`.
 */
export function measureLogs(dir: string, fallbackDigestBytes: number, paidManagementEventCopy: boolean): MeasuredLogs {
    const samples = new Map<string, RegionSample>();
    const sample = (region: string) => {
        let s = samples.get(region);
        if (!s) {
            s = { days: new Set(), logFiles: 0, compressedBytes: 0, uncompressedBytes: 0, managementRead: 0, managementWrite: 0, data: 0, digestDays: new Set(), digestFiles: 0, digestBytes: 0 };
            samples.set(region, s);
        }
        return s;
    };
    let files = 0;
    for (const file of listFiles(dir)) {
        const match = DELIVERED.exec(file.split(path.sep).join("/"));
        if (!match) continue;
        const [, kind, region, yyyy, mm, dd] = match;
        const day = `${yyyy}-${mm}-${dd}`;
        const s = sample(region!);
        const size = fs.statSync(file).size;
        files++;
        if (kind === "CloudTrail-Digest") {
            s.digestDays.add(day);
            s.digestFiles++;
            s.digestBytes += size;
            continue;
        }
        if (kind === "CloudTrail-Insight") continue;
        const text = readDelivered(file);
        s.days.add(day);
        s.logFiles++;
        s.compressedBytes += size;
        s.uncompressedBytes += text.length;
        for (const record of recordsOf(file, text)) {
            // Network activity events are priced as data events and, like them, only recorded when selected.
            if (record["eventCategory"] === "Data" || record["eventCategory"] === "NetworkActivity") s.data++;
            else if (record["readOnly"] === true) s.managementRead++;
            else s.managementWrite++;
        }
    }
    const regions: RegionVolume[] = [...samples.entries()]
        .filter(([, s]) => s.logFiles > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([region, s]) => {
            const days = s.days.size;
            const records = s.managementRead + s.managementWrite + s.data;
            return {
                region,
                managementReadEventsPerDay: s.managementRead / days,
                managementWriteEventsPerDay: s.managementWrite / days,
                dataEventsPerDay: s.data / days,
                recordBytes: records > 0 ? s.uncompressedBytes / records : 0,
                compressionRatio: s.compressedBytes > 0 ? s.uncompressedBytes / s.compressedBytes : 1,
                logFilesPerDay: s.logFiles / days,
                digestFilesPerDay: s.digestFiles > 0 ? s.digestFiles / s.digestDays.size : DIGEST_FILES_PER_DAY,
                digestFileBytes: s.digestFiles > 0 ? s.digestBytes / s.digestFiles : fallbackDigestBytes,
            };
        });
    if (regions.length === 0) {
        throw new UserError(`--from-logs ${dir}: no CloudTrail log files found; expected ${LAYOUT}`);
    }
    return {
        volume: { regions, paidManagementEventCopy },
        files,
    };
}
