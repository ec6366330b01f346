// IAM policy documents (bucket policies, key policies) as the programs write them: a JSON string or
// an object, one statement or a list, strings or lists of strings.
import { isUnknown, UNKNOWN, Unknown } from "./values";

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
    }
    if (containsUnknown(JSON.stringify(parsed))) return UNKNOWN;
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

function containsUnknown(text: string): boolean {
    return /04da6b54-80e4-46f7-96ec-b56ff0331ba9|1c4a061d-8072-4f0a-a4cb-0ff528b18fe7|3eeb2bf0-c639-47a8-9e75-3b44932eb421|6a19a0b0-7e62-4c92-b797-7f8e31da9cc2|dd056dcd-154b-4c76-9bd3-c8f88648b5ff/.test(text);
}

export function hasCondition(statement: Statement): boolean {
    return Object.keys(statement.condition).length > 0;
}

/** Does an action list grant `action` ("s3:GetObject"), counting wildcards like "s3:*" and "*"? */
export function coversAction(actions: readonly string[], action: string): boolean {
    const wanted = action.toLowerCase();
    return actions.some((a) => a === "*" || a === wanted || (a.endsWith("*") && wanted.startsWith(a.slice(0, -1))));
}

/** A Deny of every S3 action for everyone when aws:SecureTransport is false. */
export function deniesInsecureTransport(statement: Statement): boolean {
    if (statement.effect !== "Deny" || !statement.anyPrincipal) return false;
    if (!coversAction(statement.actions, "s3:*") && !statement.actions.includes("s3:*") && !statement.actions.includes("*")) return false;
    const bool = statement.condition["Bool"] ?? statement.condition["bool"];
    const secure = bool?.["aws:SecureTransport"] ?? bool?.["aws:securetransport"];
    const values = Array.isArray(secure) ? secure : [secure];
    return values.some((v) => v === false || v === "false");
}
