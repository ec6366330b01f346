// Writes a report to stdout or to a file. A file is written beside its destination under a
// temporary name and renamed over it, so an interrupted run never leaves a truncated report where
// a previous good one was (CI uploads whatever file is there). Destinations are checked before any
// stack is rendered (checkReportDestination), so a mistyped path costs no run and hides no verdict.
// `trailguard cost --chart` writes its chart the same way.
import * as fs from "fs";
import * as path from "path";
import { describeFsError } from "../fileErrors";
import { UserError } from "../userError";

export type DestinationUse = "write" | "append";

/**
 * Throws a UserError naming the flag and the path, in words, when a report could not be written
 * there: a directory, a missing or unwritable folder, a file that may not be written.
 * @param what what is written there, for the messages
 */
export function checkReportDestination(flag: string, file: string, use: DestinationUse, what = "the report"): void {
    const fail = (problem: string): never => {
        throw new UserError(`${flag} ${file}: ${problem}`);
    };
    if (file.trim() === "") fail(`empty path; expected a file to write ${what} to`);
    const target = path.resolve(file);
    const existing = statOrUndefined(target);
    if (existing?.isDirectory()) fail(`is a directory; expected the path of a file to write ${what} to`);
    if (existing?.isSocket()) {
        fail("is a socket, which cannot be opened as a file (standard output of some launchers is one); leave out the flag to write to standard output");
    }
    if (existing) {
        if (!canAccess(target, fs.constants.W_OK)) fail("the file exists but may not be written (permission denied)");
        // A FIFO, a terminal or /dev/stdout is written in place; only a regular file is replaced.
        if (!existing.isFile() || use === "append") return;
    }
    const dir = path.dirname(target);
    const parent = statOrUndefined(dir);
    if (!parent) fail(`the folder ${dir} does not exist; create it first`);
    if (!parent!.isDirectory()) fail(`${dir} is not a folder`);
    if (!canAccess(dir, fs.constants.W_OK | fs.constants.X_OK)) {
        fail(existing ? `cannot replace the file: the folder ${dir} may not be written (permission denied)` : `the folder ${dir} may not be written (permission denied)`);
    }
}

export function writeReport(text: string, output: string | undefined): void {
    if (output === undefined) {
        process.stdout.write(text);
        return;
    }
    writeFileWhole(text, output, "--output", "the report");
}

/** Writes `text` to the file a flag names, replacing an existing file whole or not at all. */
export function writeFileWhole(text: string, output: string, flag: string, what: string): void {
    const target = path.resolve(output);
    const existing = statOrUndefined(target);
    try {
        if (existing && !existing.isFile()) {
            // A pipe or a device (--output /dev/stdout): nothing to replace, written as it goes.
            fs.writeFileSync(target, text);
            return;
        }
        const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
        try {
            fs.writeFileSync(temporary, text);
            fs.renameSync(temporary, target);
        } catch (err) {
            fs.rmSync(temporary, { force: true });
            throw err;
        }
    } catch (err) {
        throw new UserError(`${flag} ${output}: cannot write ${what}: ${describeFsError(err)}`);
    }
}

/** Appends a report to a file that collects several (GitHub's $GITHUB_STEP_SUMMARY). */
export function appendReport(text: string, file: string): void {
    try {
        fs.appendFileSync(file, text);
    } catch (err) {
        throw new UserError(`--markdown-summary ${file}: cannot append the report: ${describeFsError(err)}`);
    }
}

function statOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch {
        return undefined;
    }
}

function canAccess(file: string, mode: number): boolean {
    try {
        fs.accessSync(file, mode);
        return true;
    } catch {
        return false;
    }
}
