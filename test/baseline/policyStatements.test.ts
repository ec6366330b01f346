// docs/policy-statements.md lists every statement of every policy the baseline generates, with the
// AWS page behind each condition key. This ties the table to the renders both ways: a rendered
// statement without a matching row fails, and so does a row no stack renders. Every shipped stack
// and an organization trail are rendered as deployed (every value known).
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { generatedPolicies, GeneratedPolicy, PolicyPlaceholders, policyPlaceholders } from "./support/generatedPolicies";
import { asList, organizationTrailOverrides, renderDeployed, stackNames, Statement } from "./support/renderedBaseline";

const docsPath = path.join(__dirname, "..", "..", "docs", "policy-statements.md");

interface Row {
    line: number;
    policy: string;
    sid: string;
    effect: string;
    principal: string;
    actions: string[];
    /** Templates; `organizationOnly` ones appear only in an organization trail's policy. */
    resources: { template: string; organizationOnly: boolean }[];
    conditions: string[];
    /** Condition key (or "statement") → the links cited for it. */
    sources: Map<string, string[]>;
}

const code = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const parts = (cell: string): string[] => cell.split("<br>").map((p) => p.trim()).filter((p) => p !== "" && p !== "—");

function parseRows(markdown: string): Row[] {
    const rows: Row[] = [];
    markdown.split("\n").forEach((text, i) => {
        if (!/^\| `[a-z-]+` \| `/.test(text)) return;
        const cells = text.split(" | ").map((c) => c.replace(/^\| ?| ?\|$/g, "").trim());
        expect(cells, `docs/policy-statements.md line ${i + 1}: 8 cells`).toHaveLength(8);
        const [policy, sid, effect, principal, actions, resources, conditions, sources] = cells as [string, string, string, string, string, string, string, string];
        const sourceMap = new Map<string, string[]>();
        for (const part of parts(sources)) {
            const key = /^`([^`]+)`:/.exec(part)?.[1] ?? (part.startsWith("statement:") ? "statement" : part);
            sourceMap.set(key, [...part.matchAll(/\]\((https:\/\/[^)]+)\)/g)].map((m) => m[1]!));
        }
        rows.push({
            line: i + 1,
            policy: code(policy)[0]!,
            sid: code(sid)[0]!,
            effect,
            principal: code(principal).join(" ") || principal,
            actions: code(actions).sort(),
            resources: parts(resources).map((p) => ({ template: code(p)[0]!, organizationOnly: p.includes("(organization trail)") })),
            conditions: parts(conditions).map((p) => code(p).join(" ")),
            sources: sourceMap,
        });
    });
    return rows;
}

/** A template with its placeholders filled in; an unknown placeholder is left as written. */
function fill(template: string, values: PolicyPlaceholders): string {
    return template.replace(/<([A-Za-z]+)>/g, (whole, name: string) => values[name] ?? whole);
}

function principalText(statement: Statement): string {
    const principal = statement.Principal as undefined | "*" | Record<string, string | string[]>;
    if (principal === undefined) return "(identity policy)";
    if (principal === "*") return "*";
    return Object.entries(principal)
        .map(([kind, value]) => `${kind}: ${asList(value).join(", ")}`)
        .join(" ");
}

function conditionTexts(statement: Statement): string[] {
    return Object.entries(statement.Condition ?? {})
        .flatMap(([operator, keys]) => Object.entries(keys).map(([key, value]) => `${operator} ${key} ${asList(value).join(", ")}`))
        .sort();
}

const rows = parseRows(fs.readFileSync(docsPath, "utf8"));

interface Variant {
    label: string;
    stack: string;
    overrides: Record<string, string>;
    organizationTrail: boolean;
    policies?: GeneratedPolicy[];
    values?: PolicyPlaceholders;
}

const organization = organizationTrailOverrides();
const variants: Variant[] = [
    ...stackNames().map((stack) => ({ label: stack, stack, overrides: {}, organizationTrail: false })),
    { label: `${organization.stack} as an organization trail`, ...organization, organizationTrail: true },
];

beforeAll(async () => {
    await Promise.all(
        variants.map(async (variant) => {
            const deployed = await renderDeployed(variant.stack, variant.overrides);
            variant.policies = generatedPolicies(deployed.view);
            variant.values = policyPlaceholders(deployed);
        }),
    );
});

/** The row a rendered statement is listed under, if any. */
function rowOf(policy: GeneratedPolicy, statement: Statement): Row | undefined {
    return rows.find((r) => r.policy === policy.name && r.sid === statement.Sid);
}

describe("docs/policy-statements.md", () => {
    it("has a row for each statement, with a source for the statement and for every condition key", () => {
        expect(rows.length).toBeGreaterThan(15);
        const keys = new Set<string>();
        for (const row of rows) {
            const where = `line ${row.line} (${row.policy} ${row.sid})`;
            expect(keys.has(`${row.policy} ${row.sid}`), `${where}: one row per statement`).toBe(false);
            keys.add(`${row.policy} ${row.sid}`);
            const awsDocs = (links: string[] | undefined) => (links ?? []).filter((l) => l.startsWith("https://docs.aws.amazon.com/"));
            expect(awsDocs(row.sources.get("statement")).length, `${where}: an AWS documentation page for the statement`).toBeGreaterThan(0);
            for (const condition of row.conditions) {
                const key = condition.split(" ")[1]!;
                expect(awsDocs(row.sources.get(key)).length, `${where}: an AWS documentation page for condition key ${key}`).toBeGreaterThan(0);
            }
            // AWS's own pages only: its documentation, and its Knowledge Center as a second source.
            for (const links of row.sources.values()) {
                for (const link of links) expect(link, where).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//);
            }
        }
    });

    describe.each(variants.map((v) => [v.label, v] as const))("%s", (_label, variant) => {
        it("renders only statements the table lists, each exactly as listed", () => {
            for (const policy of variant.policies!) {
                for (const statement of policy.statements) {
                    const where = `${policy.name} statement ${statement.Sid ?? "(no Sid)"}`;
                    const row = rowOf(policy, statement);
                    expect(row, `${where} has no entry in docs/policy-statements.md`).toBeDefined();
                    const values = variant.values!;
                    expect(statement.Effect, `${where}: Effect`).toBe(row!.effect);
                    expect(principalText(statement), `${where}: Principal`).toBe(fill(row!.principal, values));
                    expect(asList(statement.Action).sort(), `${where}: Action`).toEqual(row!.actions);
                    const expectedResources = row!.resources
                        .filter((r) => variant.organizationTrail || !r.organizationOnly)
                        .map((r) => fill(r.template, values))
                        .sort();
                    expect(asList(statement.Resource).sort(), `${where}: Resource`).toEqual(expectedResources);
                    expect(conditionTexts(statement), `${where}: Condition`).toEqual(row!.conditions.map((c) => fill(c, values)).sort());
                }
            }
        });
    });

    it("lists no statement that no stack renders", () => {
        const seen = new Set(variants.flatMap((v) => v.policies!.flatMap((p) => p.statements.map((st) => rowOf(p, st)))));
        const unseen = rows.filter((r) => !seen.has(r)).map((r) => `line ${r.line}: ${r.policy} ${r.sid}`);
        expect(unseen).toEqual([]);
    });
});
