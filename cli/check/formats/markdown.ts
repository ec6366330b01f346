// The pull-request comment / GitHub job summary: an overview table, then per stack a table of the
// policies it violates and, folded in <details>, every message. All text from policies and
// programs is escaped: a message must not be able to break the table or inject HTML.
import type { Violation } from "../../analyzerClient/verdict";
import { count } from "../../../policies/src/values";
import { CAUGHT_AT_UP, CheckReport, isCaughtOnlyAtUp, isMandatory, modeLabel, StackCheck, summarize, violationDetail, violationsByPolicy } from "../checkReport";
import { changeWords, pricesLabel, signedPercent, signedUsd, usd } from "./costWords";

export function formatMarkdown(report: CheckReport): string {
    const summary = summarize(report);
    const out: string[] = [];
    const verdict = summary.passed
        ? summary.advisory > 0
            ? `:warning: passed with ${count(summary.advisory, "advisory violation")}`
            : ":white_check_mark: passed"
        : `:x: ${count(summary.mandatory, "mandatory violation")}`;
    out.push(`## trailguard check — ${verdict}`, "");
    out.push(
        `${count(summary.stacks, "stack")}, ${count(summary.resources, "resource")} checked in **${modeLabel(report.mode)}** mode ` +
            `by policy pack \`${code(report.policyPack.name)}\` ${cell(report.policyPack.version)}.` +
            (summary.caughtAtUp ? ` ${count(summary.caughtAtUp, "violation")} caught only at \`pulumi up\`, invisible to \`pulumi preview\`.` : "") +
            (summary.undecided ? ` ${count(summary.undecided, "undecided finding")}.` : "") +
            (summary.acceptedExceptions ? ` ${count(summary.acceptedExceptions, "accepted exception")}.` : "") +
            (summary.warnings ? ` ${count(summary.warnings, "warning")}.` : ""),
        "",
    );
    out.push(
        "| Stack | Settings | Policy config | Resources | Mandatory | Advisory | Undecided | Accepted exceptions | Warnings | Result |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    );
    for (const stack of report.stacks) {
        const mandatory = stack.verdict.violations.filter(isMandatory).length;
        const advisory = stack.verdict.violations.filter((v) => v.enforcementLevel === "advisory").length;
        const result = mandatory > 0 ? ":x: failed" : advisory > 0 ? ":warning: passed" : ":white_check_mark: passed";
        out.push(
            `| ${cell(stack.verdict.stack)} | \`${code(stack.configFile)}\` | ${stack.policyConfigFile ? `\`${code(stack.policyConfigFile)}\`` : "pack defaults"} | ${stack.verdict.resources} | ${mandatory} | ${advisory} | ${stack.undecided.length} | ${stack.acceptedExceptions.length} | ${stack.warnings.length} | ${result} |`,
        );
    }
    out.push("", ...costSection(report));
    for (const stack of report.stacks) out.push("", ...stackSection(report, stack));
    return out.join("\n") + "\n";
}

/** Each stack's monthly estimate and, with a baseline, its change; gone stacks last. */
function costSection(report: CheckReport): string[] {
    const comparison = report.costComparison;
    const prices = [...new Set(report.stacks.flatMap((s) => (s.cost.estimate ? [pricesLabel(s.cost.estimate)] : [])))];
    const out = [
        "### Cost",
        "",
        (prices.length > 0
            ? "What each stack deploys costs at the volume its stack file states (`trailguard:cost`), " +
              `at ${prices.map(cell).join("; ")}; \`node bin/trailguard.js cost --stack <name>\` itemizes it.`
            : "No stack has an estimate: a stack is priced when its settings file carries `trailguard:` config.") +
            (comparison ? ` Change against \`${code(comparison.file)}\`.` : ""),
        "",
    ];
    if (comparison) {
        out.push(
            "| Stack | Monthly (steady state) | Over the horizon | Baseline monthly | Change | Change % |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        );
    } else {
        out.push("| Stack | Monthly (steady state) | Over the horizon |", "| --- | ---: | ---: |");
    }
    for (const stack of report.stacks) {
        const estimate = stack.cost.estimate;
        const cells = [
            cell(stack.verdict.stack),
            estimate ? usd(estimate.monthlyUsd) : `no estimate: ${cell(stack.cost.unavailable!)}`,
            estimate ? `${usd(estimate.cumulativeUsd)} over ${estimate.horizonMonths} months` : "—",
        ];
        if (comparison) {
            const change = stack.costChange!;
            cells.push(change.baselineMonthlyUsd === null ? "—" : usd(change.baselineMonthlyUsd));
            cells.push(change.status === "compared" ? signedUsd(change.changeUsd!) : cell(changeWords(change)));
            cells.push(change.status === "compared" ? signedPercent(change.changeRelative) : "—");
        }
        out.push(`| ${cells.join(" | ")} |`);
    }
    for (const gone of comparison?.gone ?? []) {
        const before = gone.baselineMonthlyUsd;
        out.push(`| ${cell(gone.stack)} | gone | — | ${before === null ? "—" : usd(before)} | ${before === null ? "stack gone" : signedUsd(-before)} | ${before ? "-100.0%" : "—"} |`);
    }
    return out;
}

function stackSection(report: CheckReport, stack: StackCheck): string[] {
    const groups = violationsByPolicy(report, stack);
    const out = [`### Stack ${cell(stack.verdict.stack)}`, ""];
    if (groups.length === 0) out.push(`No violations in ${count(stack.verdict.resources, "resource")}.`);
    else out.push(...violationTables(stack, groups));
    if (stack.undecided.length > 0) {
        out.push("", "**Undecided** (a value the policy needs is unknown in that render):", "");
        for (const u of stack.undecided) out.push(`- \`${code(u.policy)}\` on ${where(u.urn)} (${u.render} render): ${html(oneLine(u.message))}`);
    }
    if (stack.acceptedExceptions.length > 0) {
        out.push("", "**Accepted exceptions** (recorded in the stack's config):", "");
        for (const a of stack.acceptedExceptions) {
            out.push(`- \`${code(a.policy)}\` on ${where(a.urn)}: ${html(oneLine(a.message))} — reason (\`${code(a.key)}\`): ${html(oneLine(a.reason))}`);
        }
    }
    if (stack.warnings.length > 0) {
        out.push("", "**Warnings** (logged by the program; for trailguard's own, its config validation's):", "");
        for (const warning of stack.warnings) out.push(`- ${html(oneLine(warning))}`);
    }
    return out;
}

function where(urn: string | undefined): string {
    return urn ? `<code>${html(urn)}</code>` : "the stack";
}

function violationTables(stack: StackCheck, groups: ReturnType<typeof violationsByPolicy>): string[] {
    const out: string[] = [];
    out.push("| Policy | Level | Severity | Violations | Controls |", "| --- | --- | --- | ---: | --- |");
    for (const { policy, violations } of groups) {
        const level = violations.some(isMandatory) ? "**mandatory**" : "advisory";
        out.push(
            `| \`${code(policy.name)}\` ${cell(policy.displayName)} | ${level} | ${cell(policy.severity || "—")} | ${violations.length} | ${cell(policy.frameworks.join("; ") || "—")} |`,
        );
    }
    for (const { policy, violations } of groups) {
        out.push("", `<details><summary><code>${html(policy.name)}</code>: ${count(violations.length, "violation")}</summary>`, "");
        for (const violation of violations) out.push(item(violation, isCaughtOnlyAtUp(stack, violation)));
        if (policy.remediationSteps.trim()) out.push("", `**How to fix:** ${html(oneLine(policy.remediationSteps))}`);
        out.push("", "</details>");
    }
    return out;
}

function item(violation: Violation, onlyAtUp: boolean): string {
    const level = isMandatory(violation) ? "mandatory" : violation.enforcementLevel;
    const caught = onlyAtUp ? ` **${html(CAUGHT_AT_UP)}**` : "";
    return `- ${where(violation.urn)} (${level}):${caught} ${html(oneLine(violationDetail(violation)))}`;
}

/** Text for a table cell: no line breaks, no column separators, no HTML. */
function cell(text: string): string {
    return html(oneLine(text)).replace(/\|/g, "\\|");
}

/** Text inside backticks in a table cell: no backticks or pipes can close it early. */
function code(text: string): string {
    return oneLine(text).replace(/`/g, "'").replace(/\|/g, "\\|");
}

function html(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function oneLine(text: string): string {
    return text.trim().replace(/\s*\n\s*/g, " ");
}
