// Runs SQL over CloudTrail files on an embedded DuckDB (no server): the Trino macros, the `cloudtrail`
// view, DuckDB's own memory limit and spill directory, and parameters bound as VARCHAR through a
// prepared statement. A file DuckDB cannot read (malformed JSON deep inside, truncated gzip, a record
// larger than MAXIMUM_OBJECT_SIZE) is reported and left out, and the query runs again over the rest.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DuckDBInstance, DuckDBTypeId, StatementType, VARCHAR, type DuckDBConnection } from "@duckdb/node-api";
import { createCloudTrailViewSql, createEmptyCloudTrailViewSql } from "./duckdbView";
import type { ClassifiedFile } from "./inputLayout";
import { trinoMacroStatements } from "./trinoFunctions";

export type ResultValue = string | number | boolean | null | ResultValue[] | { [key: string]: ResultValue };

export interface QueryResult {
    columns: string[];
    rows: ResultValue[][];
}

export interface SkippedFile {
    file: string;
    message: string;
}

export interface DuckDbLimits {
    /** DuckDB's memory_limit, e.g. "1GB": beyond it DuckDB spills to tempDirectory or fails the query. */
    memoryLimit: string;
    /** Where DuckDB spills; default: a fresh directory under the system temp directory, removed on close. */
    tempDirectory?: string;
    /** Worker threads; default: DuckDB's (one per core). */
    threads?: number;
}

/** An SQL text DuckDB refused (syntax, unknown column or function): the user's, for --sql. */
export class QuerySqlError extends Error {}

const INTEGER_TYPES = new Set<number>([
    DuckDBTypeId.TINYINT,
    DuckDBTypeId.SMALLINT,
    DuckDBTypeId.INTEGER,
    DuckDBTypeId.BIGINT,
    DuckDBTypeId.UTINYINT,
    DuckDBTypeId.USMALLINT,
    DuckDBTypeId.UINTEGER,
    DuckDBTypeId.UBIGINT,
    DuckDBTypeId.HUGEINT,
    DuckDBTypeId.UHUGEINT,
]);

export class CloudTrailDuckDb {
    private constructor(
        private readonly instance: DuckDBInstance,
        private readonly connection: DuckDBConnection,
        private readonly ownTempDirectory: string | undefined,
    ) {}

