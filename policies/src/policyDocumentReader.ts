// Reads IAM policy documents (bucket policies, key policies, role trust policies) as programs write them: a JSON string or
// an object, one statement or a list, strings or lists of strings.
import { containsUnknown, isUnknown, UNKNOWN, Unknown } from "./values";

export interface Statement {
    sid?: string;
    effect: string;
    /** True when the principal is everyone: "*" or {"AWS": "*"}. */
    anyPrincipal: boolean;
    /** The service principals named under Principal.Service, e.g. "cloudtrail.amazonaws.com". */
    services: string[];
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
        return {
            sid: typeof s.Sid === "string" ? s.Sid : undefined,
            effect: String(s.Effect ?? ""),
            anyPrincipal: principal === "*" || strings(principal?.AWS).includes("*"),
            services: strings(principal?.Service),
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

/** Does an action list grant `action` ("s3:GetObject"), counting wildcards like "s3:*", "sts:Assume*" and "*"? */
export function coversAction(actions: readonly string[], action: string): boolean {
    const wanted = action.toLowerCase();
    return actions.some((a) => a === "*" || a === wanted || ((a.includes("*") || a.includes("?")) && wildcard(a).test(wanted)));
}

/** IAM's wildcards in an action: "*" any run of characters, "?" any one character. */
function wildcard(pattern: string): RegExp {
    const body = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${body}$`, "i");
}

/** One operator-and-key clause of a statement's Condition, as written. */
export interface ConditionClause {
    operator: string;
    key: string;
    value: unknown;
}

export function conditionClauses(statement: Statement): ConditionClause[] {
    return Object.entries(statement.condition).flatMap(([operator, clause]) =>
        typeof clause === "object" && clause !== null ? Object.entries(clause).map(([key, value]) => ({ operator, key, value })) : [],
    );
}

/** The clauses on one of `keys` (compared case-insensitively, as IAM compares condition keys). */
export function clausesOn(statement: Statement, keys: readonly string[]): ConditionClause[] {
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    return conditionClauses(statement).filter((c) => wanted.has(c.key.toLowerCase()));
}

/**
 * The clauses of a statement's Condition, on one of `keys`, that are false when the request carries
 * none of those keys. IAM's rules for an absent key: a negated operator (StringNotEquals, ArnNotLike,
 * …) is true, as are ForAllValues:… and every …IfExists; Null is true when it tests for "true"; every
 * other operator, ForAnyValue:… included, is false.
 */
export function clausesFailingWithout(statement: Statement, keys: readonly string[]): ConditionClause[] {
    return clausesOn(statement, keys).filter((c) => !holdsWhenAbsent(c.operator, c.value));
}

const NEGATED_OPERATORS = new Set([
    "stringnotequals",
    "stringnotequalsignorecase",
    "stringnotlike",
    "numericnotequals",
    "datenotequals",
    "notipaddress",
    "arnnotequals",
    "arnnotlike",
]);

function holdsWhenAbsent(operator: string, value: unknown): boolean {
    const lower = operator.toLowerCase();
    if (lower.startsWith("forallvalues:")) return true;
    if (lower.startsWith("foranyvalue:")) return false;
    if (lower.endsWith("ifexists")) return true;
    if (lower === "null") return (Array.isArray(value) ? value : [value]).some((v) => v === true || v === "true");
    return NEGATED_OPERATORS.has(lower);
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
