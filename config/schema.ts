// The shape of trailguard's stack config: every key under `trailguard:` and what each may hold.
// Everything except `environment` is optional here; config/environmentDefaults.ts fills the gaps
// and config/rules/ checks what one key implies for another. Objects are strict, so a
// misspelt key is an error that lists the valid ones instead of a setting silently ignored.
// The parts holding values of a fixed format are built per ConfigSchemaOptions: an offline render
// accepts a secret's placeholder there (config/offlineSecrets.ts), a real run never does.
//
// Every issue message is written for a person: either "expected …" (the formatter prefixes the key
// and the value given) or a complete sentence. docs/configuration.md documents each key. Defaults per
// environment live only in config/environmentDefaults.ts (tested against the docs); a comment here
// states a default only where it is a rule, not a value per environment.
import { z } from "zod";
import {
    ALARM_STATISTICS,
    ARCHIVE_STORAGE_CLASSES,
    EXCLUDABLE_MANAGEMENT_EVENT_SOURCES,
    OBJECT_LOCK_MODES,
    TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES,
} from "../core/awsVocabulary";
import { DELIVERY_HEARTBEAT } from "../core/catalogue/deliveryHeartbeat";
import { REQUIREMENT_IDS } from "../core/retention/requirementProfiles";
import { MONITORING_CONTROL_IDS } from "../core/catalogue/monitoringControls";
import {
    ALARM_PERIOD_GRANULARITY,
    LOG_GROUP_RETENTION_DAYS,
    MAX_NAME_PREFIX_LENGTH,
    MAX_USER_TAGS,
    MIN_BYTES_SCANNED_CUTOFF_PER_QUERY,
} from "./awsLimits";
import {
    isAlarmId,
    isDynamoDbTableArn,
    isEmailAddress,
    isHttpsUrl,
    isLambdaFunctionArn,
    isMetricNamespace,
    isRegionName,
    isS3DataEventArn,
    isSqsQueueArn,
    isTrailName,
    namePrefixProblem,
    tagKeyProblem,
    tagValueProblem,
} from "./formats";
import { isSecretPlaceholder } from "./offlineSecrets";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export const INSIGHT_TYPES = ["ApiCallRateInsight", "ApiErrorRateInsight"] as const;

/** Top-level keys whose value is a string; every other key holds structured (YAML/JSON) config. */
export const SCALAR_KEYS = ["environment", "namePrefix"] as const;
export const STRUCTURED_KEYS = ["retention", "trail", "alarms", "notifications", "protection", "tags", "cost", "investigation"] as const;
export const TOP_LEVEL_KEYS: readonly string[] = [...SCALAR_KEYS, ...STRUCTURED_KEYS];

/** An object that rejects unknown keys, naming the valid ones. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T, hint = "") {
    const valid = `valid keys: ${Object.keys(shape).join(", ")}${hint}`;
    return z.strictObject(shape, {
        error: (issue) => (issue.code === "unrecognized_keys" ? valid : `expected a mapping with keys ${Object.keys(shape).join(", ")}`),
    });
}

/**
 * `pulumi config set --path` stores integers as numbers but "0.5" as a string, and hand-written
 * YAML may quote numbers: accept a number written as a string.
 */
