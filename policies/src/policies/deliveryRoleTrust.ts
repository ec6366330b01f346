// The role a trail delivers to CloudWatch Logs with (cloudWatchLogsRoleArn), checked over the stack
// (AnalyzeStack: the role is found through the trail's property dependencies). CloudTrail assumes
// this role without aws:SourceArn or aws:SourceAccount in the request (CloudTrail user guide, "Role
// policy document for CloudTrail to use CloudWatch Logs for monitoring": confused deputy prevention
// does not apply to it), unlike its writes to the bucket, key and topic. A trust policy that requires
// those keys, as bucket and key policies rightly do, locks CloudTrail out: delivery stops, and the
// metric-filter alarms on the log group, which treat missing data as not breaching, stay OK forever.
import { cisV14, nist, pciDss, securityHub, SOC2_MONITORING } from "../frameworks";
import { clausesFailingWithout, clausesOn, ConditionClause, conditionClauses, coversAction, Statement, statementsOf } from "../policyDocumentReader";
import { stackPolicy } from "../policyDefinition";
import { JoinedTrail, TYPES } from "../stackGraph";
import { listText, UNKNOWN } from "../values";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
const ASSUME_ROLE = "sts:AssumeRole";
/** The confused-deputy keys: CloudTrail sends none of them when it assumes its CloudWatch Logs role. */
const SOURCE_KEYS = ["aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"] as const;
const SOURCE_KEYS_TEXT = listText(SOURCE_KEYS, "or");

/** Does the statement name CloudTrail (or everyone) as principal and sts:AssumeRole as action? */
function namesCloudTrailAssumeRole(statement: Statement): boolean {
    const principal = statement.anyPrincipal || statement.services.some((s) => s.toLowerCase() === CLOUDTRAIL);
    return principal && coversAction(statement.actions, ASSUME_ROLE);
}

function statementLabel(statement: Statement, index: number): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement ${index + 1}`;
}

/** "StringEquals on aws:SourceArn, StringEquals on aws:SourceAccount". */
function clauseText(clauses: readonly ConditionClause[]): string {
    return clauses.map((c) => `${c.operator} on ${c.key}`).join(", ");
}

/** The keys of the clauses, each once, in the order written. */
function keysOf(clauses: readonly ConditionClause[]): string[] {
    return [...new Set(clauses.map((c) => c.key))];
}

/** "aws:SourceArn and aws:SourceAccount". */
function keysText(clauses: readonly ConditionClause[]): string {
    return listText(keysOf(clauses));
}

/** Why it matters, in every message. */
function consequence(audit: JoinedTrail): string {
    const group = audit.logGroup ? `log group "${audit.logGroup.name}"` : "the trail's log group";
    return `CloudTrail cannot assume the role, so delivery to CloudWatch Logs stops and every metric-filter alarm on ${group} goes silent (they treat missing data as not breaching)`;
}

export const deliveryRoleTrust = stackPolicy(
    {
        name: "cloudtrail-cloudwatch-delivery-role-trust",
        displayName: "CloudTrail can assume its CloudWatch Logs delivery role",
        description:
            "The role a trail delivers to CloudWatch Logs with must let cloudtrail.amazonaws.com assume it without conditions on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths, which CloudTrail does not send for this role.",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            'Give the aws.iam.Role named by the trail\'s cloudWatchLogsRoleArn an assumeRolePolicy statement { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" } with no condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths, and no Deny that applies when they are absent: CloudTrail does not send them when it assumes this role (confused deputy prevention does not apply to it). Limit the role instead through its permissions: logs:CreateLogStream and logs:PutLogEvents on the trail\'s log group only. Keep the aws:SourceArn conditions on the bucket, key and topic policies, where CloudTrail does send them.',
        references: [cisV14("3.4"), securityHub("CloudTrail.5"), pciDss("10.4.1"), SOC2_MONITORING, nist("AU-6"), nist("SI-4")],
    },
    TYPES.trail,
    ({ graph }, _settings, report) => {
        for (const audit of graph.trails()) {
            // No role at all is cloudtrail-cloudwatch-logs' finding. A role outside this stack (or a
            // computed ARN that no role here feeds) is not judged, as buckets and keys outside it are not.
            if (!audit.deliveryRole) continue;
            const role = audit.deliveryRole;
            const label = `Delivery role "${role.name}" of trail "${audit.trail.name}"`;
            const statements = statementsOf(role.props.assumeRolePolicy);
            if (statements === UNKNOWN) {
                report({
                    urn: role.urn,
                    unverified: true,
                    message: `${label} has a computed trust policy; it must let ${CLOUDTRAIL} ${ASSUME_ROLE} without conditions on ${SOURCE_KEYS_TEXT}, or ${consequence(audit)}.`,
                });
                continue;
            }
            const relevant = (statements ?? []).map((statement, index) => ({ statement, index })).filter(({ statement }) => namesCloudTrailAssumeRole(statement));

            // An explicit Deny wins over any Allow. It surely applies when every clause of its condition
            // is on the source keys and holds without them; a clause on any other key may not hold.
            for (const { statement, index } of relevant) {
                if (statement.effect !== "Deny") continue;
                const clauses = conditionClauses(statement);
                if (clausesOn(statement, SOURCE_KEYS).length < clauses.length || clausesFailingWithout(statement, SOURCE_KEYS).length > 0) continue;
                const one = keysOf(clauses).length === 1;
                const when =
                    clauses.length > 0
                        ? `: ${clauseText(clauses)}, true when ${keysText(clauses)} ${one ? "is" : "are"} absent, as ${one ? "it is" : "they are"} when CloudTrail assumes this role`
                        : "";
                report({
                    urn: role.urn,
                    message: `${label} denies ${CLOUDTRAIL} ${ASSUME_ROLE} in its trust policy (${statementLabel(statement, index)}${when}): ${consequence(audit)}. Remove that Deny from its assumeRolePolicy.`,
                });
            }

            const allows = relevant.filter(({ statement }) => statement.effect === "Allow");
            if (allows.some(({ statement }) => clausesFailingWithout(statement, SOURCE_KEYS).length === 0)) continue;
            if (allows.length === 0) {
                report({
                    urn: role.urn,
                    message: `${label} has no trust policy statement that allows ${CLOUDTRAIL} ${ASSUME_ROLE}: ${consequence(audit)}. Add { Effect: "Allow", Principal: { Service: "${CLOUDTRAIL}" }, Action: "${ASSUME_ROLE}" } to its assumeRolePolicy, without conditions on ${SOURCE_KEYS_TEXT}.`,
                });
                continue;
            }
            // Every Allow that names CloudTrail requires a key CloudTrail does not send.
            const failing = allows.map(({ statement, index }) => ({ statement, index, clauses: clausesFailingWithout(statement, SOURCE_KEYS) }));
            const keys = keysText(failing.flatMap((f) => f.clauses));
            const where = failing.map((f) => `${statementLabel(f.statement, f.index)}: ${clauseText(f.clauses)}`).join("; ");
            report({
                urn: role.urn,
                message: `${label} lets ${CLOUDTRAIL} ${ASSUME_ROLE} only under conditions on ${keys} (${where}), keys CloudTrail does not send when it assumes its CloudWatch Logs role: ${consequence(audit)}. Remove the conditions on ${keys} from its assumeRolePolicy.`,
            });
        }
    },
);
