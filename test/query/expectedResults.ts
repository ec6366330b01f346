// The second method: each catalogue query's answer computed with plain TypeScript over the parsed
// records, from the query's description (not from its SQL), so the tests compare two independent
// implementations. Values follow the Athena table's rules: missing → null, JSON scalars as text.
import type { CtRecord } from "./fixtureRecords";

type Cell = string | number | null;
export type Row = Cell[];

const str = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === "object" ? JSON.stringify(v) : String(v));
/** json_extract_scalar: a scalar as text; objects, arrays, null and missing values as null. */
const scalar = (obj: unknown, key: string): string | null => {
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return null;
    const v = (obj as Record<string, unknown>)[key];
    return v === undefined || v === null || typeof v === "object" ? null : String(v);
};
const principal = (r: CtRecord): string | null => str(r.userIdentity?.arn) ?? str(r.userIdentity?.principalId) ?? str(r.userIdentity?.invokedBy);
const time = (s: string): number => Date.parse(s);
const inWindow = (r: CtRecord, start: string, end: string): boolean =>
    typeof r.eventTime === "string" && time(r.eventTime) >= time(start) && time(r.eventTime) < time(end);

const eventRow = (r: CtRecord): Row => [
    str(r.eventTime),
    str(r.eventSource),
    str(r.eventName),
    str(r.awsRegion),
    str(r.sourceIPAddress),
    principal(r),
    str(r.userIdentity?.accessKeyId),
    str(r.errorCode),
    str(r.eventID),
];

function groupRows(records: readonly CtRecord[], key: (r: CtRecord) => Cell[], values: (group: CtRecord[]) => Cell[]): Row[] {
    const groups = new Map<string, { key: Cell[]; records: CtRecord[] }>();
    for (const r of records) {
        const k = key(r);
        const id = JSON.stringify(k);
        const g = groups.get(id) ?? { key: k, records: [] };
        g.records.push(r);
        groups.set(id, g);
    }
    return [...groups.values()].map((g) => [...g.key, ...values(g.records)]);
}
const times = (group: CtRecord[]): string[] => group.map((r) => r.eventTime as string).sort();
const firstLast = (group: CtRecord[]): Cell[] => [times(group)[0]!, times(group).at(-1)!];

const TRAIL_TAMPERING: Record<string, string[]> = {
    "cloudtrail.amazonaws.com": ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors"],
    "s3.amazonaws.com": ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketLifecycle", "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle", "PutBucketVersioning", "PutBucketLogging", "PutObjectLockConfiguration", "PutBucketAcl", "DeleteBucket"],
    "kms.amazonaws.com": ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"],
    "logs.amazonaws.com": ["DeleteLogGroup", "DeleteLogStream", "PutRetentionPolicy", "DeleteMetricFilter"],
};
const IAM_PERSISTENCE = new Set([
    "CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy",
    "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "AddUserToGroup", "CreatePolicyVersion", "SetDefaultPolicyVersion", "CreateRole", "UpdateAssumeRolePolicy",
]);

/** Sort keys: column index and direction, as each query's description promises its order. */
export type SortKey = [column: number, direction: "asc" | "desc"];

export interface Expectation {
    rows: Row[];
    order: SortKey[];
}

