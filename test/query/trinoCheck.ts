// The offline check of catalogue SQL against Trino, the dialect Athena runs: node-sql-parser's Trino
// grammar must parse it, and in its syntax tree every function must be one Athena documents that
// DuckDB also has (TRINO_FUNCTIONS_USED), every table `cloudtrail`, and every column a column (or a
// struct field path) of the Athena table, or an alias the query defines.
import { Parser } from "node-sql-parser";
import { CLOUDTRAIL_COLUMNS, CLOUDTRAIL_PARTITION_COLUMNS, type AthenaType } from "../../core/queries/athenaSchema";
import { TRINO_FUNCTIONS_USED } from "../../cli/query/trinoFunctions";

const parser = new Parser();
const TRINO = { database: "trino" };

export interface TrinoCheck {
    problems: string[];
    placeholders: number;
}

/** Field paths of the table: "useridentity", "useridentity.arn", "useridentity.sessioncontext.sessionissuer.arn", … */
function fieldPaths(): Set<string> {
    const out = new Set<string>(CLOUDTRAIL_PARTITION_COLUMNS.map((p) => p.name));
    const add = (prefix: string, type: AthenaType): void => {
        out.add(prefix);
        if (type.kind === "struct") for (const f of type.fields) add(`${prefix}.${f.name}`, f.type);
    };
    for (const c of CLOUDTRAIL_COLUMNS) add(c.name, c.type);
    return out;
}
const PATHS = fieldPaths();

export function checkTrinoSql(sql: string): TrinoCheck {
    let ast: unknown;
    try {
        ast = parser.astify(sql, TRINO);
    } catch (err) {
        return { problems: [`does not parse as Trino: ${(err as Error).message.slice(0, 200)}`], placeholders: 0 };
    }
    const problems: string[] = [];
    const statements = Array.isArray(ast) ? ast : [ast];
    if (statements.length !== 1 || (statements[0] as { type?: string }).type !== "select") problems.push("not a single SELECT");
    const tables = parser.tableList(sql, TRINO);
    for (const t of tables) if (t !== "select::null::cloudtrail") problems.push(`reads ${t}, expected only cloudtrail`);

    const aliases = new Set<string>();
    const columns: string[] = [];
    const functions: string[] = [];
    let placeholders = 0;
    const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== "object") return;
        const n = node as Record<string, any>;
        if (typeof n.as === "string") aliases.add(n.as.toLowerCase());
        if (n.type === "function") functions.push(n.name.name.map((p: { value: string }) => p.value).join(".").toLowerCase());
        if (n.type === "aggr_func") functions.push(String(n.name).toLowerCase());
        if (n.type === "origin" && n.value === "?") placeholders++;
        if (n.type === "column_ref") {
            const column = typeof n.column === "string" ? n.column : n.column?.expr?.value;
            columns.push([n.table, column].filter((x) => x !== null && x !== undefined).join(".").toLowerCase());
        }
        // node-sql-parser's Trino grammar reads "quoted" identifiers as strings; Trino reads them as identifiers.
        if (n.type === "double_quote_string") columns.push(String(n.value).toLowerCase());
        Object.values(n).forEach(walk);
    };
    walk(ast);
    for (const f of new Set(functions)) if (!TRINO_FUNCTIONS_USED.has(f)) problems.push(`calls ${f}, which is not in TRINO_FUNCTIONS_USED`);
    for (const c of new Set(columns)) if (!PATHS.has(c) && !aliases.has(c)) problems.push(`refers to ${c}, which is no column of the Athena table`);
    return { problems, placeholders };
}
