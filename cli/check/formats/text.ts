// The human report: one block per stack, its violations grouped by policy, mandatory ones first
// and marked apart from advisory ones; a closing line with the totals and the verdict.
import type { Violation } from "../../analyzerClient/verdict";
import { CAUGHT_AT_UP, CheckReport, isCaughtOnlyAtUp, isMandatory, modeLabel, StackCheck, summarize, violationDetail, violationsByPolicy } from "../checkReport";
import { count } from "../../../policies/src/values";
import { Paint, painter } from "../colour";
import { changeWords, estimateWords, pricesLabel, usd } from "./costWords";

export function formatText(report: CheckReport, options: { colour: boolean }): string {
    const paint = painter(options.colour);
    const lines: string[] = [];
    for (const stack of report.stacks) {
        lines.push(...stackBlock(report, stack, paint), "");
    }
    for (const gone of report.costComparison?.gone ?? []) {
        const before = gone.baselineMonthlyUsd === null ? "it had no estimate" : `it cost ${usd(gone.baselineMonthlyUsd)} a month`;
        lines.push(`${paint("bold", `stack ${gone.stack}`)}  ${gone.configFile}: gone since the cost baseline (${before})`, "");
    }
    const summary = summarize(report);
    const totals =
        `${count(summary.stacks, "stack")}, ${count(summary.resources, "resource")} checked (${modeLabel(report.mode)}) ` +
        `by ${report.policyPack.name} ${report.policyPack.version}: ` +
        `${count(summary.mandatory, "mandatory violation")}, ${count(summary.advisory, "advisory violation")}` +
        (summary.caughtAtUp ? ` (${summary.caughtAtUp} of them caught only at \`pulumi up\`)` : "") +
        (summary.undecided ? `, ${count(summary.undecided, "undecided finding")}` : "") +
        (summary.acceptedExceptions ? `, ${count(summary.acceptedExceptions, "accepted exception")}` : "") +
        (summary.warnings ? `, ${count(summary.warnings, "warning")}` : "");
    lines.push(`${totals} — ${summary.passed ? paint("green", "PASSED") : paint("red", "FAILED")}`);
    return lines.join("\n") + "\n";
}

function stackBlock(report: CheckReport, stack: StackCheck, paint: Paint): string[] {
    const verdict = stack.verdict;
    const mandatory = verdict.violations.filter(isMandatory).length;
    const advisory = verdict.violations.filter((v) => v.enforcementLevel === "advisory").length;
    const status =
        mandatory > 0
            ? paint("red", `${count(mandatory, "mandatory violation")}`) + (advisory ? `, ${count(advisory, "advisory violation")}` : "")
            : advisory > 0
              ? paint("yellow", count(advisory, "advisory violation"))
              : paint("green", "no violations");
    const lines = [
        `${paint("bold", `stack ${verdict.stack}`)}  ${stack.configFile}  (${count(verdict.resources, "resource")}, ${modeLabel(stack.mode)}` +
            `${stack.policyConfigFile ? `, policy config ${stack.policyConfigFile}` : ""}): ${status}`,
    ];
    lines.push(costLine(stack));
    const groups = violationsByPolicy(report, stack);
    // Mandatory policies first: they are what fails the check.
    const ordered = [
        ...groups.filter((g) => g.violations.some(isMandatory)),
        ...groups.filter((g) => !g.violations.some(isMandatory)),
    ];
    for (const { policy, violations } of ordered) {
        const level = violations.some(isMandatory) ? paint("red", "MANDATORY") : paint("yellow", "advisory ");
        const severity = policy.severity ? ` [${policy.severity}]` : "";
        lines.push(`  ${level}  ${paint("bold", policy.name)}${severity}: ${policy.displayName}`);
        if (policy.frameworks.length > 0) lines.push(paint("dim", `             ${policy.frameworks.join("; ")}`));
        for (const violation of violations) lines.push(...violationLines(violation, isCaughtOnlyAtUp(stack, violation)));
    }
    for (const undecided of stack.undecided) {
        lines.push(`  ${paint("yellow", "UNDECIDED")}  ${paint("bold", undecided.policy)} (${undecided.render} render): could not decide`);
        lines.push(...detailLines(undecided.urn, undecided.message));
    }
    for (const accepted of stack.acceptedExceptions) {
        lines.push(`  ${paint("dim", "ACCEPTED ")}  ${paint("bold", accepted.policy)}: accepted exception, ${accepted.key}: ${JSON.stringify(accepted.reason)}`);
        lines.push(...detailLines(accepted.urn, accepted.message));
    }
    for (const warning of stack.warnings) lines.push(`  ${paint("yellow", "WARNING  ")}  ${warning}`);
    for (const remediation of verdict.remediations) {
        lines.push(`  remediated ${remediation.policy}: ${remediation.urn}: ${remediation.description}`);
    }
    return lines;
}

/** One line: the monthly estimate, its prices and, with a baseline, the change. */
function costLine(stack: StackCheck): string {
    const prices = stack.cost.estimate ? ` (${pricesLabel(stack.cost.estimate)})` : "";
    const change = stack.costChange ? `; against the baseline: ${changeWords(stack.costChange)}` : "";
    return `  cost: ${estimateWords(stack.cost)}${prices}${change}`;
}

function violationLines(violation: Violation, onlyAtUp: boolean): string[] {
    const lines = detailLines(violation.urn, violationDetail(violation));
    if (onlyAtUp) lines.push(`               (${CAUGHT_AT_UP})`);
    return lines;
}

function detailLines(urn: string | undefined, text: string): string[] {
    const [first, ...rest] = text.split("\n");
    const where = urn ? `${urn}\n               ` : "(stack) ";
    return [`             - ${where}${first}`, ...rest.map((line) => `               ${line}`)];
}
