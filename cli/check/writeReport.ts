// Writes a report to stdout or to a file. A file is written beside its destination under a
// temporary name and renamed over it, so an interrupted run never leaves a truncated report where
// a previous good one was (CI uploads whatever file is there).
import * as fs from "fs";
import * as path from "path";
import { UserError } from "../userError";

export function writeReport(text: string, output: string | undefined): void {
    if (output === undefined) {
        process.stdout.write(text);
        return;
    }
    const target = path.resolve(output);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, target);
    } catch (err) {
        fs.rmSync(temporary, { force: true });
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        throw new UserError(`--output ${output}: cannot write the report: ${code}`);
    }
}

/** Appends a report to a file that collects several (GitHub's $GITHUB_STEP_SUMMARY). */
export function appendReport(text: string, file: string): void {
    try {
        fs.appendFileSync(file, text);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        throw new UserError(`--markdown-summary ${file}: cannot append the report: ${code}`);
    }
}
