// String formats of the values a stack file names: ARNs, addresses, AWS names. Each predicate says
// only whether a value is well-formed; the messages live next to the schema that uses them.

const PARTITION = "aws(?:-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d";
const ACCOUNT = "\\d{12}";

/** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/prefix/`: S3 buckets have no region or account. */
const S3_OBJECT_ARN = new RegExp(`^arn:${PARTITION}:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?$`);

/** Standard SQS queues; SNS standard topics cannot deliver to FIFO queues (see isFifoQueueArn). */
const SQS_QUEUE_ARN = new RegExp(`^arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:[A-Za-z0-9_-]{1,75}(\\.fifo)?$`);

/** A function ARN, optionally with a version or alias qualifier. */
const LAMBDA_FUNCTION_ARN = new RegExp(
    `^arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:[A-Za-z0-9_-]{1,64}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?$`,
);

const DYNAMODB_TABLE_ARN = new RegExp(`^arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/[A-Za-z0-9_.-]{3,255}$`);

/**
 * Deliberately simple: one @, no spaces, a dotted domain. SNS sends a confirmation mail anyway; the
 * point is to catch "ops@" and "ops.example.com", not to implement RFC 5322.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isS3DataEventArn(value: string): boolean {
    const match = S3_OBJECT_ARN.exec(value);
    return match !== null && !match[1].includes("..");
}

/** The bucket ARN form (`arn:aws:s3:::bucket`) with the `/` CloudTrail needs to mean "every object". */
export function normalizeS3DataEventArn(value: string): string {
    return value.includes("/") ? value : `${value}/`;
}

const REGION_NAME = new RegExp(`^${REGION}$`);

/** An AWS Region name such as eu-west-1 (its shape; whether the Region exists is not checked). */
export function isRegionName(value: string): boolean {
    return REGION_NAME.test(value);
}

export function isSqsQueueArn(value: string): boolean {
    return SQS_QUEUE_ARN.test(value);
}

export function isFifoQueueArn(value: string): boolean {
    return value.endsWith(".fifo");
}

export function isLambdaFunctionArn(value: string): boolean {
    return LAMBDA_FUNCTION_ARN.test(value);
}

export function isDynamoDbTableArn(value: string): boolean {
    return DYNAMODB_TABLE_ARN.test(value);
}

export function isEmailAddress(value: string): boolean {
    return EMAIL.test(value);
}

/** SNS HTTPS subscriptions need an absolute https:// URL with a host. */
export function isHttpsUrl(value: string): boolean {
    try {
        const url = new URL(value);
        return url.protocol === "https:" && url.hostname.length > 0 && !/\s/.test(value);
    } catch {
        return false;
    }
}

/**
 * A prefix that keeps every derived S3 bucket name legal: lowercase letters, digits and single
 * hyphens, starting with a letter or digit; no dots (they break virtual-hosted TLS) and none of the
 * prefixes S3 reserves.
 */
export function namePrefixProblem(value: string): string | undefined {
    if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(value)) {
        return "lowercase letters, digits and hyphens, starting and ending with a letter or digit";
    }
    for (const reserved of ["xn--", "sthree-", "amzn-s3-demo-"]) {
        if (value.startsWith(reserved)) return `a prefix not starting with "${reserved}" (S3 reserves it)`;
    }
    if (value.includes("--")) return "no two hyphens in a row";
    return undefined;
}

/**
 * CloudTrail trail names: 3–128 characters of letters, digits, `.`, `_` and `-`, starting and ending
 * with a letter or digit, no adjacent separators, and not shaped like an IP address.
 */
export function isTrailName(value: string): boolean {
    return (
        /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(value) &&
        !/[._-]{2}/.test(value) &&
        !/^\d+\.\d+\.\d+\.\d+$/.test(value)
    );
}

/** CloudWatch namespaces: letters, digits and `._-/#:` or space; `AWS/` is reserved for AWS services. */
export function isMetricNamespace(value: string): boolean {
    return /^[A-Za-z0-9._\-/#: ]{1,255}$/.test(value) && !value.startsWith("AWS/") && value.trim() === value;
}

/** Tag keys: up to 128 characters, not in the `aws:` namespace AWS keeps for itself. */
export function tagKeyProblem(key: string): string | undefined {
    if (key.length === 0 || key.length > 128) return "a tag key of 1 to 128 characters";
    if (key.toLowerCase().startsWith("aws:")) return 'a tag key not starting with "aws:" (AWS reserves it)';
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(key)) return "a tag key of letters, digits, spaces and _ . : / = + - @";
    return undefined;
}

export function tagValueProblem(value: string): string | undefined {
    if (value.length > 256) return "a tag value of at most 256 characters";
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value)) return "a tag value of letters, digits, spaces and _ . : / = + - @";
    return undefined;
}

/** Alarm ids become parts of metric, filter and alarm names; keep them to safe characters. */
export function isAlarmId(value: string): boolean {
    return /^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(value);
}
