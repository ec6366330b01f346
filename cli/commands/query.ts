// `trailguard query`: answers the catalogue's questions (core/queries/catalogue.ts), or any SELECT over
// the `cloudtrail` table, on CloudTrail files with an embedded DuckDB. Forms:
//   trailguard query <id> [--param name=value …] <files or directories…>
//   trailguard query --sql '<SELECT … FROM cloudtrail …>' <files or directories…>
//   trailguard query --list
//   trailguard query --athena --workgroup <name> [--database <glue db>] <id> [--param name=value …]  (cli/query/athenaRunner.ts)
// Exit code 0 when it ran (unreadable files are reported on stderr and skipped), 2 for usage errors or
// when no input could be read at all.
import { Command, InvalidArgumentError, Option } from "commander";
import { escapeControlCharacters } from "../format/terminalText";
import type { ResultFormat } from "../query/resultFormat";
import { UserError } from "../userError";

interface QueryCommandOptions {
    sql?: string;
    list?: boolean;
    param: Record<string, string>;
    format: ResultFormat;
    memoryLimit: string;
    threads?: number;
    athena?: boolean;
    workgroup?: string;
    database?: string;
}

export function registerQueryCommand(program: Command): void {
    program
        .command("query")
        .description("answer a catalogue question (or run a SELECT) over CloudTrail log files with an embedded DuckDB")
        .argument("[args...]", "<id> then files or directories; with --sql, only files or directories")
        .option("--sql <select>", "run this SELECT over the table cloudtrail instead of a catalogue query")
        .option("--list", "list the catalogue's queries and their parameters")
        .option("--param <name=value>", "a parameter of the catalogue query (repeatable)", collectParam, {})
        .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
        .option("--memory-limit <size>", "DuckDB's memory limit; beyond it DuckDB spills to a temporary directory", parseMemoryLimit, "1GB")
        .option("--threads <n>", "DuckDB worker threads (default: one per core)", parseThreads)
        .option("--athena", "run the catalogue query in an Athena workgroup instead of on local files (AWS credentials from the environment)")
        .option("--workgroup <name>", "with --athena: the workgroup, e.g. the stack output athenaWorkgroupName")
        .option("--database <name>", "with --athena: the Glue database (default: that of the workgroup's named query of this id)")
        .action(async (args: string[], opts: QueryCommandOptions) => {
            process.exitCode = await query(args, opts);
        });
}

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
    const m = /^([A-Za-z][A-Za-z0-9]*)=([\s\S]*)$/.exec(value);
    if (!m) throw new InvalidArgumentError(`expected name=value (e.g. principal=AKIAIOSFODNN7EXAMPLE), got "${value}"`);
    if (Object.prototype.hasOwnProperty.call(previous, m[1]!)) throw new InvalidArgumentError(`"${m[1]}" given twice`);
    return { ...previous, [m[1]!]: m[2]! };
}

function parseMemoryLimit(value: string): string {
    if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) throw new InvalidArgumentError(`expected a size such as 512MB or 2GB, got "${value}"`);
    return value;
}

function parseThreads(value: string): number {
    if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
    return Number(value);
}

async function query(args: string[], opts: QueryCommandOptions): Promise<number> {
    // Loaded here, not at start-up: every other command would pay for DuckDB (see main.ts).
    const [{ QUERY_CATALOGUE, findCatalogueQuery }, { resolveQueryParameters }, listing, { formatResult }, { QueryProgressLine }, { runQueryOverPaths }] =
        await Promise.all([
            import("../../core/queries/catalogue"),
            import("../../core/queries/queryParameters"),
            import("../query/catalogueListing"),
            import("../query/resultFormat"),
            import("../query/queryProgress"),
            import("../query/queryRun"),
        ]);
    if (opts.list) {
        if (args.length > 0 || opts.sql !== undefined) throw new UserError("--list takes no query id, paths or --sql");
        process.stdout.write(opts.format === "json" ? listing.formatCatalogueJson(QUERY_CATALOGUE) : listing.formatCatalogueText(QUERY_CATALOGUE));
        return 0;
    }
    let sql: string;
    let values: string[];
    let paths: string[];
    let label: string;
    if (opts.sql !== undefined) {
        if (Object.keys(opts.param).length > 0) throw new UserError("--param is for catalogue queries; write the values into --sql");
        if (opts.sql.trim() === "") throw new UserError("--sql: empty; expected a SELECT … FROM cloudtrail …");
        sql = opts.sql;
        values = [];
        paths = args;
        label = "--sql";
    } else {
        const [id, ...rest] = args;
        if (id === undefined) throw new UserError("expected a query id (see trailguard query --list), --sql '<SELECT …>' or --list");
        const entry = findCatalogueQuery(id);
        if (!entry) throw new UserError(`unknown query "${id}"; expected one of ${QUERY_CATALOGUE.map((q) => q.id).join(", ")} (or --sql)`);
        // Athena checks and binds the parameters itself (athenaRunner.ts).
        if (opts.athena) return athena(entry, opts, rest, formatResult);
        const resolved = resolveQueryParameters(entry, opts.param);
        if (!resolved.ok) throw new UserError(resolved.problems.join("\n  "));
        sql = entry.sql;
        values = resolved.positional;
        paths = rest;
        label = id;
    }
    if (opts.athena) throw new UserError("--athena runs a catalogue query by id; --sql is for local files only");
    if (paths.length === 0) throw new UserError("expected CloudTrail log files or directories to query after the query id (or --sql)");
    let progress: InstanceType<typeof QueryProgressLine> | undefined;
    const run = await runQueryOverPaths(paths, sql, values, {
        limits: { memoryLimit: opts.memoryLimit, threads: opts.threads },
        sqlLabel: label,
        onProgress: (percentage, files) => {
            progress ??= new QueryProgressLine(files);
            progress.update(percentage);
        },
    });
    progress?.clear();
    for (const s of run.skipped) process.stderr.write(`trailguard: skipped ${escapeControlCharacters(`${s.file}: ${s.message}`)}\n`);
    process.stdout.write(formatResult(run.result, opts.format));
    return 0;
}

async function athena(
    entry: import("../../core/queries/catalogueQuery").CatalogueQuery,
    opts: QueryCommandOptions,
    paths: string[],
    formatResult: typeof import("../query/resultFormat").formatResult,
): Promise<number> {
    if (opts.workgroup === undefined) throw new UserError("--athena: expected --workgroup <name> (the stack output athenaWorkgroupName)");
    if (paths.length > 0) throw new UserError(`--athena reads the archive through the workgroup; got local paths too: ${paths.join(" ")}`);
    // The SDK warns on Node 20 about versions it has not published yet (the one here is pinned); that
    // multi-line notice would bury the one-line errors this command promises.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const { runAthenaQuery } = await import("../query/athenaRunner");
    const { StatusLine } = await import("../format/statusLine");
    const progress = new StatusLine();
    const result = await runAthenaQuery({
        query: entry,
        parameters: opts.param,
        workgroup: opts.workgroup,
        database: opts.database,
        onProgress: (p) => progress.show(() => `athena ${p.queryExecutionId}: ${p.state}${p.bytesScanned !== undefined ? `, ${p.bytesScanned} bytes scanned` : ""}`),
    }).finally(() => progress.clear());
    process.stdout.write(formatResult(result, opts.format));
    return 0;
}
