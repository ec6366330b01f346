// A pretend AWS for the SDK's mock engine: answers the data-source calls programs make and, in
// deployed mode, fills in what the provider would compute (ids, ARNs, auto-names). In preview mode
// it returns no id, so the SDK leaves every computed output unknown, as a real preview does; only
// auto-names are filled in, because the real provider computes those during preview as well.
import * as crypto from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { RenderMode, UNKNOWN_VALUE } from "./renderedStackFormat";

export interface MockCloudOptions {
    mode: RenderMode;
    accountId: string;
    region: string;
    organizationId: string;
}

type State = Record<string, unknown>;

/** The member account an organization has besides the management account, in every render. */
export const MEMBER_ACCOUNT_ID = "210987654321";

/** The property a provider auto-names when the program leaves it out, by resource type. */
const AUTO_NAMED_PROPERTY: Record<string, string> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:cloudtrail/trail:Trail": "name",
    "aws:cloudwatch/logGroup:LogGroup": "name",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": "name",
    "aws:sns/topic:Topic": "name",
    "aws:iam/role:Role": "name",
    "aws:iam/rolePolicy:RolePolicy": "name",
    "aws:iam/policy:Policy": "name",
    "aws:sqs/queue:Queue": "name",
    "aws:lambda/function:Function": "name",
};

export function shortHash(text: string, length = 7): string {
    return crypto.createHash("sha256").update(text).digest("hex").slice(0, length);
}

export class MockCloud implements pulumi.runtime.Mocks {
    constructor(private readonly options: MockCloudOptions) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
        const state: State = { ...args.inputs };
        const autoNamed = AUTO_NAMED_PROPERTY[args.type];
        if (autoNamed && state[autoNamed] === undefined) {
            const prefix = typeof state[`${autoNamed}Prefix`] === "string" ? (state[`${autoNamed}Prefix`] as string) : `${args.name}-`;
            state[autoNamed] = `${prefix}${shortHash(`${args.type}::${args.name}`)}`;
        }
        if (!args.custom) {
            return { id: undefined, state };
        }
        const id = this.idFor(args.type, args.name, state);
        const computed = this.computedOutputs(args.type, args.name, id, state);
        if (this.options.mode === "preview") {
            // No id: the SDK leaves outputs unknown. The engine's encoding of unknown marks the
            // computed properties in the state the analyzer will see.
            const unknown = Object.fromEntries(Object.keys(computed).map((key) => [key, UNKNOWN_VALUE]));
            return { id: undefined, state: { ...unknown, ...state } };
        }
        return { id, state: { ...computed, ...state } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const { accountId, region, organizationId } = this.options;
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId,
                    arn: `arn:aws:iam::${accountId}:user/trailguard-render`,
                    userId: "AIDATRAILGUARDRENDER",
                    id: accountId,
                };
            case "aws:index/getRegion:getRegion":
                return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
            case "aws:organizations/getOrganization:getOrganization":
                return {
                    id: organizationId,
                    arn: `arn:aws:organizations::${accountId}:organization/${organizationId}`,
                    masterAccountId: accountId,
                    featureSet: "ALL",
                    // The management account and one member, as ListAccounts would return them.
                    accounts: [accountId, MEMBER_ACCOUNT_ID].map((id) => ({
                        id,
                        arn: `arn:aws:organizations::${accountId}:account/${organizationId}/${id}`,
                        name: id === accountId ? "management" : "member",
                        email: `aws+${id}@example.com`,
                        status: "ACTIVE",
                    })),
                };
            default:
                return { ...args.inputs };
        }
    }

    private idFor(type: string, name: string, state: State): string {
        const autoNamed = AUTO_NAMED_PROPERTY[type];
        if (autoNamed && typeof state[autoNamed] === "string") return state[autoNamed] as string;
        if (type === "aws:kms/key:Key") return this.uuid(name);
        if (typeof state["name"] === "string") return state["name"] as string;
        return `${name}-${shortHash(`${type}::${name}`, 8)}`;
    }

    private uuid(seed: string): string {
        const h = crypto.createHash("sha256").update(seed).digest("hex");
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }

    private computedOutputs(type: string, name: string, id: string, state: State): State {
        const { accountId, region } = this.options;
        const arn = (service: string, resource: string, global = false) =>
            `arn:aws:${service}:${global ? "" : region}:${global && service !== "iam" ? "" : accountId}:${resource}`;
        switch (type) {
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2":
                return {
                    arn: `arn:aws:s3:::${id}`,
                    bucketDomainName: `${id}.s3.amazonaws.com`,
                    bucketRegionalDomainName: `${id}.s3.${region}.amazonaws.com`,
                    region,
                };
            case "aws:kms/key:Key":
                return { arn: arn("kms", `key/${id}`), keyId: id };
            case "aws:kms/alias:Alias":
                return { arn: arn("kms", String(state["name"] ?? `alias/${name}`)), targetKeyArn: state["targetKeyId"] };
            case "aws:cloudtrail/trail:Trail":
                return { arn: arn("cloudtrail", `trail/${id}`), homeRegion: region };
            case "aws:cloudwatch/logGroup:LogGroup":
                return { arn: arn("logs", `log-group:${id}`) };
            case "aws:cloudwatch/metricAlarm:MetricAlarm":
                return { arn: arn("cloudwatch", `alarm:${id}`) };
            case "aws:sns/topic:Topic":
                return { arn: arn("sns", id), owner: accountId };
            case "aws:sns/topicSubscription:TopicSubscription":
                return { arn: `${String(state["topic"] ?? arn("sns", "topic"))}:${this.uuid(name)}` };
            case "aws:iam/role:Role":
                return { arn: `arn:aws:iam::${accountId}:role/${id}`, uniqueId: `AROA${shortHash(id, 16).toUpperCase()}` };
            case "aws:iam/policy:Policy":
                return { arn: `arn:aws:iam::${accountId}:policy/${id}` };
            case "aws:sqs/queue:Queue":
                return { arn: arn("sqs", id), url: `https://sqs.${region}.amazonaws.com/${accountId}/${id}` };
            case "aws:lambda/function:Function":
                return { arn: arn("lambda", `function:${id}`) };
            default:
                return {};
        }
    }
}
