// What the linter knows about CloudTrail records (from the CloudTrail record contents reference):
// which fields every record has, which are often absent, which hold objects, and the exact spelling
// of the enumerated values alarms compare against.

/** Present on every CloudTrail management and data event record. */
export const ALWAYS_PRESENT_FIELDS: ReadonlySet<string> = new Set([
    "eventVersion",
    "eventTime",
    "eventSource",
    "eventName",
    "awsRegion",
    "sourceIPAddress",
    "eventID",
    "eventType",
    "eventCategory",
    "recipientAccountId",
    "userIdentity.type",
]);

/**
 * Fields absent from many records, with the events on which CloudTrail always writes them.
 * A key ending in "." covers every field under it.
 */
const OFTEN_MISSING: ReadonlyArray<{ field: string; alwaysOn: readonly string[] }> = [
    { field: "errorCode", alwaysOn: [] },
    { field: "errorMessage", alwaysOn: [] },
    { field: "userIdentity.invokedBy", alwaysOn: [] },
    { field: "userIdentity.userName", alwaysOn: [] },
    { field: "userIdentity.arn", alwaysOn: [] },
    { field: "userIdentity.accessKeyId", alwaysOn: [] },
    { field: "userIdentity.sessionContext.", alwaysOn: [] },
    { field: "additionalEventData.MFAUsed", alwaysOn: ["ConsoleLogin"] },
    { field: "responseElements.ConsoleLogin", alwaysOn: ["ConsoleLogin"] },
    { field: "additionalEventData.", alwaysOn: [] },
    { field: "requestParameters.", alwaysOn: [] },
    { field: "responseElements.", alwaysOn: [] },
    { field: "serviceEventDetails.", alwaysOn: [] },
    { field: "tlsDetails.", alwaysOn: [] },
    { field: "insightDetails.", alwaysOn: [] },
    { field: "vpcEndpointId", alwaysOn: [] },
    { field: "sharedEventID", alwaysOn: [] },
    { field: "apiVersion", alwaysOn: [] },
    { field: "readOnly", alwaysOn: [] },
    { field: "requestID", alwaysOn: [] },
];

/** Returns the events on which an often-missing field is always written, or undefined if not often missing. */
export function oftenMissing(field: string): readonly string[] | undefined {
    for (const entry of OFTEN_MISSING) {
        if (entry.field.endsWith(".") ? field.startsWith(entry.field) : field === entry.field) return entry.alwaysOn;
    }
    return undefined;
}

/** Fields whose value is an object or array: a selector ending there never matches. */
export const OBJECT_FIELDS: ReadonlySet<string> = new Set([
    "userIdentity",
    "userIdentity.sessionContext",
    "userIdentity.sessionContext.attributes",
    "userIdentity.sessionContext.sessionIssuer",
    "userIdentity.sessionContext.webIdFederationData",
    "requestParameters",
    "responseElements",
    "additionalEventData",
    "resources",
    "serviceEventDetails",
    "tlsDetails",
    "insightDetails",
    "edgeDeviceDetails",
]);

/** Enumerated values, spelled exactly as CloudTrail writes them. */
export const KNOWN_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
    [
        "userIdentity.type",
        [
            "Root",
            "IAMUser",
            "AssumedRole",
            "Role",
            "FederatedUser",
            "Directory",
            "AWSAccount",
            "AWSService",
            "IdentityCenterUser",
            "SAMLUser",
            "WebIdentityUser",
            "Unknown",
        ],
    ],
    ["eventType", ["AwsApiCall", "AwsServiceEvent", "AwsConsoleAction", "AwsConsoleSignIn", "AwsCloudTrailInsight", "AwsVpceEvent"]],
    ["eventCategory", ["Management", "Data", "Insight", "NetworkActivity"]],
    ["additionalEventData.MFAUsed", ["Yes", "No"]],
    ["responseElements.ConsoleLogin", ["Success", "Failure"]],
    [
        "errorCode",
        [
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "Client.UnauthorizedOperation",
            "ThrottlingException",
            "ValidationException",
            "NoSuchEntity",
            "ResourceNotFoundException",
        ],
    ],
    ["errorMessage", ["Failed authentication"]],
]);
