// The --format names of `trailguard check`, apart from the formatters so that the command line can
// be parsed without loading them.
export const REPORT_FORMATS = ["text", "json", "sarif", "markdown", "junit"] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
