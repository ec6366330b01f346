import type { CatalogueQuery } from "../catalogueQuery";
import { END, EVENT_COLUMNS_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const sourceIpActivity: CatalogueQuery = {
    id: "sourceIpActivity",
    title: "Everything from one source IP address",
    description:
        "Every event whose sourceIPAddress is `sourceIp` (an IPv4 or IPv6 address, or a service name such as ec2.amazonaws.com for calls AWS makes on your behalf). One row per event, oldest first.",
    parameters: [
        { name: "sourceIp", description: "the source IP address, exactly as CloudTrail records it", type: "string", required: true, example: "203.0.113.10" },
        START,
        END,
    ],
    references: [REFERENCES.validCloudAccounts],
    sql: `SELECT
  ${EVENT_COLUMNS_SQL}
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND sourceipaddress = ?
ORDER BY eventtime, eventid`,
    bindings: [...TIME_WINDOW_BINDINGS, "sourceIp"],
};
