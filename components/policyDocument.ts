// IAM policy documents as plain data. Policies are built as JSON from known values (account id,
// region, partition, configured names) rather than with aws.iam.getPolicyDocument, so that they are
// fully known during `pulumi preview` and the policy pack can read every statement.

export type PolicyPrincipal = "*" | { AWS?: string | string[]; Service?: string | string[] };

/** Condition operator → condition key → value(s), e.g. `{ StringEquals: { "aws:SourceArn": arn } }`. */
export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    /** Absent in identity policies (attached to a role), required in resource policies. */
    Principal?: PolicyPrincipal;
    Action: string | string[];
    /** Absent in role trust policies: IAM rejects a Resource element there. */
    Resource?: string | string[];
    Condition?: PolicyCondition;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** Serialises a document; one place, so every policy trailguard writes has the same shape. */
export function policyJson(statements: PolicyStatement[]): string {
    return JSON.stringify(policyDocument(statements));
}
