import type { CatalogueQuery } from "../catalogueQuery";
import { END, EVENT_COLUMNS_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const rootActivity: CatalogueQuery = {
    id: "rootActivity",
    title: "Root user activity",
    description:
        "Every call made with the account's root user credentials, as CIS 4.3 defines it: userIdentity.type Root, not invoked by an AWS service, and not an event AWS itself emitted (eventType AwsServiceEvent). One row per event, oldest first.",
    parameters: [START, END],
    references: [REFERENCES.cisRootUsage, REFERENCES.validCloudAccounts],
    sql: `SELECT
  ${EVENT_COLUMNS_SQL}
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND useridentity.type = 'Root'
  AND useridentity.invokedby IS NULL
  AND coalesce(eventtype, '') <> 'AwsServiceEvent'
ORDER BY eventtime, eventid`,
    bindings: [...TIME_WINDOW_BINDINGS],
};
