// `trailguard cost --prices FILE`: a price table for another region or date, in the built-in
// table's shape (core/cost/priceTable.ts; `trailguard cost --format json` shows it under
// "prices"). Every figure must carry its source page and date, as the built-in ones do.
import * as fs from "fs";
import { z } from "zod";
import type { PriceTable } from "../../core/cost/priceTable";
import { ARCHIVE_STORAGE_CLASSES } from "../../core/awsVocabulary";
import { describeFsError } from "../fileErrors";
import { UserError } from "../userError";

const figure = z.strictObject({
    usd: z.number({ error: "expected a price in USD (a number)" }).min(0, { error: "expected a price of at least 0" }),
    per: z.string({ error: "expected the unit the price is per" }).min(1, { error: "expected the unit the price is per" }),
    source: z.url({ error: "expected the URL of the page that states the price" }),
    asOf: z.string({ error: "expected a date YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date YYYY-MM-DD" }),
});

const perClass = <K extends string>(classes: readonly K[]) => z.strictObject(Object.fromEntries(classes.map((c) => [c, figure])) as Record<K, typeof figure>);

const priceTableSchema = z.strictObject({
    region: z.string({ error: "expected a region name" }).min(1),
    currency: z.literal("USD", { error: 'expected "USD"' }),
    cloudTrail: z.strictObject({
        additionalManagementEventsPer100k: figure,
        dataEventsPer100k: figure,
        insightsEventsAnalysedPer100k: figure,
    }),
    s3: z.strictObject({
        storagePerGbMonth: perClass(["STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const),
        intelligentTiering: z.strictObject({
            frequentPerGbMonth: figure,
            infrequentPerGbMonth: figure,
            archiveInstantPerGbMonth: figure,
            monitoringPer1000ObjectsMonth: figure,
        }),
        standardPutPer1000: figure,
        transitionPer1000: perClass(ARCHIVE_STORAGE_CLASSES),
    }),
    kms: z.strictObject({ keyMonth: figure, rotationKeyMonth: figure, requestsPer10k: figure }),
    cloudWatchLogs: z.strictObject({ ingestionPerGb: figure, storagePerGbMonth: figure }),
    cloudWatch: z.strictObject({ customMetricMonth: figure, alarmMonth: figure }),
    sns: z.strictObject({ publishPer1M: figure }),
});

/** Reads and validates a price file; a mistake is one line naming the file, the key and what was expected. */
export function readPriceFile(file: string): PriceTable {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserError(`--prices ${file}: cannot read it: ${describeFsError(err)}`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw new UserError(`--prices ${file}: not JSON (${(err as Error).message.split("\n")[0]})`);
    }
    const parsed = priceTableSchema.safeParse(doc);
    if (!parsed.success) {
        const issues = parsed.error.issues;
        const first = issues[0]!;
        const key = first.path.join(".") || "(top level)";
        const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
        const given = first.path.reduce<unknown>((value, step) => (value as Record<PropertyKey, unknown> | undefined)?.[step as PropertyKey], doc);
        const message =
            first.code === "unrecognized_keys"
                ? `unknown key${first.keys.length > 1 ? "s" : ""} ${first.keys.join(", ")}`
                : given === undefined
                  ? "missing; every figure of the built-in table must be given ({usd, per, source, asOf})"
                  : first.message;
        throw new UserError(`--prices ${file}: ${key}: ${message}${more}`);
    }
    return parsed.data as PriceTable;
}
