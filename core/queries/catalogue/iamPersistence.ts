import type { CatalogueQuery } from "../catalogueQuery";
import { END, EVENT_COLUMNS_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const iamPersistence: CatalogueQuery = {
    id: "iamPersistence",
    title: "IAM persistence: new users, keys, passwords, policies and role trust",
    description:
        "IAM calls an intruder makes to keep access: creating users, access keys and console passwords, attaching or writing policies, adding users to groups, publishing new policy versions, creating roles and changing who may assume them. `target` is the user, role, group or policy from the request. Failed attempts are listed too (errorcode set).",
    parameters: [START, END],
    references: [
        REFERENCES.createCloudAccount,
        REFERENCES.additionalCloudCredentials,
        REFERENCES.additionalCloudRoles,
        REFERENCES.cisIamPolicyChanges,
    ],
    sql: `SELECT
  ${EVENT_COLUMNS_SQL},
  coalesce(
    json_extract_scalar(requestparameters, '$.userName'),
    json_extract_scalar(requestparameters, '$.roleName'),
    json_extract_scalar(requestparameters, '$.groupName'),
    json_extract_scalar(requestparameters, '$.policyArn')
  ) AS target,
  json_extract_scalar(requestparameters, '$.policyArn') AS policyarn
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND eventsource = 'iam.amazonaws.com'
  AND eventname IN (
    'CreateUser', 'CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile',
    'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy',
    'AddUserToGroup', 'CreatePolicyVersion', 'SetDefaultPolicyVersion', 'CreateRole', 'UpdateAssumeRolePolicy')
ORDER BY eventtime, eventid`,
    bindings: [...TIME_WINDOW_BINDINGS],
};
