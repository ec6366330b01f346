#!/usr/bin/env node
// `trailguard cost` speed: pricing 10 years (120 months) of a 10-region trail, the first (cold)
// estimate and the median of 20 more, as a fraction of one second (goal: well under 1). Also one
// `--suggest` search over the default plan space for the same trail. Prints; asserts nothing.
"use strict";
const path = require("path");
const dist = path.join(__dirname, "..", "dist");
const { estimateStackCost } = require(path.join(dist, "core", "cost", "estimateStackCost.js"));
const { US_EAST_1_PRICES } = require(path.join(dist, "core", "cost", "priceTable.js"));
const { suggestPlan } = require(path.join(dist, "cli", "cost", "suggestPlan.js"));

const REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1"];
const volume = {
    paidManagementEventCopy: false,
    regions: REGIONS.map((region, i) => ({
        region,
        managementReadEventsPerDay: 200_000 / (i + 1),
        managementWriteEventsPerDay: 40_000 / (i + 1),
        dataEventsPerDay: 500_000 / (i + 1),
        recordBytes: 1500,
        compressionRatio: 10,
        logFilesPerDay: 288,
        digestFilesPerDay: 24,
        digestFileBytes: 2048,
    })),
};
const stack = {
    environment: "prod",
    retention: {
        logGroupDays: 365,
        archive: {
            transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 365, storageClass: "DEEP_ARCHIVE" }],
            expirationDays: 2557,
            noncurrentVersionExpirationDays: 90,
            abortIncompleteMultipartUploadDays: 7,
            transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
        },
        objectLock: { mode: "COMPLIANCE", days: 2557 },
        accessLogExpirationDays: 365,
        requirements: ["pci-dss", "hipaa"],
    },
    trail: { dataEvents: { s3: ["arn:aws:s3:::data/"], lambda: [], dynamodb: [] }, insights: ["ApiCallRateInsight", "ApiErrorRateInsight"], deliveryNotifications: true },
    alarms: { alarms: Array.from({ length: 15 }, () => ({ enabled: true })), deliveryHeartbeat: { enabled: true } },
};

const time = (f) => {
    const start = process.hrtime.bigint();
    const result = f();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};
const cold = time(() => estimateStackCost(stack, volume, US_EAST_1_PRICES, { months: 120 }));
const warm = Array.from({ length: 20 }, () => time(() => estimateStackCost(stack, volume, US_EAST_1_PRICES, { months: 120 })).ms).sort((a, b) => a - b);
const median = warm[10];
const search = time(() => suggestPlan(stack, volume, US_EAST_1_PRICES));

console.log(`10 regions, 120 months, ${cold.result.months.length} months priced, $${cold.result.cumulativeTotal.toFixed(2)} in all`);
console.log(`estimate, first run:  ${cold.ms.toFixed(1)} ms = ${(cold.ms / 1000).toFixed(4)} of a second (goal: well under 1)`);
console.log(`estimate, median of 20 more: ${median.toFixed(2)} ms = ${(median / 1000).toFixed(5)} of a second`);
console.log(`--suggest over the default space: ${search.result.plansSearched} plans, ${search.result.plansCompliant} compliant, ${search.ms.toFixed(0)} ms`);