export function expectedResult(id: string, records: readonly CtRecord[], p: Record<string, string>): Expectation {
    const windowed = records.filter((r) => inWindow(r, p.start!, p.end!));
    const events = (keep: (r: CtRecord) => boolean, extra: (r: CtRecord) => Cell[] = () => []): Expectation => ({
        rows: windowed.filter(keep).map((r) => [...eventRow(r), ...extra(r)]),
        order: [[0, "asc"], [8, "asc"]],
    });
    switch (id) {
        case "principalActivity":
            return events((r) => [r.userIdentity?.arn, r.userIdentity?.accessKeyId, r.userIdentity?.userName, String(r.userIdentity?.principalId ?? "").split(":")[1]].includes(p.principal));
        case "sourceIpActivity":
            return events((r) => r.sourceIPAddress === p.sourceIp);
        case "rootActivity":
            return events((r) => r.userIdentity?.type === "Root" && r.userIdentity?.invokedBy == null && r.eventType !== "AwsServiceEvent");
        case "consoleSignIns":
            return {
                rows: groupRows(
                    windowed.filter((r) => r.eventName === "ConsoleLogin"),
                    (r) => [principal(r), str(r.userIdentity?.userName), str(r.sourceIPAddress), scalar(r.additionalEventData, "MFAUsed"), scalar(r.responseElements, "ConsoleLogin")],
                    (g) => [g.length, ...firstLast(g)],
                ),
                order: [[6, "asc"], [0, "asc"], [2, "asc"], [1, "asc"], [3, "asc"], [4, "asc"]],
            };
        case "accessDenied":
            return {
                rows: groupRows(
                    windowed.filter((r) => typeof r.errorCode === "string" && (r.errorCode.endsWith("UnauthorizedOperation") || r.errorCode.startsWith("AccessDenied"))),
                    (r) => [principal(r), str(r.eventSource), str(r.eventName), str(r.errorCode)],
                    (g) => [g.length, ...firstLast(g)],
                ),
                order: [[4, "desc"], [0, "asc"], [1, "asc"], [2, "asc"], [3, "asc"]],
            };
        case "auditTrailTampering": {
            const rp = (r: CtRecord, k: string) => scalar(r.requestParameters, k);
            return events(
                (r) => TRAIL_TAMPERING[r.eventSource]?.includes(r.eventName) === true,
                (r) => [rp(r, "name") ?? rp(r, "trailName") ?? rp(r, "bucketName") ?? rp(r, "keyId") ?? rp(r, "logGroupName")],
            );
        }
        case "iamPersistence": {
            const rp = (r: CtRecord, k: string) => scalar(r.requestParameters, k);
            return events(
                (r) => r.eventSource === "iam.amazonaws.com" && IAM_PERSISTENCE.has(r.eventName),
                (r) => [rp(r, "userName") ?? rp(r, "roleName") ?? rp(r, "groupName") ?? rp(r, "policyArn"), rp(r, "policyArn")],
            );
        }
        case "unusualRegions": {
            const usual = p.usualRegions!.split(",");
            return {
                rows: groupRows(
                    windowed.filter((r) => typeof r.awsRegion === "string" && !usual.includes(r.awsRegion)),
                    (r) => [str(r.recipientAccountId), str(r.awsRegion), principal(r), str(r.eventSource), str(r.eventName)],
                    (g) => [g.length, ...firstLast(g)],
                ),
                order: [[6, "asc"], [0, "asc"], [1, "asc"], [2, "asc"], [3, "asc"], [4, "asc"]],
            };
        }
        case "firstSeenCombinations":
            return {
                rows: groupRows(
                    records.filter((r) => typeof r.eventTime === "string"),
                    (r) => [principal(r), str(r.sourceIPAddress), str(r.userAgent)],
                    (g) => [...firstLast(g), g.length],
                ).filter((row) => time(row[3] as string) >= time(p.since!)),
                order: [[3, "asc"], [0, "asc"], [1, "asc"], [2, "asc"]],
            };
        case "callVolumeByHour":
            return {
                rows: groupRows(
                    windowed,
                    (r) => [principal(r), `${(r.eventTime as string).slice(0, 13)}:00:00Z`],
                    (g) => [g.length, g.filter((r) => r.errorCode != null).length, new Set(g.filter((r) => r.eventName != null).map((r) => r.eventName)).size],
                ),
                order: [[1, "asc"], [2, "desc"], [0, "asc"]],
            };
        default:
            throw new Error(`no expectation for ${id}`);
    }
}

/** ORDER BY's comparison: nulls last (Trino's and DuckDB's default), strings by code unit, numbers by value. */
export function compareByKeys(keys: readonly SortKey[]): (a: Row, b: Row) => number {
    return (a, b) => {
        for (const [i, dir] of keys) {
            const x = a[i] ?? null;
            const y = b[i] ?? null;
            if (x === y) continue;
            if (x === null) return 1;
            if (y === null) return -1;
            const c = x < y ? -1 : 1;
            return dir === "asc" ? c : -c;
        }
        return 0;
    };
}
