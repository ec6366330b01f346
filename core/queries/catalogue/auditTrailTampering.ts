import type { CatalogueQuery } from "../catalogueQuery";
import { END, EVENT_COLUMNS_SQL, REFERENCES, START, TIME_WINDOW_BINDINGS, TIME_WINDOW_SQL } from "../queryParts";

export const auditTrailTampering: CatalogueQuery = {
    id: "auditTrailTampering",
    title: "Changes that blind the audit trail",
    description:
        "Calls that stop, delete or narrow a trail (StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors), that change an S3 bucket's policy, lifecycle, versioning, logging or Object Lock (the archive's protection), that disable or schedule the deletion of a KMS key (the archive's encryption), or that delete or shorten a CloudWatch Logs group. `target` names the trail, bucket, key or log group from the request. Failed attempts are listed too (errorcode set): they show intent.",
    parameters: [START, END],
    references: [
        REFERENCES.cisCloudTrailChanges,
        REFERENCES.cisBucketPolicyChanges,
        REFERENCES.cisKeyDisableOrDeletion,
        REFERENCES.disableCloudLogs,
    ],
    sql: `SELECT
  ${EVENT_COLUMNS_SQL},
  coalesce(
    json_extract_scalar(requestparameters, '$.name'),
    json_extract_scalar(requestparameters, '$.trailName'),
    json_extract_scalar(requestparameters, '$.bucketName'),
    json_extract_scalar(requestparameters, '$.keyId'),
    json_extract_scalar(requestparameters, '$.logGroupName')
  ) AS target
FROM cloudtrail
WHERE ${TIME_WINDOW_SQL}
  AND (
    (eventsource = 'cloudtrail.amazonaws.com' AND eventname IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'))
    OR (eventsource = 's3.amazonaws.com' AND eventname IN (
      'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketLifecycle', 'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle',
      'PutBucketVersioning', 'PutBucketLogging', 'PutObjectLockConfiguration', 'PutBucketAcl', 'DeleteBucket'))
    OR (eventsource = 'kms.amazonaws.com' AND eventname IN ('DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy'))
    OR (eventsource = 'logs.amazonaws.com' AND eventname IN ('DeleteLogGroup', 'DeleteLogStream', 'PutRetentionPolicy', 'DeleteMetricFilter'))
  )
ORDER BY eventtime, eventid`,
    bindings: [...TIME_WINDOW_BINDINGS],
};