function coerceNumber(value: unknown): unknown {
    return typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

function coerceBoolean(value: unknown): unknown {
    return value === "true" ? true : value === "false" ? false : value;
}

function integer(min: number, expected = min === 0 ? "a non-negative integer" : `an integer of at least ${min}`) {
    const error = `expected ${expected}`;
    return z.preprocess(coerceNumber, z.number({ error }).int({ error }).min(min, { error }));
}

function boolean() {
    return z.preprocess(coerceBoolean, z.boolean({ error: "expected true or false" }));
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
    return z.enum(values, { error: `expected one of ${values.join(", ")}` });
}

export interface ConfigSchemaOptions {
    /**
     * Offline render: `secure:` values read as SECRET_PLACEHOLDER, which a value that must have a
     * format then accepts in place of one. Default false: every value is what the user wrote.
     */
    offlineSecrets?: boolean;
}

/** `formatted(expected, isValid)`: a string of that format, or, offline, a secret's placeholder. */
function formattedFor({ offlineSecrets = false }: ConfigSchemaOptions) {
    return (expected: string, isValid: (value: string) => boolean) =>
        z
            .string({ error: `expected ${expected}` })
            .refine((value) => isValid(value) || (offlineSecrets && isSecretPlaceholder(value)), { error: `expected ${expected}` });
}

type Formatted = ReturnType<typeof formattedFor>;

function list<T extends z.ZodType>(item: T) {
    return z.array(item, { error: "expected a list" });
}

const days = (min: number) => integer(min, min === 0 ? "a non-negative whole number of days" : `a whole number of days, at least ${min}`);

// ---- retention -------------------------------------------------------------------------------

const transitionSchema = strictObject({
    /** Days after object creation. */
    days: days(0),
    /** One of STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE. */
    storageClass: oneOf(ARCHIVE_STORAGE_CLASSES),
});

const archiveSchema = strictObject({
    /** Transitions to colder storage classes, in days after creation. */
    transitions: list(transitionSchema).optional(),
    /** Log files expire this many days after creation. */
    expirationDays: days(1).optional(),
    /** Noncurrent versions are removed this many days after they become noncurrent. */
    noncurrentVersionExpirationDays: days(1).optional(),
    /** Incomplete multipart uploads are aborted after this many days. */
    abortIncompleteMultipartUploadDays: days(1).optional(),
    /** Which small objects S3 transitions (the lifecycle's TransitionDefaultMinimumObjectSize). */
    transitionDefaultMinimumObjectSize: oneOf(TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZES).optional(),
    /** Default: unknown. Size of a typical delivered log file, for the object-size warnings. */
    typicalObjectBytes: integer(1, "a whole number of bytes, at least 1").optional(),
});

const objectLockSchema = strictObject({
    /** COMPLIANCE: nobody, not even root, can delete a locked version. GOVERNANCE: privileged users can. */
    mode: oneOf(OBJECT_LOCK_MODES),
    /** Default retention of every new log object. */
    days: days(1),
});

const organizationPolicySchema = strictObject({
    /** Shortest life of a log file, in days. */
    retentionDays: days(1),
    /** Default: 0. Days from delivery a log file must stay readable without a restore. */
    immediatelyAvailableDays: days(0).optional(),
});

const OBJECT_LOCK_EXPECTED = "expected {mode: COMPLIANCE|GOVERNANCE, days: <n>}, or false for no Object Lock";

const retentionSchema = strictObject({
    /** One of CloudWatch's values; 0 means never expire. */
    logGroupDays: z.preprocess(
        coerceNumber,
        z
            .number({ error: `expected one of ${LOG_GROUP_RETENTION_DAYS.join(", ")} (0 = never expire)` })
            .refine((n) => LOG_GROUP_RETENTION_DAYS.includes(n), {
                error: `expected one of CloudWatch Logs' retention values: ${LOG_GROUP_RETENTION_DAYS.join(", ")} (0 = never expire)`,
            }),
    ).optional(),
    archive: archiveSchema.optional(),
    /** S3 Object Lock default retention; `false` turns it off. */
    objectLock: z.union([z.literal(false), z.null(), objectLockSchema], { error: OBJECT_LOCK_EXPECTED }).optional(),
    /** Expiration of the archive's S3 server access logs, in days. */
    accessLogExpirationDays: days(1).optional(),
    /** Retention requirements (core/retention/requirementProfiles.ts) the retention must meet. */
    requirements: list(oneOf(REQUIREMENT_IDS)).optional(),
    /** The period the organization's policy states, for requirements that leave it to the organization. */
    organizationPolicy: organizationPolicySchema.optional(),
});

// ---- trail -----------------------------------------------------------------------------------

const S3_ARN_EXPECTED = "an S3 bucket or prefix ARN (arn:aws:s3:::<bucket> or arn:aws:s3:::<bucket>/<prefix>/)";
const LAMBDA_ARN_EXPECTED = "a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)";
const DYNAMODB_ARN_EXPECTED = "a DynamoDB table ARN (arn:aws:dynamodb:<region>:<account>:table/<name>)";

function arnsOrAll(formatted: Formatted, expected: string, isValid: (value: string) => boolean) {
    return z.union([z.literal("all"), list(formatted(expected, isValid))], {
        error: `expected "all" or a list of ARNs`,
    });
}

function dataEventsSchema(formatted: Formatted) {
    return strictObject({
        /** Default: none. Object-level events of these buckets or prefixes. */
        s3: list(formatted(S3_ARN_EXPECTED, isS3DataEventArn)).optional(),
        /** Default: none. Invoke events of these functions, or "all". */
        lambda: arnsOrAll(formatted, LAMBDA_ARN_EXPECTED, isLambdaFunctionArn).optional(),
        /** Default: none. Item-level events of these tables, or "all". */
        dynamodb: arnsOrAll(formatted, DYNAMODB_ARN_EXPECTED, isDynamoDbTableArn).optional(),
    });
}

function trailSchema(formatted: Formatted) {
    return strictObject({
        /** Default: `<namePrefix>-trail`. */
        name: formatted(
            "a trail name: 3-128 letters, digits, '.', '_' or '-', starting and ending with a letter or digit",
            isTrailName,
        ).optional(),
        /** Default: false. Log every account of the AWS Organization (deploy from the management account). */
        organizationTrail: boolean().optional(),
        /** Default: none. Only kms.amazonaws.com and rdsdata.amazonaws.com can be left out. */
        excludeManagementEventSources: list(oneOf(EXCLUDABLE_MANAGEMENT_EVENT_SOURCES)).optional(),
        dataEvents: dataEventsSchema(formatted).optional(),
        /** CloudTrail Insights types. */
        insights: list(oneOf(INSIGHT_TYPES)).optional(),
        /** SNS message per delivered log file. */
        deliveryNotifications: boolean().optional(),
    });
}

// ---- alarms ----------------------------------------------------------------------------------

const threshold = z.preprocess(
    coerceNumber,
    z
        .number({ error: "expected a non-negative number" })
        .min(0, { error: "expected a non-negative number" }),
);

const period = z.preprocess(
    coerceNumber,
    z
        .number({ error: "expected a period in seconds" })
        .int({ error: `expected a whole number of seconds, a multiple of ${ALARM_PERIOD_GRANULARITY}` })
        .min(ALARM_PERIOD_GRANULARITY, {
            abort: true,
            error: `expected at least ${ALARM_PERIOD_GRANULARITY} seconds (metric filters publish one-minute metrics)`,
        })
        .refine((n) => n % ALARM_PERIOD_GRANULARITY === 0, {
            error: `expected a multiple of ${ALARM_PERIOD_GRANULARITY} seconds (metric filters publish one-minute metrics)`,
        }),
);

/** What alarms.defaults may set for every catalogue alarm. Thresholds are per control by nature. */
const alarmDefaultsShape = {
    /** Default: true. */
    enabled: boolean().optional(),
    /** Default: the catalogue's (300 seconds). */
    period: period.optional(),
    /** Default: the catalogue's (1). */
    evaluationPeriods: integer(1).optional(),
    /** Default: evaluationPeriods (every evaluated period must breach). */
    datapointsToAlarm: integer(1).optional(),
    /** Default: the catalogue's (Sum). */
    statistic: oneOf(ALARM_STATISTICS).optional(),
};

const alarmTuningShape = { ...alarmDefaultsShape, threshold: threshold.optional() };

const alarmDefaultsSchema = strictObject(alarmDefaultsShape, " (thresholds are set per alarm, under alarms.overrides)");

const alarmOverrideSchema = strictObject(
    {
        ...alarmTuningShape,
        /** Why a CIS control is off (enabled false): the accepted exception, required then. No default. */
        reason: z.string({ error: "expected a text saying why the control is off" }).trim().min(1, { error: "expected a non-empty text saying why the control is off" }).optional(),
    },
    " (a catalogue alarm's pattern is fixed because Security Hub compares it exactly; add a custom alarm under alarms.custom instead)",
);

/** Every alarm the catalogue defines: the CIS monitoring controls, then the delivery heartbeat. */
export const CATALOGUE_ALARM_IDS: readonly string[] = [...MONITORING_CONTROL_IDS, DELIVERY_HEARTBEAT.id];

const catalogueId = z.string().refine((id) => CATALOGUE_ALARM_IDS.includes(id), {
    error: (issue) => `unknown alarm id ${JSON.stringify(issue.input)}; valid ids: ${CATALOGUE_ALARM_IDS.join(", ")}`,
});

function customAlarmSchema(formatted: Formatted) {
    return strictObject({
        id: formatted("an alarm id: a letter, then up to 63 letters, digits or hyphens", isAlarmId),
        /** Default: the id. */
        title: z.string({ error: "expected a text" }).min(1, { error: "expected a non-empty text" }).optional(),
        /** CloudWatch Logs filter pattern over CloudTrail events, e.g. `{ $.eventName = "DeleteBucket" }`. */
        pattern: z.string({ error: "expected a CloudWatch Logs filter pattern" }),
        /** Default: the id in PascalCase. */
        metricName: z
            .string({ error: "expected a metric name" })
            .regex(/^[A-Za-z0-9._-]{1,255}$/, { error: "expected a metric name of letters, digits, '.', '_' or '-'" })
            .optional(),
        ...alarmTuningShape,
    });
}

function alarmsSchema(formatted: Formatted) {
    return strictObject({
        /** Default: CloudTrailMetrics. */
        namespace: formatted("a CloudWatch namespace (letters, digits, . _ - / # : space; not starting with AWS/)", isMetricNamespace).optional(),
        defaults: alarmDefaultsSchema.optional(),
        overrides: z.record(catalogueId, alarmOverrideSchema, { error: "expected a mapping of alarm id to settings" }).optional(),
        custom: list(customAlarmSchema(formatted)).optional(),
    });
}

// ---- notifications, protection, tags ---------------------------------------------------------

function notificationsSchema(formatted: Formatted) {
    return strictObject({
        email: list(formatted("an email address", isEmailAddress)).optional(),
        https: list(formatted("an https:// URL", isHttpsUrl)).optional(),
        sqs: list(formatted("an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)", isSqsQueueArn)).optional(),
        lambda: list(formatted(LAMBDA_ARN_EXPECTED, isLambdaFunctionArn)).optional(),
    });
}

const protectionSchema = strictObject({
    /** Cannot be false in prod. */
    protect: boolean().optional(),
    /** Cannot be false in prod. */
    retainOnDelete: boolean().optional(),
    /** Default: false. Only allowed in dev. */
    forceDestroy: boolean().optional(),
});

/** YAML reads `CostCenter: 1234` as a number; a tag value is text either way. */
const tagValue = z.preprocess(
    (v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v),
    z.string({ error: "expected a tag value (text)" }).superRefine((value, ctx) => {
        const problem = tagValueProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: `expected ${problem}` });
    }),
);

