import type { CatalogueQuery } from "../catalogueQuery";
import { END, PRINCIPAL_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const consoleSignIns: CatalogueQuery = {
    id: "consoleSignIns",
    title: "Console sign-ins by user and IP: with and without MFA, and failures",
    description:
        "ConsoleLogin events grouped by who signed in, from where, whether MFA was used (additionalEventData.MFAUsed) and the outcome (responseElements.ConsoleLogin: Success or Failure), with counts and the first and last time. Rows without MFA or with failures are the ones to read first.",
    parameters: [START, END],
    references: [REFERENCES.cisConsoleWithoutMfa, REFERENCES.cisConsoleAuthFailures, REFERENCES.validCloudAccounts, REFERENCES.bruteForce],
    sql: `SELECT
  ${PRINCIPAL_SQL} AS principal,
  useridentity.username AS username,
  sourceipaddress,
  json_extract_scalar(additionaleventdata, '$.MFAUsed') AS mfaused,
  json_extract_scalar(responseelements, '$.ConsoleLogin') AS outcome,
  count(*) AS signins,
  min(eventtime) AS firstseen,
  max(eventtime) AS lastseen
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND eventname = 'ConsoleLogin'
GROUP BY 1, 2, 3, 4, 5
ORDER BY firstseen, principal, sourceipaddress, username, mfaused, outcome`,
    bindings: [...TIME_WINDOW_BINDINGS],
};
