import type { CatalogueQuery } from "../catalogueQuery";
import { PRINCIPAL_SQL, REFERENCES } from "../queryParts";

export const firstSeenCombinations: CatalogueQuery = {
    id: "firstSeenCombinations",
    title: "First-seen principal, IP and user-agent combinations",
    description:
        "Each combination of principal, source IP address and user agent whose first event in the data read is at or after `since`: everything before `since` is the baseline. A known principal from a new IP with a new tool is what stolen credentials look like. Give Athena (or DuckDB) as much history before `since` as the baseline should cover.",
    parameters: [
        {
            name: "since",
            description: "the end of the baseline: combinations first seen at or after it are reported",
            type: "timestamp",
            required: true,
            example: "2024-07-31T00:00:00Z",
        },
    ],
    references: [REFERENCES.validCloudAccounts],
    sql: `SELECT
  principal,
  sourceipaddress,
  useragent,
  firstseen,
  lastseen,
  events
FROM (
  SELECT
    ${PRINCIPAL_SQL} AS principal,
    sourceipaddress,
    useragent,
    min(eventtime) AS firstseen,
    max(eventtime) AS lastseen,
    count(*) AS events
  FROM cloudtrail
  GROUP BY 1, 2, 3
) AS combinations
WHERE from_iso8601_timestamp(firstseen) >= from_iso8601_timestamp(?)
ORDER BY firstseen, principal, sourceipaddress, useragent`,
    bindings: ["since"],
};
