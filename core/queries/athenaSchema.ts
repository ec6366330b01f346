// The columns of the Athena table AWS documents for CloudTrail logs, defined once. The Athena DDL
// (cloudTrailTableDdl), the Glue table of the baseline and the DuckDB view of `trailguard query` are
// all derived from this list, so the catalogue's SQL meets the same names and types on both engines.
//
// Source: "Create the table for CloudTrail logs in Athena using partition projection",
// https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
// (column names lower-case as there; Hive's JsonSerDe matches JSON keys case-insensitively, so each
// field also records the exact key CloudTrail writes, which engines matching keys exactly need).
// The partition columns are those of an organization-capable layout
// (`AWSLogs/[<org id>/]<account>/CloudTrail/<region>/<yyyy/MM/dd>/`), see CLOUDTRAIL_PARTITION_COLUMNS.

/** A Hive/Athena column type: scalar strings, structs, arrays and maps are all the table uses. */
export type AthenaType =
    | { kind: "string" }
    | { kind: "struct"; fields: readonly AthenaField[] }
    | { kind: "array"; element: AthenaType }
    | { kind: "map"; key: AthenaType; value: AthenaType };

export interface AthenaField {
    /** The column or struct field name, as in AWS's DDL (lower-case). */
    name: string;
    /** The key CloudTrail writes in its JSON records (exact case). */
    jsonKey: string;
    type: AthenaType;
}

const STRING: AthenaType = { kind: "string" };
const field = (jsonKey: string, type: AthenaType = STRING): AthenaField => ({ name: jsonKey.toLowerCase(), jsonKey, type });
const struct = (...fields: AthenaField[]): AthenaType => ({ kind: "struct", fields });

/** The data columns, in the documented order. */
export const CLOUDTRAIL_COLUMNS: readonly AthenaField[] = [
    field("eventVersion"),
    field(
        "userIdentity",
        struct(
            field("type"),
            field("principalId"),
            field("arn"),
            field("accountId"),
            field("invokedBy"),
            field("accessKeyId"),
            field("userName"),
            field("onBehalfOf", struct(field("userId"), field("identityStoreArn"))),
            field(
                "sessionContext",
                struct(
                    field("attributes", struct(field("mfaAuthenticated"), field("creationDate"))),
                    field("sessionIssuer", struct(field("type"), field("principalId"), field("arn"), field("accountId"), field("userName"))),
                    field("ec2RoleDelivery"),
                    field("webIdFederationData", struct(field("federatedProvider"), field("attributes", { kind: "map", key: STRING, value: STRING }))),
                ),
            ),
        ),
    ),
    field("eventTime"),
    field("eventSource"),
    field("eventName"),
    field("awsRegion"),
    field("sourceIPAddress"),
    field("userAgent"),
    field("errorCode"),
    field("errorMessage"),
    // JSON objects in the record, kept as JSON text: query them with json_extract_scalar.
    field("requestParameters"),
    field("responseElements"),
    field("additionalEventData"),
    field("requestID"),
    field("eventID"),
    field("readOnly"),
    field("resources", { kind: "array", element: struct(field("ARN"), field("accountId"), field("type")) }),
    field("eventType"),
    field("apiVersion"),
    field("recipientAccountId"),
    field("serviceEventDetails"),
    field("sharedEventID"),
    field("vpcEndpointId"),
    field("vpcEndpointAccountId"),
    field("eventCategory"),
    field("addendum", struct(field("reason"), field("updatedFields"), field("originalRequestID"), field("originalEventID"))),
    field("sessionCredentialFromConsole"),
    field("edgeDeviceDetails"),
    field("tlsDetails", struct(field("tlsVersion"), field("cipherSuite"), field("clientProvidedHostHeader"))),
];

/** Data columns whose value is a JSON object in the record and JSON text in the table. */
export const JSON_TEXT_COLUMNS: ReadonlySet<string> = new Set(["requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails", "edgedevicedetails"]);

export interface PartitionColumn {
    name: string;
    /** What the value is, in the S3 key of a log file. */
    description: string;
}

/**
 * Partition columns, in S3 key order. All strings, as partition projection hands them over.
 * `timestamp` is a reserved word in Trino: quote it ("timestamp") in SQL.
 */
export const CLOUDTRAIL_PARTITION_COLUMNS: readonly PartitionColumn[] = [
    { name: "account", description: "the account id after AWSLogs/ (and the organization id, for an organization trail)" },
    { name: "region", description: "the Region after CloudTrail/" },
    { name: "timestamp", description: "the delivery date, yyyy/MM/dd" },
];

/**
 * How the table reads the files, as AWS's guide defines it: Hive's JSON SerDe over CloudTrail's own
 * input format, which reads the `Records` array of each delivered file.
 */
export const CLOUDTRAIL_TABLE_FORMAT = {
    serDe: "org.apache.hive.hcatalog.data.JsonSerDe",
    inputFormat: "com.amazon.emr.cloudtrail.CloudTrailInputFormat",
    outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
} as const;

/** The Hive type text Athena and Glue take, e.g. `struct<arn:string,accountid:string,type:string>`. */
export function athenaTypeText(type: AthenaType): string {
    switch (type.kind) {
        case "string":
            return "string";
        case "struct":
            return `struct<${type.fields.map((f) => `${f.name}:${athenaTypeText(f.type)}`).join(",")}>`;
        case "array":
            return `array<${athenaTypeText(type.element)}>`;
        case "map":
            return `map<${athenaTypeText(type.key)},${athenaTypeText(type.value)}>`;
    }
}

/** Every column name of the table, data columns then partition columns: what `SELECT *` returns. */
export function cloudTrailColumnNames(): string[] {
    return [...CLOUDTRAIL_COLUMNS.map((c) => c.name), ...CLOUDTRAIL_PARTITION_COLUMNS.map((p) => p.name)];
}

export interface CloudTrailTableDdlOptions {
    /** Database-qualified or plain table name, e.g. `cloudtrail`. */
    table: string;
    /** `s3://<bucket>/AWSLogs/` (or `…/AWSLogs/<org id>/` for an organization trail), ending in `/`. */
    location: string;
    /** Extra TBLPROPERTIES, e.g. partition projection settings. */
    tableProperties?: Readonly<Record<string, string>>;
}

/** The CREATE EXTERNAL TABLE statement Athena runs (Hive DDL, the form AWS documents). */
export function cloudTrailTableDdl(options: CloudTrailTableDdlOptions): string {
    const columns = CLOUDTRAIL_COLUMNS.map((c) => `  \`${c.name}\` ${athenaTypeText(c.type)}`).join(",\n");
    const partitions = CLOUDTRAIL_PARTITION_COLUMNS.map((p) => `\`${p.name}\` string`).join(", ");
    const properties = Object.entries(options.tableProperties ?? {})
        .map(([k, v]) => `  '${k}'='${v}'`)
        .join(",\n");
    return [
        `CREATE EXTERNAL TABLE \`${options.table}\` (`,
        columns,
        `)`,
        `PARTITIONED BY (${partitions})`,
        `ROW FORMAT SERDE '${CLOUDTRAIL_TABLE_FORMAT.serDe}'`,
        `STORED AS INPUTFORMAT '${CLOUDTRAIL_TABLE_FORMAT.inputFormat}'`,
        `OUTPUTFORMAT '${CLOUDTRAIL_TABLE_FORMAT.outputFormat}'`,
        `LOCATION '${options.location}'`,
        ...(properties ? [`TBLPROPERTIES (\n${properties}\n)`] : []),
    ].join("\n");
}