    static async open(limits: DuckDbLimits): Promise<CloudTrailDuckDb> {
        const ownTempDirectory = limits.tempDirectory === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "trailguard-duckdb-")) : undefined;
        const options: Record<string, string> = {
            memory_limit: limits.memoryLimit,
            temp_directory: limits.tempDirectory ?? ownTempDirectory!,
            // Results are ordered by the SQL's ORDER BY; insertion order costs memory on large scans.
            preserve_insertion_order: "false",
        };
        if (limits.threads !== undefined) options["threads"] = String(limits.threads);
        let instance: DuckDBInstance;
        try {
            instance = await DuckDBInstance.create(":memory:", options);
        } catch (err) {
            if (ownTempDirectory) fs.rmSync(ownTempDirectory, { recursive: true, force: true });
            throw err;
        }
        const connection = await instance.connect();
        // Session settings (not accepted as start-up options): UTC like Athena, progress measured but not printed.
        await connection.run("SET TimeZone = 'UTC'");
        await connection.run("SET enable_progress_bar = true");
        await connection.run("SET enable_progress_bar_print = false");
        for (const statement of trinoMacroStatements()) await connection.run(statement);
        await connection.run(createEmptyCloudTrailViewSql());
        return new CloudTrailDuckDb(instance, connection, ownTempDirectory);
    }

    /** Points the `cloudtrail` view at these files (none: the empty view); with `sql`, reads only the columns it can use. */
    async useFiles(files: readonly ClassifiedFile[], sql?: string): Promise<void> {
        await this.connection.run(files.length === 0 ? createEmptyCloudTrailViewSql() : createCloudTrailViewSql(files, sql));
    }

    /** Column names and DuckDB types of the view, as DESCRIBE gives them. */
    async describeView(): Promise<Array<{ name: string; type: string }>> {
        const reader = await this.connection.runAndReadAll("DESCRIBE cloudtrail");
        return reader.getRowObjectsJson().map((r) => ({ name: String(r["column_name"]), type: String(r["column_type"]) }));
    }

    /** How many `?` placeholders DuckDB finds in the SQL (prepares it, does not run it). */
    async parameterCount(sql: string): Promise<number> {
        const prepared = await this.prepareSelect(sql);
        return prepared.parameterCount;
    }

    /** Runs one SELECT with its `?` values bound as VARCHAR; `onProgress` gets DuckDB's percentage now and then. */
    async run(sql: string, values: readonly string[], onProgress?: (percentage: number) => void): Promise<QueryResult> {
        const prepared = await this.prepareSelect(sql);
        if (prepared.parameterCount !== values.length) {
            throw new QuerySqlError(`the SQL has ${prepared.parameterCount} ? placeholders, ${values.length} values given`);
        }
        prepared.bind([...values], values.map(() => VARCHAR));
        const pending = prepared.start();
        const timer = onProgress
            ? setInterval(() => {
                  const { percentage } = this.connection.progress;
                  if (percentage >= 0) onProgress(percentage);
              }, 250)
            : undefined;
        try {
            const reader = await pending.readAll();
            const columns = reader.columnNames();
            const integer = reader.columnTypes().map((t) => INTEGER_TYPES.has(t.typeId));
            const rows = reader.getRowsJson().map((row) => row.map((v, i) => (integer[i] && typeof v === "string" && Number.isSafeInteger(Number(v)) ? Number(v) : (v as ResultValue))));
            return { columns, rows };
        } finally {
            if (timer) clearInterval(timer);
        }
    }

    close(): void {
        this.connection.closeSync();
        this.instance.closeSync();
        if (this.ownTempDirectory) fs.rmSync(this.ownTempDirectory, { recursive: true, force: true });
    }

    private async prepareSelect(sql: string) {
        let prepared;
        try {
            const statements = await this.connection.extractStatements(sql);
            if (statements.count !== 1) throw new QuerySqlError(`expected one SELECT statement, found ${statements.count}`);
            prepared = await statements.prepare(0);
        } catch (err) {
            if (err instanceof QuerySqlError) throw err;
            throw new QuerySqlError(firstLine(err));
        }
        if (prepared.statementType !== StatementType.SELECT) throw new QuerySqlError("only SELECT statements are run");
        return prepared;
    }
}

function firstLine(err: unknown): string {
    return (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim();
}

/**
 * Runs the SQL over the files, leaving out each file DuckDB fails on (named in its error) and running
 * again; `skipped` says which and why. Errors that name no input file are the SQL's or DuckDB's and
 * are thrown.
 */
export async function runOverFiles(
    db: CloudTrailDuckDb,
    files: readonly ClassifiedFile[],
    sql: string,
    values: readonly string[],
    onProgress?: (percentage: number) => void,
): Promise<{ result: QueryResult; skipped: SkippedFile[]; filesRead: number }> {
    let remaining = [...files];
    const skipped: SkippedFile[] = [];
    for (;;) {
        try {
            // Creating the view already reads the files' first bytes, so it can fail on a file too.
            await db.useFiles(remaining, sql);
            const result = await db.run(sql, values, onProgress);
            return { result, skipped, filesRead: remaining.length };
        } catch (err) {
            if (err instanceof QuerySqlError) throw err;
            const message = firstLine(err);
            // The longest path named, so that x.json is not taken for x.json.gz.
            const culprit = remaining.filter((f) => message.includes(f.file)).sort((a, b) => b.file.length - a.file.length)[0];
            if (!culprit) throw err;
            skipped.push({ file: culprit.file, message: describeReadError(message, culprit.file) });
            remaining = remaining.filter((f) => f !== culprit);
        }
    }
}

/** DuckDB's message without the engine's prefix and the file name (the report names the file). */
function describeReadError(message: string, file: string): string {
    return message
        .replace(/^[A-Za-z ]+ Error: /, "")
        .replace(/ in file "[^"]*",?/, "")
        .replace(`"${file}"`, "the file")
        .replace(file, "the file")
        .trim();
}
