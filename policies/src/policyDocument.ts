// IAM policy documents (bucket policies, key policies) as the programs write them: a JSON string or
// an object, one statement or a list, strings or lists of strings.
import { containsUnknown, isUnknown, UNKNOWN, Unknown } from "./values";

export interface Statement {
    sid?: string;
    effect: string;
    principals: string[];
    /** True when the principal is everyone: "*" or {"AWS": "*"}. */
    anyPrincipal: boolean;
    /** Lower-cased for matching. */
    actions: string[];
    /** As written, for messages. */
    actionsAsWritten: string[];
    resources: string[];
    condition: Record<string, Record<string, unknown>>;
}

/** The statements of a policy document; Unknown when the document (or part of it) is computed. */
export function statementsOf(document: unknown): Statement[] | Unknown | undefined {
    if (document === undefined || document === null || document === "") return undefined;
    if (isUnknown(document)) return UNKNOWN;
    let parsed: unknown = document;
    if (typeof document === "string") {
        if (containsUnknown(document)) return UNKNOWN;
        try {
            parsed = JSON.parse(document);
        } catch {
            return undefined;
        }
    } else if (containsUnknown(JSON.stringify(parsed))) {
        // An object document may hold computed values anywhere inside it.
        return UNKNOWN;
    }
    const raw = (parsed as { Statement?: unknown }).Statement;
    const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
    return statements.map((s: any) => {
        const principal = s.Principal;
        const principals =
            principal === "*" ? ["*"] : typeof principal === "object" && principal !== null ? Object.values(principal).flatMap(strings) : [];
        return {
            sid: typeof s.Sid === "string" ? s.Sid : undefined,
            effect: String(s.Effect ?? ""),
            principals,
            anyPrincipal: principal === "*" || strings(principal?.AWS).includes("*"),
            actions: strings(s.Action).map((a) => a.toLowerCase()),
            actionsAsWritten: strings(s.Action),
            resources: strings(s.Resource),
            condition: typeof s.Condition === "object" && s.Condition !== null ? s.Condition : {},
        };
    });
}

function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
    return [];
}

export function hasCondition(statement: Statement): boolean {
    return Object.keys(statement.condition).length > 0;
}

/** Does an action list grant `action` ("s3:GetObject"), counting wildcards like "s3:*" and "*"? */
function coversAction(actions: readonly string[], action: string): boolean {
    const wanted = action.toLowerCase();
    return actions.some((a) => a === "*" || a === wanted || (a.endsWith("*") && wanted.startsWith(a.slice(0, -1))));
}

/** A Deny of every S3 action for everyone when aws:SecureTransport is false. */
export function deniesInsecureTransport(statement: Statement): boolean {
    if (statement.effect !== "Deny" || !statement.anyPrincipal) return false;
    if (!coversAction(statement.actions, "s3:*")) return false;
    const bool = statement.condition["Bool"] ?? statement.condition["bool"];
    const secure = bool?.["aws:SecureTransport"] ?? bool?.["aws:securetransport"];
    const values = Array.isArray(secure) ? secure : [secure];
    return values.some((v) => v === false || v === "false");
}
