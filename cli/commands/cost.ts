// `trailguard cost --stack <name>`: what a stack's audit trail costs, month by month over its
// retention (docs/cost.md). Reads the stack file of the project `check` would pick
// (pulumiProject/selectProject.ts) and validates it as the program would; never renders the program.
import { InvalidArgumentError, Option, type Command } from "commander";

export interface CostCommandOptions {
    stack: string;
    program?: string;
    eventsPerDay?: number;
    fromLogs?: string;
    format: "table" | "json";
    chart?: string;
    suggest?: boolean;
    prices?: string;
}

export function registerCostCommand(program: Command): void {
    program
        .command("cost")
        .description("estimate what a stack's audit trail costs, month by month over its retention")
        .requiredOption("--stack <name>", "price this stack's settings file (Pulumi.<name>.yaml of the project)")
        .option("--program <dir>", "the Pulumi project whose stack to price; default: the working directory's project, else trailguard's own")
        .option("--events-per-day <n>", "total events per day (scales the stack's or the measured volume)", parseEventsPerDay)
        .option("--from-logs <dir>", "measure the volume from CloudTrail files as delivered (AWSLogs/…/*.json.gz)")
        .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
        .option("--chart <file.svg>", "write an SVG chart of stored GB per storage class and monthly cost")
        .option("--suggest", "find the cheapest lifecycle plan that meets every requirement of the stack")
        .option("--prices <file>", "a price table in JSON (default: the built-in us-east-1 prices)")
        .action(async (opts: CostCommandOptions) => {
            const { runCost } = await import("../cost/costCommand");
            process.exitCode = await runCost(opts);
        });
}

function parseEventsPerDay(value: string): number {
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError(`expected a number of events per day greater than 0, got "${value}"`);
    return Number(value);
}
