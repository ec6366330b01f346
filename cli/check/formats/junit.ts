// JUnit XML for CI test-report views: one <testsuite> per stack, one <testcase> per policy of the
// pack. A mandatory violation fails its test case, with every message in the <failure>. Advisory
// violations do not fail and are not "skipped" (skipped would hide that the policy ran): the test
// case passes and carries them as <properties> (advisoryViolations, severity) and in <system-out>.
// A policy the pack or its config disabled is the one <skipped> case.
import { XMLBuilder } from "fast-xml-parser";
import type { PolicyDescriptor, Violation } from "../../analyzerClient/verdict";
import { CAUGHT_AT_UP, CheckReport, isCaughtOnlyAtUp, isMandatory, modeLabel, policiesOf, sortViolations, StackCheck, summarize, violationDetail } from "../checkReport";
import { signedPercent } from "./costWords";

type XmlNode = Record<string, unknown>;

export function formatJunit(report: CheckReport): string {
    const suites = report.stacks.map((stack) => testSuite(report, stack));
    const sum = (key: string) => suites.reduce((total, s) => total + Number(s[`@_${key}`]), 0);
    const document = {
        "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
        testsuites: {
            "@_name": "trailguard check",
            "@_tests": sum("tests"),
            "@_failures": sum("failures"),
            "@_errors": 0,
            "@_skipped": sum("skipped"),
            "@_time": seconds(report.stacks.reduce((total, s) => total + s.seconds, 0)),
            testsuite: suites,
        },
    };
    const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true });
    return builder.build(document);
}

function testSuite(report: CheckReport, stack: StackCheck): XmlNode {
    const policies = policiesOf(report, stack);
    const violations = sortViolations(stack.verdict.violations);
    const cases = policies.map((policy) => testCase(stack, policy, violations.filter((v) => v.policy === policy.name)));
    // The program's warnings (config warnings among them) are the stack's, not a policy's: a property and the suite's own <system-out>.
    const summary = summarize({ ...report, stacks: [stack] });
    return {
        "@_name": stack.verdict.stack,
        "@_tests": cases.length,
        "@_failures": cases.filter((c) => c["failure"] !== undefined).length,
        "@_errors": 0,
        "@_skipped": cases.filter((c) => c["skipped"] !== undefined).length,
        "@_time": seconds(stack.seconds),
        "@_file": stack.configFile,
        properties: {
            property: [
                property("stack", stack.verdict.stack),
                property("mode", modeLabel(stack.mode)),
                property("configFile", stack.configFile),
                property("policyConfigFile", stack.policyConfigFile ?? "(pack defaults)"),
                property("resources", String(stack.verdict.resources)),
                property("mandatoryViolations", String(summary.mandatory)),
                property("advisoryViolations", String(summary.advisory)),
                property("policyPack", `${report.policyPack.name}@${report.policyPack.version}`),
                property("caughtOnlyAtUp", String(stack.onlyAtUp.length)),
                property("undecided", String(stack.undecided.length)),
                property("acceptedExceptions", String(stack.acceptedExceptions.length)),
                property("warnings", String(stack.warnings.length)),
                ...costProperties(stack),
            ],
        },
        testcase: cases,
        ...(stack.warnings.length > 0 ? { "system-out": xmlSafe(stack.warnings.map((w) => `[warning] ${w}`).join("\n")) } : {}),
    };
}

/** The monthly estimate (USD, to the cent) or why there is none; with a baseline, the change. */
function costProperties(stack: StackCheck): XmlNode[] {
    const estimate = stack.cost.estimate;
    const out = estimate
        ? [
              property("costMonthlyUsd", estimate.monthlyUsd.toFixed(2)),
              property("costCumulativeUsd", estimate.cumulativeUsd.toFixed(2)),
              property("costHorizonMonths", String(estimate.horizonMonths)),
              property("costPrices", `${estimate.prices.region} ${estimate.prices.currency} ${estimate.prices.asOf}`),
          ]
        : [property("costUnavailable", stack.cost.unavailable)];
    const change = stack.costChange;
    if (change) {
        out.push(property("costChange", change.status));
        if (change.baselineMonthlyUsd !== null) out.push(property("costBaselineMonthlyUsd", change.baselineMonthlyUsd.toFixed(2)));
        if (change.changeUsd !== null) out.push(property("costChangeUsd", change.changeUsd.toFixed(2)), property("costChangePercent", signedPercent(change.changeRelative)));
    }
    return out;
}

function testCase(stack: StackCheck, policy: PolicyDescriptor, violations: Violation[]): XmlNode {
    const node: XmlNode = {
        "@_classname": `trailguard.${stack.verdict.stack}`,
        "@_name": policy.name,
        "@_file": stack.configFile,
    };
    const mandatory = violations.filter(isMandatory);
    const others = violations.filter((v) => !isMandatory(v));
    const undecided = stack.undecided.filter((u) => u.policy === policy.name);
    const accepted = stack.acceptedExceptions.filter((a) => a.policy === policy.name);
    const describe = (v: Violation) => describeViolation(v, isCaughtOnlyAtUp(stack, v));
    const properties = [property("enforcementLevel", policy.enforcementLevel), property("severity", policy.severity || "none")];
    if (others.length > 0) properties.push(property("advisoryViolations", String(others.length)));
    if (undecided.length > 0) properties.push(property("undecided", String(undecided.length)));
    if (accepted.length > 0) properties.push(property("acceptedExceptions", String(accepted.length)));
    if (policy.frameworks.length > 0) properties.push(property("frameworks", policy.frameworks.join("; ")));
    node["properties"] = { property: properties };
    if (mandatory.length > 0) {
        node["failure"] = {
            "@_message": xmlSafe(`${mandatory.length} mandatory violation${mandatory.length === 1 ? "" : "s"}: ${policy.displayName}`),
            "@_type": "mandatory",
            "#text": xmlSafe(mandatory.map(describe).join("\n")),
        };
    } else if (policy.enforcementLevel === "disabled" && violations.length === 0) {
        node["skipped"] = { "@_message": "policy disabled by the pack or its config" };
    }
    const out = [
        ...others.map(describe),
        ...undecided.map((u) => `[undecided in the ${u.render} render] ${u.urn ?? "(stack)"}: ${u.message}`),
        ...accepted.map((a) => `[accepted exception, ${a.key}: ${JSON.stringify(a.reason)}] ${a.urn ?? "(stack)"}: ${a.message}`),
    ];
    if (out.length > 0) node["system-out"] = xmlSafe(out.join("\n"));
    return node;
}

function describeViolation(violation: Violation, onlyAtUp: boolean): string {
    const level = onlyAtUp ? `${violation.enforcementLevel}, ${CAUGHT_AT_UP}` : violation.enforcementLevel;
    return `[${level}] ${violation.urn ?? "(stack)"}: ${violationDetail(violation)}`;
}

function property(name: string, value: string): XmlNode {
    return { "@_name": name, "@_value": xmlSafe(value) };
}

/** Characters XML 1.0 cannot carry at all, even escaped (control characters but tab, LF, CR). */
function xmlSafe(text: string): string {
    return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD");
}

function seconds(value: number): string {
    return value.toFixed(3);
}
