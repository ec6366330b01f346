// `trailguard query` from paths and SQL to a result: walks the paths as replay does, classifies each
// file, runs the SQL on DuckDB, and says which files were skipped and why. Usage mistakes become
// UserError (one line); files that cannot be read are skipped, not fatal, unless none can be read.
import { listInputFiles } from "../replay/inputFiles";
import { UserError } from "../userError";
import { CloudTrailDuckDb, QuerySqlError, runOverFiles, type DuckDbLimits, type QueryResult, type SkippedFile } from "./duckdbEngine";
import { classifyInputFile, type ClassifiedFile } from "./inputLayout";

export interface QueryRunOptions {
    limits: DuckDbLimits;
    /** What the SQL is called in messages: `--sql` or the catalogue id. */
    sqlLabel: string;
    onProgress?: (percentage: number, files: number) => void;
}

export interface QueryRun {
    result: QueryResult;
    skipped: SkippedFile[];
}

export async function runQueryOverPaths(paths: readonly string[], sql: string, values: readonly string[], options: QueryRunOptions): Promise<QueryRun> {
    const input = await listInputFiles(paths);
    const skipped: SkippedFile[] = input.unreadable.map((u) => ({ file: u.file, message: u.message }));
    const files: ClassifiedFile[] = [];
    for (const file of input.files) {
        const classified = await classifyInputFile(file);
        if (classified.ok) files.push(classified.input);
        else skipped.push({ file: classified.file, message: classified.message });
    }
    if (files.length === 0) {
        throw new UserError(
            skipped.length > 0
                ? `no readable CloudTrail log files: ${skipped.map((s) => `${s.file}: ${s.message}`).join("; ")}`
                : `no CloudTrail log files (*.json, *.json.gz, *.jsonl) found in ${paths.join(", ")}`,
        );
    }
    let db: CloudTrailDuckDb;
    try {
        db = await CloudTrailDuckDb.open(options.limits);
    } catch (err) {
        throw new UserError(`cannot start DuckDB with --memory-limit ${options.limits.memoryLimit}: ${(err as Error).message}`);
    }
    try {
        const run = await runOverFiles(db, files, sql, values, (p) => options.onProgress?.(p, files.length));
        if (run.filesRead === 0) {
            throw new UserError(`no readable CloudTrail log files: ${[...skipped, ...run.skipped].map((s) => `${s.file}: ${s.message}`).join("; ")}`);
        }
        return { result: run.result, skipped: [...skipped, ...run.skipped] };
    } catch (err) {
        if (err instanceof QuerySqlError) throw new UserError(`${options.sqlLabel}: ${err.message}`);
        throw err;
    } finally {
        db.close();
    }
}
