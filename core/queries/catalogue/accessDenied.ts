import type { CatalogueQuery } from "../catalogueQuery";
import { END, PRINCIPAL_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const accessDenied: CatalogueQuery = {
    id: "accessDenied",
    title: "AccessDenied and UnauthorizedOperation by principal",
    description:
        "Denied calls, as CIS 4.1 matches them (errorCode ending in UnauthorizedOperation or starting with AccessDenied), counted per principal, service, action and error code, most denials first. Many distinct actions denied to one principal in a short time looks like permission probing with stolen credentials.",
    parameters: [START, END],
    references: [REFERENCES.cisUnauthorizedApiCalls, REFERENCES.cloudInfrastructureDiscovery],
    sql: `SELECT
  ${PRINCIPAL_SQL} AS principal,
  eventsource,
  eventname,
  errorcode,
  count(*) AS denials,
  min(eventtime) AS firstseen,
  max(eventtime) AS lastseen
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND (errorcode LIKE '%UnauthorizedOperation' OR errorcode LIKE 'AccessDenied%')
GROUP BY 1, 2, 3, 4
ORDER BY denials DESC, principal, eventsource, eventname, errorcode`,
    bindings: [...TIME_WINDOW_BINDINGS],
};
