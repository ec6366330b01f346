import type { CatalogueQuery } from "../catalogueQuery";
import { END, EVENT_COLUMNS_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const principalActivity: CatalogueQuery = {
    id: "principalActivity",
    title: "Everything a principal did in a time range",
    description:
        "Every event whose caller matches `principal`: an IAM or STS ARN, an access key id (AKIA…/ASIA…), a user name, or a role session name. One row per event, oldest first.",
    parameters: [
        {
            name: "principal",
            description: "an ARN, access key id, user name or role session name",
            type: "string",
            required: true,
            example: "AKIAIOSFODNN7EXAMPLE",
        },
        START,
        END,
    ],
    references: [REFERENCES.validCloudAccounts],
    sql: `SELECT
  ${EVENT_COLUMNS_SQL}
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND ? IN (useridentity.arn, useridentity.accesskeyid, useridentity.username, split_part(useridentity.principalid, ':', 2))
ORDER BY eventtime, eventid`,
    bindings: [...TIME_WINDOW_BINDINGS, "principal"],
};
