// In-process unit tests of cloudtrail-cloudwatch-delivery-role-trust
// (policies/src/policies/deliveryRoleTrust.ts): the role a trail delivers to CloudWatch Logs with must
// let cloudtrail.amazonaws.com assume it without conditions on the source keys, which CloudTrail does
// not send for this role. Small stacks built in memory, in preview and as deployed; the role is joined
// to the trail through the property dependency, else by its known ARN or name.
import { describe, expect, it } from "vitest";
import { UNKNOWN_VALUE } from "../../../cli/mockEngine/renderedStackFormat";
import { deliveryRoleTrust } from "../../../policies/src/policies/deliveryRoleTrust";
import { runPolicy } from "./harness";
import { InMemoryStack } from "./inMemoryStack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const ROLE = "aws:iam/role:Role";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const POLICY = "cloudtrail-cloudwatch-delivery-role-trust";
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };
const ALLOW = { Effect: "Allow", Principal: CLOUDTRAIL, Action: "sts:AssumeRole" };
const SOURCE_KEYS = "aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths";
const SILENCED =
    'CloudTrail cannot assume the role, so delivery to CloudWatch Logs stops and every metric-filter alarm on log group "trail-events" goes silent (they treat missing data as not breaching)';
const LABEL = 'Delivery role "trail-delivery" of trail "audit"';

