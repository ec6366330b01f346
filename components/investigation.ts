// Investigation at scale: Athena over the log archive, for the years of logs and the many accounts
// one laptop cannot hold. A Glue table over the archive's CloudTrail prefix whose partitions
// (account, Region, day) are projected from the S3 key layout, so no crawler and no ALTER TABLE ADD
// PARTITION; an Athena workgroup whose settings clients cannot override, writing results encrypted
// with the audit key into a private bucket where they expire; a per-query cap on bytes scanned; and
// the query catalogue as named queries. Athena reads only objects in classes it can read directly:
// docs/investigation.md says which window that is.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { InvestigationSettings } from "../config/settings";
import { CLOUDTRAIL_TABLE_FORMAT } from "../core/queries/athenaSchema";
import { AuditScope, bucketArn } from "./auditScope";
import { partitionRegions } from "./awsRegions";
import { denyInsecureTransportStatement, hardenPrivateBucket, HardenedBucketParts } from "./bucketHardening";
import { policyJson } from "./policyDocument";
import type { Tags } from "./protection";

/** One data column of the table, with its Hive type text (e.g. `struct<arn:string,…>`). */
export interface TableColumn {
    name: string;
    type: string;
}

/** The partition columns by role; each is a string, as partition projection hands it over. */
export interface PartitionColumnNames {
    account: string;
    region: string;
    /** The delivery day, `yyyy/MM/dd` as in the S3 key. */
    date: string;
}

/** A catalogue query as Athena stores it: SQL against `<database>.<table>` with `?` placeholders. */
export interface NamedQuerySource {
    id: string;
    title: string;
    description: string;
    sql: string;
}

export interface InvestigationArgs {
    scope: pulumi.Input<AuditScope>;
    settings: InvestigationSettings;
    /** The bucket CloudTrail delivers to. */
    archiveBucketName: pulumi.Input<string>;
    /** Set for an organization trail: every account's logs are under `AWSLogs/<organizationId>/<account>/`. */
    organizationId?: pulumi.Input<string>;
    /** The accounts whose logs the table projects; for a single-account trail, this account. */
    accountIds: pulumi.Input<string[]>;
    /** The archive keeps logs this long: partitions older than that would only be listed in vain. */
    archiveExpirationDays: number;
    /** The audit key: query results are written SSE-KMS with it. */
    kmsKeyArn: pulumi.Input<string>;
    databaseName: string;
    tableName: string;
    workgroupName: string;
    resultsBucketName: pulumi.Input<string>;
    columns: readonly TableColumn[];
    partitions: PartitionColumnNames;
    queries: readonly NamedQuerySource[];
    forceDestroy?: boolean;
    tags?: Tags;
}

/** Key prefix of query results in the results bucket. */
const RESULTS_PREFIX = "results/";
/** Expired results stay recoverable as noncurrent versions for a day, then are gone. */
const NONCURRENT_RESULT_DAYS = 1;
const ABORT_MULTIPART_DAYS = 1;
/** Athena's limit on a named query's description. */
const MAX_NAMED_QUERY_DESCRIPTION = 1024;

export class Investigation extends pulumi.ComponentResource {
    readonly database: aws.glue.CatalogDatabase;
    readonly table: aws.glue.CatalogTable;
    readonly resultsBucket: aws.s3.Bucket;
    readonly resultsBucketHardening: HardenedBucketParts;
    readonly resultsBucketPolicy: aws.s3.BucketPolicy;
    readonly resultsLifecycle: aws.s3.BucketLifecycleConfiguration;
    readonly workgroup: aws.athena.Workgroup;
    readonly namedQueries: aws.athena.NamedQuery[];

    readonly databaseName: pulumi.Output<string>;
    readonly tableName: pulumi.Output<string>;
    readonly workgroupName: pulumi.Output<string>;
    readonly resultsBucketName: pulumi.Output<string>;

