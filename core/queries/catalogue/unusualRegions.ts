import type { CatalogueQuery } from "../catalogueQuery";
import { END, PRINCIPAL_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const unusualRegions: CatalogueQuery = {
    id: "unusualRegions",
    title: "Activity in Regions the account does not normally use",
    description:
        "Calls made in a Region outside `usualRegions`, per account, Region, principal and action, with counts and the first and last time. Global services log in us-east-1, so list it as usual when you use IAM, STS, CloudFront or Route 53. Intruders launch resources where nobody looks.",
    parameters: [
        {
            name: "usualRegions",
            description: "the Regions the account normally uses, comma-separated",
            type: "regionList",
            required: true,
            example: "us-east-1,eu-west-1",
        },
        START,
        END,
    ],
    references: [REFERENCES.unusedCloudRegions],
    sql: `SELECT
  recipientaccountid,
  awsregion,
  ${PRINCIPAL_SQL} AS principal,
  eventsource,
  eventname,
  count(*) AS events,
  min(eventtime) AS firstseen,
  max(eventtime) AS lastseen
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND NOT contains(split(?, ','), awsregion)
GROUP BY 1, 2, 3, 4, 5
ORDER BY firstseen, recipientaccountid, awsregion, principal, eventsource, eventname`,
    bindings: [...TIME_WINDOW_BINDINGS, "usualRegions"],
};