function trust(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A trail delivering to log group "trail-events" with role "trail-delivery", as `role.arn` and `${logGroup.arn}:*`. */
function roleStack(assumeRolePolicy: unknown, mode: "preview" | "deployed" = "deployed") {
    const stack = new InMemoryStack(mode);
    const group = stack.add(LOG_GROUP, "trail-events", { retentionInDays: 365 });
    const role = stack.add(ROLE, "trail-delivery", { assumeRolePolicy });
    const trail = stack.add(TRAIL, "audit", {
        s3BucketName: "logs",
        cloudWatchLogsGroupArn: stack.apply([[group, "arn"]], (arn) => `${arn}:*`),
        cloudWatchLogsRoleArn: stack.ref(role, "arn"),
    });
    return { rendered: stack.rendered(), role, trail };
}

function finding(role: { urn: string }, message: string, enforcementLevel: "mandatory" | "advisory" = "mandatory") {
    return { policy: POLICY, enforcementLevel, urn: role.urn, message };
}

describe("cloudtrail-cloudwatch-delivery-role-trust", () => {
    it("passes a role CloudTrail may assume without conditions, in preview and deployed, as JSON or as an object", () => {
        for (const mode of ["preview", "deployed"] as const) {
            expect(runPolicy(deliveryRoleTrust, roleStack(trust(ALLOW), mode).rendered), mode).toEqual([]);
            expect(runPolicy(deliveryRoleTrust, roleStack({ Version: "2012-10-17", Statement: ALLOW }, mode).rendered), mode).toEqual([]);
        }
    });

    it("passes conditions on the source keys that hold when the keys are absent, and wildcard principals and actions", () => {
        const passing: Record<string, unknown>[] = [
            { ...ALLOW, Condition: { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } } },
            { ...ALLOW, Condition: { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } } },
            { ...ALLOW, Condition: { StringNotEquals: { "aws:SourceAccount": "999999999999" } } },
            { ...ALLOW, Condition: { Null: { "aws:SourceArn": "true" } } },
            { ...ALLOW, Condition: { "ForAllValues:StringLike": { "aws:SourceOrgPaths": ["o-abc/*"] } } },
            { ...ALLOW, Action: "sts:*" },
            { ...ALLOW, Action: ["sts:TagSession", "sts:Assume*"] },
            { ...ALLOW, Principal: "*", Action: "*" },
            // Conditions on other keys are not this policy's concern.
            { ...ALLOW, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } },
        ];
        for (const statement of passing) {
            expect(runPolicy(deliveryRoleTrust, roleStack(trust(statement)).rendered), JSON.stringify(statement)).toEqual([]);
        }
    });

    it("passes when one Allow holds without the source keys, beside one that needs them", () => {
        const conditioned = { ...ALLOW, Sid: "ThisTrailOnly", Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit" } } };
        expect(runPolicy(deliveryRoleTrust, roleStack(trust(conditioned, ALLOW)).rendered)).toEqual([]);
    });

    it("blocks a role CloudTrail may assume only under conditions on keys it does not send", () => {
        const { rendered, role } = roleStack(
            trust({
                ...ALLOW,
                Sid: "ThisTrailOnly",
                Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit", "aws:SourceAccount": "123456789012" } },
            }),
        );
        expect(runPolicy(deliveryRoleTrust, rendered)).toEqual([
            finding(
                role,
                `${LABEL} lets cloudtrail.amazonaws.com sts:AssumeRole only under conditions on aws:SourceArn and aws:SourceAccount (statement "ThisTrailOnly": StringEquals on aws:SourceArn, StringEquals on aws:SourceAccount), keys CloudTrail does not send when it assumes its CloudWatch Logs role: ${SILENCED}. Remove the conditions on aws:SourceArn and aws:SourceAccount from its assumeRolePolicy.`,
            ),
        ]);
    });

    it("names every failing Allow, by Sid or by position, with the operators that fail without the keys", () => {
        const { rendered, role } = roleStack(
            trust(
                { ...ALLOW, Sid: "Trail", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } } },
                {
                    ...ALLOW,
                    Condition: { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": ["o-abc/*"] }, Null: { "aws:SourceOrgID": "false" } },
                },
            ),
        );
        expect(runPolicy(deliveryRoleTrust, rendered)).toEqual([
            finding(
                role,
                `${LABEL} lets cloudtrail.amazonaws.com sts:AssumeRole only under conditions on aws:SourceArn, aws:SourceOrgPaths and aws:SourceOrgID (statement "Trail": ArnLike on aws:SourceArn; statement 2: ForAnyValue:StringLike on aws:SourceOrgPaths, Null on aws:SourceOrgID), keys CloudTrail does not send when it assumes its CloudWatch Logs role: ${SILENCED}. Remove the conditions on aws:SourceArn, aws:SourceOrgPaths and aws:SourceOrgID from its assumeRolePolicy.`,
            ),
        ]);
    });

    it("compares condition keys case-insensitively, as IAM does, and names them as written", () => {
        const { rendered } = roleStack(trust({ ...ALLOW, Sid: "Lower", Condition: { StringEquals: { "aws:sourceaccount": "123456789012" } } }));
        expect(runPolicy(deliveryRoleTrust, rendered).map((f) => f.message)).toEqual([
            `${LABEL} lets cloudtrail.amazonaws.com sts:AssumeRole only under conditions on aws:sourceaccount (statement "Lower": StringEquals on aws:sourceaccount), keys CloudTrail does not send when it assumes its CloudWatch Logs role: ${SILENCED}. Remove the conditions on aws:sourceaccount from its assumeRolePolicy.`,
        ]);
    });

    it("blocks a role whose trust policy does not let CloudTrail assume it at all", () => {
        const noCloudTrail = `${LABEL} has no trust policy statement that allows cloudtrail.amazonaws.com sts:AssumeRole: ${SILENCED}. Add { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" } to its assumeRolePolicy, without conditions on ${SOURCE_KEYS}.`;
        const cases = [
            trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } }),
            trust({ ...ALLOW, Action: "sts:AssumeRoleWithWebIdentity" }),
            trust({ ...ALLOW, Principal: { AWS: "arn:aws:iam::123456789012:root" } }),
        ];
        for (const document of cases) {
            const { rendered, role } = roleStack(document);
            expect(runPolicy(deliveryRoleTrust, rendered), document).toEqual([finding(role, noCloudTrail)]);
        }
    });

    it("blocks a Deny that applies whenever aws:SourceAccount is absent, even beside an unconditioned Allow", () => {
        const { rendered, role } = roleStack(
            trust(ALLOW, {
                Sid: "OnlyFromThisAccount",
                Effect: "Deny",
                Principal: CLOUDTRAIL,
                Action: "sts:AssumeRole",
                Condition: { StringNotEquals: { "aws:SourceAccount": "123456789012" } },
            }),
        );
        expect(runPolicy(deliveryRoleTrust, rendered)).toEqual([
            finding(
                role,
                `${LABEL} denies cloudtrail.amazonaws.com sts:AssumeRole in its trust policy (statement "OnlyFromThisAccount": StringNotEquals on aws:SourceAccount, true when aws:SourceAccount is absent, as it is when CloudTrail assumes this role): ${SILENCED}. Remove that Deny from its assumeRolePolicy.`,
            ),
        ]);
    });

    it("blocks an unconditioned Deny, and then also the missing Allow", () => {
        const { rendered, role } = roleStack(trust({ Effect: "Deny", Principal: "*", Action: "sts:*" }));
        expect(runPolicy(deliveryRoleTrust, rendered)).toEqual([
            finding(role, `${LABEL} denies cloudtrail.amazonaws.com sts:AssumeRole in its trust policy (statement 1): ${SILENCED}. Remove that Deny from its assumeRolePolicy.`),
            finding(
                role,
                `${LABEL} has no trust policy statement that allows cloudtrail.amazonaws.com sts:AssumeRole: ${SILENCED}. Add { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" } to its assumeRolePolicy, without conditions on ${SOURCE_KEYS}.`,
            ),
        ]);
    });

    it("reports a Deny on several source keys that all hold when absent", () => {
        const { rendered, role } = roleStack(
            trust(ALLOW, {
                Sid: "Both",
                Effect: "Deny",
                Principal: CLOUDTRAIL,
                Action: "sts:AssumeRole",
                Condition: { StringNotEquals: { "aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit" } },
            }),
        );
        expect(runPolicy(deliveryRoleTrust, rendered)).toEqual([
            finding(
                role,
                `${LABEL} denies cloudtrail.amazonaws.com sts:AssumeRole in its trust policy (statement "Both": StringNotEquals on aws:SourceAccount, StringNotEquals on aws:SourceArn, true when aws:SourceAccount and aws:SourceArn are absent, as they are when CloudTrail assumes this role): ${SILENCED}. Remove that Deny from its assumeRolePolicy.`,
            ),
        ]);
    });

    it("passes a Deny that may not apply to CloudTrail: one that needs a source key present, or a condition on another key", () => {
        const denies = [
            { Effect: "Deny", Principal: CLOUDTRAIL, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "999999999999" } } },
            { Effect: "Deny", Principal: CLOUDTRAIL, Action: "sts:AssumeRole", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } } },
            {
                Effect: "Deny",
                Principal: CLOUDTRAIL,
                Action: "sts:AssumeRole",
                Condition: { StringNotEquals: { "aws:SourceAccount": "123456789012" }, Bool: { "aws:SecureTransport": "false" } },
            },
            { Effect: "Deny", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ];
        for (const deny of denies) {
            expect(runPolicy(deliveryRoleTrust, roleStack(trust(ALLOW, deny)).rendered), JSON.stringify(deny)).toEqual([]);
        }
    });

    it("says 'the trail's log group' when the log group is not in the stack", () => {
        const stack = new InMemoryStack();
        const role = stack.add(ROLE, "trail-delivery", { assumeRolePolicy: trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } }) });
        stack.add(TRAIL, "audit", {
            s3BucketName: "logs",
            cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:elsewhere:*",
            cloudWatchLogsRoleArn: stack.ref(role, "arn"),
        });
        expect(runPolicy(deliveryRoleTrust, stack.rendered())).toEqual([
            finding(
                role,
                `${LABEL} has no trust policy statement that allows cloudtrail.amazonaws.com sts:AssumeRole: CloudTrail cannot assume the role, so delivery to CloudWatch Logs stops and every metric-filter alarm on the trail's log group goes silent (they treat missing data as not breaching). Add { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" } to its assumeRolePolicy, without conditions on ${SOURCE_KEYS}.`,
            ),
        ]);
    });

    it("reports the role once for each trail that delivers with it", () => {
        const stack = new InMemoryStack();
        const role = stack.add(ROLE, "trail-delivery", { assumeRolePolicy: trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } }) });
        for (const name of ["audit", "org"]) stack.add(TRAIL, name, { s3BucketName: "logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:x:*", cloudWatchLogsRoleArn: stack.ref(role, "arn") });
        const noCloudTrail = (trail: string) =>
            `Delivery role "trail-delivery" of trail "${trail}" has no trust policy statement that allows cloudtrail.amazonaws.com sts:AssumeRole: CloudTrail cannot assume the role, so delivery to CloudWatch Logs stops and every metric-filter alarm on the trail's log group goes silent (they treat missing data as not breaching). Add { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" } to its assumeRolePolicy, without conditions on ${SOURCE_KEYS}.`;
        expect(runPolicy(deliveryRoleTrust, stack.rendered())).toEqual([finding(role, noCloudTrail("audit")), finding(role, noCloudTrail("org"))]);
    });

    describe("values unknown in preview", () => {
        const conditionedOnGroup = (arn: unknown) => trust({ ...ALLOW, Condition: { ArnLike: { "aws:SourceArn": arn } } });

        it("judges the role in preview as deployed: it is joined by the dependency while its ARN is computed", () => {
            const document = trust({ ...ALLOW, Sid: "S", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } });
            const preview = roleStack(document, "preview");
            expect(preview.trail.inputs["cloudWatchLogsRoleArn"]).toBe(UNKNOWN_VALUE);
            const deployed = roleStack(document, "deployed");
            expect(runPolicy(deliveryRoleTrust, preview.rendered)).toEqual(runPolicy(deliveryRoleTrust, deployed.rendered));
            expect(runPolicy(deliveryRoleTrust, preview.rendered).map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
        });

        it("a computed trust policy is an advisory finding until known, then judged", () => {
            const advisory = `${LABEL} has a computed trust policy; it must let cloudtrail.amazonaws.com sts:AssumeRole without conditions on ${SOURCE_KEYS}, or ${SILENCED}. (cannot be verified until the value is known)`;
            for (const mode of ["preview", "deployed"] as const) {
                const stack = new InMemoryStack(mode);
                const group = stack.add(LOG_GROUP, "trail-events", {});
                // A trust policy built from another resource's output: a JSON string, or an object holding the output.
                const asJson = stack.add(ROLE, "trail-delivery", { assumeRolePolicy: stack.apply([[group, "arn"]], conditionedOnGroup) });
                stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: stack.ref(group, "arn"), cloudWatchLogsRoleArn: stack.ref(asJson, "arn") });
                const findings = runPolicy(deliveryRoleTrust, stack.rendered());
                if (mode === "preview") {
                    expect(findings).toEqual([finding(asJson, advisory, "advisory")]);
                } else {
                    expect(findings).toEqual([
                        finding(
                            asJson,
                            `${LABEL} lets cloudtrail.amazonaws.com sts:AssumeRole only under conditions on aws:SourceArn (statement 1: ArnLike on aws:SourceArn), keys CloudTrail does not send when it assumes its CloudWatch Logs role: ${SILENCED}. Remove the conditions on aws:SourceArn from its assumeRolePolicy.`,
                        ),
                    ]);
                }
            }
        });

        it("a trust policy object with a computed value inside, or computed as a whole, is advisory too", () => {
            for (const whole of [false, true]) {
                const stack = new InMemoryStack("preview");
                const group = stack.add(LOG_GROUP, "trail-events", {});
                const inside = { Version: "2012-10-17", Statement: [{ ...ALLOW, Condition: { ArnLike: { "aws:SourceArn": stack.ref(group, "arn") } } }] };
                const role = stack.add(ROLE, "trail-delivery", { assumeRolePolicy: whole ? UNKNOWN_VALUE : inside });
                stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: stack.ref(group, "arn"), cloudWatchLogsRoleArn: stack.ref(role, "arn") });
                expect(runPolicy(deliveryRoleTrust, stack.rendered()).map((f) => [f.enforcementLevel, f.urn]), `whole: ${whole}`).toEqual([["advisory", role.urn]]);
            }
        });

        it("a computed role ARN that no role of the stack feeds is not judged", () => {
            const stack = new InMemoryStack("preview");
            stack.add(ROLE, "unrelated", { assumeRolePolicy: trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } }) });
            stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:x:*", cloudWatchLogsRoleArn: UNKNOWN_VALUE });
            expect(runPolicy(deliveryRoleTrust, stack.rendered())).toEqual([]);
        });
    });

    describe("joining the role without a dependency", () => {
        const broken = trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } });
        const roleArn = "arn:aws:iam::123456789012:role/trail-delivery";

        function literalStack(mode: "preview" | "deployed", trailRoleArn: string, roleInputs: Record<string, unknown>, outputs?: Record<string, unknown>) {
            const stack = new InMemoryStack(mode);
            const role = stack.add(ROLE, "trail-delivery", { assumeRolePolicy: broken, ...roleInputs }, { outputs });
            stack.add(TRAIL, "audit", { s3BucketName: "logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:x:*", cloudWatchLogsRoleArn: trailRoleArn });
            return { rendered: stack.rendered(), role };
        }

        it("finds a deployed role by its known ARN", () => {
            const { rendered, role } = literalStack("deployed", roleArn, {}, { arn: roleArn });
            expect(runPolicy(deliveryRoleTrust, rendered).map((f) => f.urn)).toEqual([role.urn]);
        });

        it("finds a role whose ARN is not known yet by the name in the ARN, also under a path", () => {
            for (const arn of [roleArn, "arn:aws:iam::123456789012:role/service-role/cloudtrail/trail-delivery"]) {
                const { rendered, role } = literalStack("preview", arn, { name: "trail-delivery" }, { arn: "unused" });
                expect(runPolicy(deliveryRoleTrust, rendered).map((f) => f.urn), arn).toEqual([role.urn]);
            }
        });

        it("does not judge a role outside the stack, nor a role of the stack with another ARN or name", () => {
            const external = "arn:aws:iam::123456789012:role/shared-delivery";
            expect(runPolicy(deliveryRoleTrust, literalStack("deployed", external, { name: "trail-delivery" }, { arn: roleArn }).rendered)).toEqual([]);
            expect(runPolicy(deliveryRoleTrust, literalStack("preview", external, { name: "trail-delivery" }).rendered)).toEqual([]);
        });
    });

    it("leaves a trail without a delivery role to cloudtrail-cloudwatch-logs", () => {
        const stack = new InMemoryStack();
        stack.add(ROLE, "trail-delivery", { assumeRolePolicy: trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } }) });
        stack.add(TRAIL, "audit", { s3BucketName: "logs" });
        expect(runPolicy(deliveryRoleTrust, stack.rendered())).toEqual([]);
    });

    it("is reported at the level the config sets", () => {
        const { rendered } = roleStack(trust({ ...ALLOW, Principal: { Service: "ec2.amazonaws.com" } }));
        expect(runPolicy(deliveryRoleTrust, rendered, { enforcementLevel: "advisory" }).map((f) => f.enforcementLevel)).toEqual(["advisory"]);
        expect(runPolicy(deliveryRoleTrust, rendered, { enforcementLevel: "disabled" })).toEqual([]);
    });
});
