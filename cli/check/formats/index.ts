// The report formats of `trailguard check`, by their --format name.
import type { CheckReport } from "../checkReport";
import { formatJson } from "./json";
import { formatJunit } from "./junit";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

import type { ReportFormat } from "./reportFormat";

export { REPORT_FORMATS, type ReportFormat } from "./reportFormat";

export function formatReport(report: CheckReport, format: ReportFormat, options: { colour: boolean }): string {
    switch (format) {
        case "text":
            return formatText(report, options);
        case "json":
            return formatJson(report);
        case "sarif":
            return formatSarif(report);
        case "markdown":
            return formatMarkdown(report);
        case "junit":
            return formatJunit(report);
    }
}
