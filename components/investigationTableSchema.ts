// What the Investigation component builds from the shared query core: the Glue table's columns from
// the Athena schema AWS documents for CloudTrail (core/queries/athenaSchema.ts), its partition columns
// by role, and the query catalogue (core/queries/catalogue.ts) as named queries. One schema, so the
// catalogue's SQL meets in Athena the columns `trailguard query` gives it in DuckDB.
import { athenaTypeText, CLOUDTRAIL_COLUMNS, CLOUDTRAIL_PARTITION_COLUMNS } from "../core/queries/athenaSchema";
import { QUERY_CATALOGUE } from "../core/queries/catalogue";
import type { NamedQuerySource, PartitionColumnNames, TableColumn } from "./investigation";

/** The partition columns in S3 key order, by the role each plays in the projection. */
const PARTITION_ROLES: readonly (keyof PartitionColumnNames)[] = ["account", "region", "date"];

export interface InvestigationTableSchema {
    columns: TableColumn[];
    partitions: PartitionColumnNames;
    queries: NamedQuerySource[];
}

export function investigationTableSchema(): InvestigationTableSchema {
    // The key layout is AWSLogs/[<org>/]<account>/CloudTrail/<region>/<yyyy/MM/dd>: three partition
    // columns in that order. A schema with another shape would project the wrong prefixes.
    if (CLOUDTRAIL_PARTITION_COLUMNS.length !== PARTITION_ROLES.length) {
        throw new Error(`the CloudTrail table needs ${PARTITION_ROLES.length} partition columns (${PARTITION_ROLES.join(", ")}), the schema has ${CLOUDTRAIL_PARTITION_COLUMNS.length}`);
    }
    const partitions = Object.fromEntries(PARTITION_ROLES.map((role, i) => [role, CLOUDTRAIL_PARTITION_COLUMNS[i]!.name])) as unknown as PartitionColumnNames;
    return {
        columns: CLOUDTRAIL_COLUMNS.map((c) => ({ name: c.name, type: athenaTypeText(c.type) })),
        partitions,
        queries: QUERY_CATALOGUE.map((q) => ({ id: q.id, title: q.title, description: q.description, sql: q.sql })),
    };
}
