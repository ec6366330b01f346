// `trailguard/filter-pattern`: the CloudWatch Logs filter-pattern engine (parse, lint, format, match
// CloudTrail records). Loads no Pulumi code.
export * from "../core/filterPattern";