const tagKey = z.string().superRefine((key, ctx) => {
    const problem = tagKeyProblem(key);
    if (problem) ctx.addIssue({ code: "custom", message: `tag key ${JSON.stringify(key)}: expected ${problem}` });
});

const tagsSchema = z
    .record(tagKey, tagValue, { error: "expected a mapping of tag key to value" })
    .refine((tags) => Object.keys(tags).length <= MAX_USER_TAGS, {
        error: `expected at most ${MAX_USER_TAGS} tags (AWS allows 50 per resource; trailguard adds its own)`,
    });

// ---- cost: the volume `trailguard cost` prices (docs/cost.md) ---------------------------------

function positiveNumber(expected: string) {
    const error = `expected ${expected}`;
    return z.preprocess(coerceNumber, z.number({ error }).positive({ error }));
}

function nonNegativeNumber() {
    const error = "expected a number of events per day, at least 0";
    return z.preprocess(coerceNumber, z.number({ error }).min(0, { error }));
}

const regionVolumeSchema = strictObject({
    region: z.string({ error: "expected an AWS region name" }).refine(isRegionName, { error: "expected an AWS region name such as eu-west-1" }),
    managementReadEventsPerDay: nonNegativeNumber(),
    managementWriteEventsPerDay: nonNegativeNumber(),
    /** Default 0. Priced only when the trail selects data events. */
    dataEventsPerDay: nonNegativeNumber().optional(),
});

