// The replay report as text for people and as JSON for tools (schema in docs/filter-patterns.md).
import { escapeControlCharacters } from "../format/terminalText";
import type { ReplayReport } from "./replayRun";

export function formatReplayJson(report: ReplayReport): string {
    const json = {
        events: report.events,
        files: report.files,
        alarms: report.alarms.map((a) => ({
            id: a.id,
            cis: a.cis ?? null,
            securityHub: a.securityHub ?? null,
            pattern: a.pattern,
            matches: a.matches,
            eventIds: a.eventIds,
            eventIdsTruncated: a.eventIdsTruncated,
        })),
        errors: report.errors,
    };
    return JSON.stringify(json, null, 2) + "\n";
}

export function formatReplayText(report: ReplayReport): string {
    const rows = report.alarms.map((a) => [a.cis ?? "-", a.securityHub ?? "-", a.id, String(a.matches)]);
    const header = ["CIS", "Security Hub", "alarm", "matches"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]): string =>
        cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
    const out = [
        `${report.events} events in ${report.files} file${report.files === 1 ? "" : "s"}, ${report.alarms.length} alarm patterns`,
        "",
        line(header),
        ...rows.map(line),
    ];
    if (report.errors.length > 0) {
        out.push("", `${report.errors.length} problem${report.errors.length === 1 ? "" : "s"} (skipped):`);
        // File names and messages quote the input: never let them drive the terminal.
        for (const e of report.errors) {
            const where = e.file ? `${e.file === "-" ? "(standard input)" : e.file}${e.line > 0 ? `:${e.line}` : ""}: ` : "";
            out.push(escapeControlCharacters(`  ${where}${e.message}`));
        }
    }
    return out.join("\n") + "\n";
}
