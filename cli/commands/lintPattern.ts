// `trailguard lint-pattern '<pattern>'`: parses a CloudWatch Logs JSON filter pattern offline and
// prints how CloudWatch will read it (canonical form and tree) plus the pitfalls the linter finds.
// Exit code: 0 when the pattern parses (warnings included, unless --strict), 1 when it does not parse
// or --strict and there are warnings.
import { Command, Option } from "commander";
import {
    caretUnder,
    describeSyntaxError,
    formatFilterPattern,
    formatFilterPatternTree,
    lintFilterPattern,
    tryParseFilterPattern,
    type LintFinding,
} from "../../core/filterPattern";
import { escapeControlCharacters } from "../format/terminalText";

interface LintPatternOptions {
    format: "text" | "json";
    strict?: boolean;
}

export function registerLintPatternCommand(program: Command): void {
    program
        .command("lint-pattern")
        .description("parse and lint a CloudWatch Logs JSON filter pattern (as used by the alarms' metric filters)")
        .argument("<pattern>", "the filter pattern, e.g. '{ $.eventName = \"ConsoleLogin\" }' (quote it for the shell)")
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
        .option("--strict", "exit with 1 when there are warnings, not only when the pattern does not parse")
        .action((pattern: string, opts: LintPatternOptions) => {
            process.exitCode = lintPattern(pattern, opts);
        });
}

function lintPattern(text: string, opts: LintPatternOptions): number {
    const parsed = tryParseFilterPattern(text);
    if (!parsed.ok) {
        const { error } = parsed;
        if (opts.format === "json") {
            const json = { ok: false, error: { position: error.position, expected: error.expected, found: error.found, message: error.message } };
            process.stdout.write(JSON.stringify(json, null, 2) + "\n");
        } else {
            process.stdout.write(terminalSafe(`${describeSyntaxError(text, error)}\n`));
            if (error.nonJsonPattern) {
                process.stdout.write("CloudWatch also accepts term and space-delimited patterns; trailguard evaluates JSON patterns only.\n");
            }
        }
        return 1;
    }
    const findings = lintFilterPattern(parsed.pattern);
    if (opts.format === "json") {
        const json = { ok: true, canonical: formatFilterPattern(parsed.pattern), tree: parsed.pattern.expression, warnings: findings };
        process.stdout.write(JSON.stringify(json, null, 2) + "\n");
    } else {
        process.stdout.write(terminalSafe(`${formatFilterPattern(parsed.pattern)}\n\n${formatFilterPatternTree(parsed.pattern)}\n${formatFindings(text, findings)}`));
    }
    return opts.strict && findings.length > 0 ? 1 : 0;
}

function formatFindings(text: string, findings: readonly LintFinding[]): string {
    if (findings.length === 0) return "no warnings\n";
    const lines = [`${findings.length} warning${findings.length === 1 ? "" : "s"}:`];
    for (const f of findings) {
        lines.push(`  ${f.code}${f.position !== undefined ? ` at position ${f.position}` : ""}: ${f.message}`);
        if (f.position !== undefined) lines.push(`    ${text}`, `    ${caretUnder(text, f.position)}`);
    }
    return lines.join("\n") + "\n";
}

/** The pattern is echoed back: its control characters are shown as escapes, never sent to the terminal. */
function terminalSafe(text: string): string {
    return escapeControlCharacters(text, { keepLineBreaks: true });
}