const costSchema = strictObject({
    /** Events per day by region and category. */
    regions: list(regionVolumeSchema).min(1, { error: "expected at least one region" }).optional(),
    /** Average uncompressed size of one record. */
    recordBytes: positiveNumber("a size in bytes greater than 0").optional(),
    /** Uncompressed ÷ gzip-compressed size of the delivered files. */
    compressionRatio: z.preprocess(coerceNumber, z.number({ error: "expected a ratio of at least 1" }).min(1, { error: "expected a ratio of at least 1" })).optional(),
    logFilesPerRegionPerDay: integer(1, "a whole number of files per day, at least 1").optional(),
    digestFileBytes: positiveNumber("a size in bytes greater than 0").optional(),
    /** Another trail already delivers this account's management events, so this copy is charged. */
    paidManagementEventCopy: boolean().optional(),
});

// ---- investigation ---------------------------------------------------------------------------

const investigationSchema = strictObject({
    /** The Glue table over the archive, the Athena workgroup, its results bucket and the named queries. */
    enabled: boolean().optional(),
    /** Athena cancels a query of this workgroup once it has scanned this many bytes. */
    bytesScannedCutoffPerQuery: integer(
        MIN_BYTES_SCANNED_CUTOFF_PER_QUERY,
        `a whole number of bytes, at least ${MIN_BYTES_SCANNED_CUTOFF_PER_QUERY} (Athena's minimum, 10 MB)`,
    ).optional(),
    /** Query results expire from the results bucket this many days after they are written. */
    resultExpirationDays: days(1).optional(),
});

