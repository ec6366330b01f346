// A file system error in words ("no such file or directory"), never a bare errno code (ENOENT…):
// every message about a file the user named goes through here.
import * as util from "util";

const WORDS: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "a part of the path is not a directory",
    ESPIPE: "cannot seek in it (a pipe or terminal)",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
    EEXIST: "already exists",
    ELOOP: "too many symbolic links",
    ENAMETOOLONG: "the name is too long",
    EMFILE: "too many open files",
};

export function describeFsError(err: unknown): string {
    const e = err as NodeJS.ErrnoException;
    if (e?.code && WORDS[e.code]) return WORDS[e.code];
    // Any other system error: the operating system's own words for it.
    if (typeof e?.errno === "number") {
        const known = util.getSystemErrorMap().get(e.errno);
        if (known) return known[1];
    }
    return e instanceof Error ? e.message : String(err);
}
