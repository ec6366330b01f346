// Expands the paths given to `trailguard replay` into the files to read: files as given (pipes and
// FIFOs too; `-` is standard input), directories walked recursively for CloudTrail log files, in a
// stable order so reports are reproducible.
import * as fs from "fs";
import * as path from "path";
import { describeFsError } from "../fileErrors";
import { STANDARD_INPUT } from "./recordSource";

/** Names replay picks up inside directories; a file named on the command line is read whatever its name. */
const LOG_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;
/** CloudTrail's digest files (integrity validation) hold no events. */
const DIGEST = /CloudTrail-Digest/;

export interface InputFiles {
    files: string[];
    /** Paths that could not be read at all, with the reason. */
    unreadable: Array<{ file: string; message: string }>;
}

export async function listInputFiles(paths: readonly string[]): Promise<InputFiles> {
    const files: string[] = [];
    const unreadable: InputFiles["unreadable"] = [];
    for (const given of paths) {
        if (given === STANDARD_INPUT) {
            if (!files.includes(STANDARD_INPUT)) files.push(STANDARD_INPUT);
            continue;
        }
        let stat: fs.Stats;
        try {
            stat = await fs.promises.stat(given);
        } catch (err) {
            unreadable.push({ file: given, message: describeFsError(err) });
            continue;
        }
        if (stat.isDirectory()) await walk(given, files, unreadable);
        else files.push(given);
    }
    return { files, unreadable };
}

async function walk(dir: string, files: string[], unreadable: InputFiles["unreadable"]): Promise<void> {
    let entries: fs.Dirent[];
    try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (err) {
        unreadable.push({ file: dir, message: describeFsError(err) });
        return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (DIGEST.test(entry.name)) continue;
        // Symbolic links to directories are not followed, so a link cycle cannot loop forever.
        if (entry.isDirectory()) await walk(full, files, unreadable);
        else if ((entry.isFile() || entry.isSymbolicLink()) && LOG_FILE.test(entry.name)) files.push(full);
    }
}