// ---- the whole config ------------------------------------------------------------------------

const namePrefixSchema = z.string().superRefine((value, ctx) => {
    const problem = namePrefixProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `expected ${problem}` });
    if (value.length > MAX_NAME_PREFIX_LENGTH) {
        ctx.addIssue({
            code: "custom",
            message: `expected at most ${MAX_NAME_PREFIX_LENGTH} characters (the longest bucket name, <prefix>-s3-access-logs-<account id>, must fit S3's 63)`,
        });
    }
});

function buildConfigSchema(options: ConfigSchemaOptions) {
    const formatted = formattedFor(options);
    return z.object({
        /** Required: dev, staging or prod. Selects every default below. */
        environment: oneOf(ENVIRONMENTS),
        /** Default: `trailguard-<environment>`. Prefix of every physical name. */
        namePrefix: namePrefixSchema.optional(),
        retention: retentionSchema.optional(),
        trail: trailSchema(formatted).optional(),
        alarms: alarmsSchema(formatted).optional(),
        notifications: notificationsSchema(formatted).optional(),
        protection: protectionSchema.optional(),
        tags: tagsSchema.optional(),
        cost: costSchema.optional(),
        investigation: investigationSchema.optional(),
    });
}

/** The schema of a real run, where every value is what the user wrote; the docs are checked against it. */
export const configSchema = buildConfigSchema({});
let offlineConfigSchema: typeof configSchema | undefined;

/** The schema for these options; the offline one is built the first time it is asked for. */
export function configSchemaFor(options: ConfigSchemaOptions = {}): typeof configSchema {
    if (!options.offlineSecrets) return configSchema;
    return (offlineConfigSchema ??= buildConfigSchema({ offlineSecrets: true }));
}

export type RawConfig = z.infer<typeof configSchema>;
export type RawCustomAlarm = z.infer<ReturnType<typeof customAlarmSchema>>;
export type RawAlarmOverride = z.infer<typeof alarmOverrideSchema>;