    constructor(name: string, args: InvestigationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:athena:Investigation", name, {}, opts);
        const scope = pulumi.output(args.scope);

        this.database = new aws.glue.CatalogDatabase(
            `${name}-database`,
            { name: args.databaseName, description: "CloudTrail logs of the trailguard archive, for Athena", tags: args.tags },
            { parent: this },
        );

        // AWSLogs/<account>/… for one account's trail; AWSLogs/<organization id>/<account>/… for an
        // organization trail, whose every account (the management account too) delivers there.
        const logsRoot = pulumi
            .all([args.archiveBucketName, args.organizationId])
            .apply(([bucket, organizationId]) => `s3://${bucket}/AWSLogs/${organizationId ? `${organizationId}/` : ""}`);
        const parameters = pulumi
            .all([logsRoot, args.accountIds, scope])
            .apply(([root, accountIds, s]) => tableParameters(root, accountIds, partitionRegions(s.partition, s.region), args.partitions, args.archiveExpirationDays));

        this.table = new aws.glue.CatalogTable(
            `${name}-table`,
            {
                name: args.tableName,
                databaseName: this.database.name,
                description: "CloudTrail records, partitioned by account, Region and delivery day (partition projection)",
                tableType: "EXTERNAL_TABLE",
                parameters,
                partitionKeys: [args.partitions.account, args.partitions.region, args.partitions.date].map((column) => ({ name: column, type: "string" })),
                storageDescriptor: {
                    location: logsRoot,
                    inputFormat: CLOUDTRAIL_TABLE_FORMAT.inputFormat,
                    outputFormat: CLOUDTRAIL_TABLE_FORMAT.outputFormat,
                    serDeInfo: { serializationLibrary: CLOUDTRAIL_TABLE_FORMAT.serDe },
                    columns: args.columns.map((c) => ({ name: c.name, type: c.type })),
                },
            },
            { parent: this },
        );

        this.resultsBucket = new aws.s3.Bucket(
            `${name}-results-bucket`,
            { bucket: args.resultsBucketName, forceDestroy: args.forceDestroy ?? false, tags: args.tags },
            { parent: this },
        );
        this.resultsBucketHardening = hardenPrivateBucket(`${name}-results`, this.resultsBucket, { kind: "kms", kmsKeyArn: args.kmsKeyArn }, this);
        this.resultsBucketPolicy = new aws.s3.BucketPolicy(
            `${name}-results-policy`,
            {
                bucket: this.resultsBucket.id,
                policy: pulumi
                    .all([scope, args.resultsBucketName])
                    .apply(([s, bucketName]) => policyJson([denyInsecureTransportStatement(bucketArn(s, bucketName))])),
            },
            // S3 rejects concurrent policy and public-access-block writes on one bucket.
            { parent: this, dependsOn: [this.resultsBucketHardening.publicAccessBlock] },
        );
        this.resultsLifecycle = new aws.s3.BucketLifecycleConfiguration(
            `${name}-results-lifecycle`,
            {
                bucket: this.resultsBucket.id,
                rules: [
                    {
                        id: "expire-query-results",
                        status: "Enabled",
                        filter: { prefix: "" },
                        expiration: { days: args.settings.resultExpirationDays },
                        noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_RESULT_DAYS },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS },
                    },
                ],
            },
            { parent: this, dependsOn: [this.resultsBucketHardening.versioning] },
        );

        this.workgroup = new aws.athena.Workgroup(
            `${name}-workgroup`,
            {
                name: args.workgroupName,
                description: "Investigations over the CloudTrail archive: enforced result location, encryption and bytes-scanned cutoff",
                state: "ENABLED",
                // Deleting the workgroup also deletes its named queries (ours) and its query history;
                // who ran which query stays in CloudTrail (StartQueryExecution).
                forceDestroy: true,
                configuration: {
                    // Clients cannot choose another output location, drop the encryption or lift the cutoff.
                    enforceWorkgroupConfiguration: true,
                    publishCloudwatchMetricsEnabled: true,
                    bytesScannedCutoffPerQuery: args.settings.bytesScannedCutoffPerQuery,
                    engineVersion: { selectedEngineVersion: "Athena engine version 3" },
                    resultConfiguration: {
                        outputLocation: pulumi.interpolate`s3://${this.resultsBucket.bucket}/${RESULTS_PREFIX}`,
                        encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: args.kmsKeyArn },
                        expectedBucketOwner: scope.accountId,
                    },
                },
                tags: args.tags,
            },
            { parent: this, dependsOn: [this.resultsBucketPolicy, this.resultsBucketHardening.encryption] },
        );

        this.namedQueries = args.queries.map(
            (query) =>
                new aws.athena.NamedQuery(
                    `${name}-query-${query.id}`,
                    {
                        name: query.id,
                        description: namedQueryDescription(query),
                        database: this.database.name,
                        workgroup: this.workgroup.name,
                        query: query.sql,
                    },
                    { parent: this },
                ),
        );

        this.databaseName = this.database.name;
        this.tableName = this.table.name;
        this.workgroupName = this.workgroup.name;
        this.resultsBucketName = this.resultsBucket.bucket;
        this.registerOutputs({
            databaseName: this.databaseName,
            tableName: this.tableName,
            workgroupName: this.workgroupName,
            resultsBucketName: this.resultsBucketName,
        });
    }
}

/**
 * Partition projection as the Athena guide documents it for CloudTrail: account and Region as
 * `enum`s (every query may leave them open, which `injected` would refuse), the delivery day as a
 * `date` from as far back as the archive keeps logs until now, and the key template that turns the
 * three into an S3 prefix. `EXTERNAL` marks a table whose data Glue does not own.
 */
function tableParameters(
    logsRoot: string,
    accountIds: readonly string[],
    regions: readonly string[],
    partitions: PartitionColumnNames,
    archiveExpirationDays: number,
): Record<string, string> {
    const { account, region, date } = partitions;
    return {
        EXTERNAL: "TRUE",
        "projection.enabled": "true",
        [`projection.${account}.type`]: "enum",
        [`projection.${account}.values`]: [...new Set(accountIds)].join(","),
        [`projection.${region}.type`]: "enum",
        [`projection.${region}.values`]: regions.join(","),
        [`projection.${date}.type`]: "date",
        [`projection.${date}.format`]: "yyyy/MM/dd",
        [`projection.${date}.range`]: `NOW-${archiveExpirationDays}DAYS,NOW`,
        [`projection.${date}.interval`]: "1",
        [`projection.${date}.interval.unit`]: "DAYS",
        "storage.location.template": `${logsRoot}\${${account}}/CloudTrail/\${${region}}/\${${date}}`,
    };
}

/** `<title>: <description>`, cut to Athena's 1024 characters. */
function namedQueryDescription(query: NamedQuerySource): string {
    const text = `${query.title}: ${query.description}`.replace(/\s+/g, " ").trim();
    return text.length <= MAX_NAMED_QUERY_DESCRIPTION ? text : `${text.slice(0, MAX_NAMED_QUERY_DESCRIPTION - 1)}…`;
}
