// Prices are data: every figure the cost model uses, with the public page it was transcribed from
// and when. One region is built in (us-east-1); `trailguard cost --prices FILE` loads another table
// of the same shape (cli/cost/priceFile.ts validates it). Figures are USD, list prices, first usage
// tier, no free tier: free tiers are per account and shared with everything else the account runs.
import type { StorageClass } from "./storageClasses";

/** One figure: what it costs, per what, and where that is written. */
export interface PriceFigure {
    usd: number;
    /** The unit the figure is per, as the pricing page states it. */
    per: string;
    /** The public page that states the figure. */
    source: string;
    /** The date the figure was transcribed from that page (YYYY-MM-DD). */
    asOf: string;
}

export interface PriceTable {
    region: string;
    currency: "USD";
    cloudTrail: {
        /** A second (or later) copy of management events; the first copy is free. */
        additionalManagementEventsPer100k: PriceFigure;
        dataEventsPer100k: PriceFigure;
        /** Per Insights type, per 100,000 events it analyses. */
        insightsEventsAnalysedPer100k: PriceFigure;
    };
    s3: {
        /** Storage per GB-month, per class (INTELLIGENT_TIERING: see intelligentTiering). */
        storagePerGbMonth: Record<Exclude<StorageClass, "INTELLIGENT_TIERING">, PriceFigure>;
        intelligentTiering: {
            frequentPerGbMonth: PriceFigure;
            infrequentPerGbMonth: PriceFigure;
            archiveInstantPerGbMonth: PriceFigure;
            monitoringPer1000ObjectsMonth: PriceFigure;
        };
        /** PUT requests into S3 Standard, per 1,000 (what CloudTrail's deliveries are). */
        standardPutPer1000: PriceFigure;
        /** Lifecycle transition requests into each class, per 1,000. */
        transitionPer1000: Record<Exclude<StorageClass, "STANDARD">, PriceFigure>;
    };
    kms: {
        /** A customer managed key, per month. */
        keyMonth: PriceFigure;
        /** Added per month by each of a key's first two rotations (later rotations add nothing). */
        rotationKeyMonth: PriceFigure;
        requestsPer10k: PriceFigure;
    };
    cloudWatchLogs: {
        ingestionPerGb: PriceFigure;
        storagePerGbMonth: PriceFigure;
    };
    cloudWatch: {
        customMetricMonth: PriceFigure;
        /** A standard-resolution alarm, per month. */
        alarmMonth: PriceFigure;
    };
    sns: {
        publishPer1M: PriceFigure;
    };
}

const CLOUDTRAIL = "https://aws.amazon.com/cloudtrail/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const SNS = "https://aws.amazon.com/sns/pricing/";
const AS_OF = "2026-11-29";

const figure = (usd: number, per: string, source: string): PriceFigure => ({ usd, per, source, asOf: AS_OF });

/** us-east-1 (N. Virginia) list prices. */
export const US_EAST_1_PRICES: PriceTable = {
    region: "us-east-1",
    currency: "USD",
    cloudTrail: {
        additionalManagementEventsPer100k: figure(2.0, "100,000 management events delivered (additional copies)", CLOUDTRAIL),
        dataEventsPer100k: figure(0.1, "100,000 data events delivered", CLOUDTRAIL),
        insightsEventsAnalysedPer100k: figure(0.35, "100,000 events analysed, per Insights type", CLOUDTRAIL),
    },
    s3: {
        storagePerGbMonth: {
            STANDARD: figure(0.023, "GB-month (first 50 TB)", S3),
            STANDARD_IA: figure(0.0125, "GB-month", S3),
            ONEZONE_IA: figure(0.01, "GB-month", S3),
            GLACIER_IR: figure(0.004, "GB-month", S3),
            GLACIER: figure(0.0036, "GB-month", S3),
            DEEP_ARCHIVE: figure(0.00099, "GB-month", S3),
        },
        intelligentTiering: {
            frequentPerGbMonth: figure(0.023, "GB-month, Frequent Access tier (first 50 TB)", S3),
            infrequentPerGbMonth: figure(0.0125, "GB-month, Infrequent Access tier", S3),
            archiveInstantPerGbMonth: figure(0.004, "GB-month, Archive Instant Access tier", S3),
            monitoringPer1000ObjectsMonth: figure(0.0025, "1,000 objects of at least 128 KB, per month", S3),
        },
        standardPutPer1000: figure(0.005, "1,000 PUT, COPY, POST, LIST requests to S3 Standard", S3),
        transitionPer1000: {
            STANDARD_IA: figure(0.01, "1,000 lifecycle transition requests into Standard-IA", S3),
            INTELLIGENT_TIERING: figure(0.01, "1,000 lifecycle transition requests into Intelligent-Tiering", S3),
            ONEZONE_IA: figure(0.01, "1,000 lifecycle transition requests into One Zone-IA", S3),
            GLACIER_IR: figure(0.02, "1,000 lifecycle transition requests into Glacier Instant Retrieval", S3),
            GLACIER: figure(0.03, "1,000 lifecycle transition requests into Glacier Flexible Retrieval", S3),
            DEEP_ARCHIVE: figure(0.05, "1,000 lifecycle transition requests into Glacier Deep Archive", S3),
        },
    },
    kms: {
        keyMonth: figure(1.0, "customer managed key-month", KMS),
        rotationKeyMonth: figure(1.0, "key-month added by each of the first two rotations", KMS),
        requestsPer10k: figure(0.03, "10,000 requests", KMS),
    },
    cloudWatchLogs: {
        ingestionPerGb: figure(0.5, "GB ingested (standard log class)", CLOUDWATCH),
        storagePerGbMonth: figure(0.03, "GB-month stored, compressed", CLOUDWATCH),
    },
    cloudWatch: {
        customMetricMonth: figure(0.3, "custom metric-month (first 10,000 metrics)", CLOUDWATCH),
        alarmMonth: figure(0.1, "standard-resolution alarm metric-month", CLOUDWATCH),
    },
    sns: {
        publishPer1M: figure(0.5, "1 million API requests (publishes)", SNS),
    },
};

/** Every figure of a table with its dotted path, for docs and for checking a loaded file. */
export function priceFigures(table: PriceTable): { path: string; figure: PriceFigure }[] {
    const out: { path: string; figure: PriceFigure }[] = [];
    const walk = (value: unknown, path: string): void => {
        if (value === null || typeof value !== "object") return;
        const record = value as Record<string, unknown>;
        if (typeof record["usd"] === "number" && typeof record["source"] === "string") {
            out.push({ path, figure: record as unknown as PriceFigure });
            return;
        }
        for (const [key, child] of Object.entries(record)) walk(child, path ? `${path}.${key}` : key);
    };
    walk(table, "");
    return out;
}
