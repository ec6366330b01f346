// A query's result as a text table for people, JSON ({"columns": [...], "rows": [[...]]}) or CSV
// (csv-stringify: quoting and embedded newlines done by a library, not by hand).
import { stringify } from "csv-stringify/sync";
import { escapeControlCharacters } from "../format/terminalText";
import type { QueryResult, ResultValue } from "./duckdbEngine";

export type ResultFormat = "table" | "json" | "csv";

export function formatResult(result: QueryResult, format: ResultFormat): string {
    switch (format) {
        case "json":
            return JSON.stringify({ columns: result.columns, rows: result.rows }) + "\n";
        case "csv":
            return stringify([result.columns, ...result.rows.map((row) => row.map(cellText))]);
        case "table":
            return formatTable(result);
    }
}

/** Text of one cell: NULL as empty, nested values as JSON. */
function cellText(value: ResultValue): string {
    if (value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Cells longer than this are cut in the table (JSON and CSV keep them whole). */
const MAX_CELL = 80;

/** For a terminal: values come from the logs (a userAgent is anyone's to choose), shown, never obeyed. */
function formatTable(result: QueryResult): string {
    const cut = (s: string): string => {
        const flat = escapeControlCharacters(s.replace(/\s+/g, " "));
        return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
    };
    const rows = result.rows.map((row) => row.map((v) => cut(cellText(v))));
    const widths = result.columns.map((c, i) => Math.max(escapeControlCharacters(c).length, ...rows.map((r) => r[i]!.length)));
    const numeric = result.columns.map((_, i) => result.rows.length > 0 && result.rows.every((r) => r[i] === null || typeof r[i] === "number"));
    const line = (cells: string[]): string => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
    const out = [line(result.columns.map((c) => escapeControlCharacters(c))), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
    out.push(`(${result.rows.length} row${result.rows.length === 1 ? "" : "s"})`);
    return out.join("\n") + "\n";
}
