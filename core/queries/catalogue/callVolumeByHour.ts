import type { CatalogueQuery } from "../catalogueQuery";
import { END, PRINCIPAL_SQL, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const callVolumeByHour: CatalogueQuery = {
    id: "callVolumeByHour",
    title: "API call volume by principal and hour",
    description:
        "Calls per principal per hour (UTC, from eventTime), with how many failed and how many distinct actions were called. A principal whose volume or variety of actions jumps is worth a principalActivity query.",
    parameters: [START, END],
    references: [],
    sql: `SELECT
  ${PRINCIPAL_SQL} AS principal,
  substr(eventtime, 1, 13) || ':00:00Z' AS hour,
  count(*) AS calls,
  count_if(errorcode IS NOT NULL) AS errors,
  count(DISTINCT eventname) AS actions
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
GROUP BY 1, 2
ORDER BY hour, calls DESC, principal`,
    bindings: [...TIME_WINDOW_BINDINGS],
};
