// replay's status line while it reads: file n of m, events and rate, the file (format/statusLine.ts
// draws it, on a terminal only).
import { escapeControlCharacters } from "../format/terminalText";
import { StatusLine } from "../format/statusLine";
import type { ReplayProgress } from "./replayRun";

export class ProgressLine {
    private readonly line: StatusLine;

    constructor(stream: NodeJS.WriteStream = process.stderr) {
        this.line = new StatusLine(stream);
    }

    get enabled(): boolean {
        return this.line.enabled;
    }

    update(progress: ReplayProgress): void {
        this.line.show((now) => {
            const seconds = Math.max((now - this.line.started) / 1000, 0.001);
            const rate = Math.round(progress.events / seconds);
            return `replay: file ${progress.filesDone + 1}/${progress.filesTotal}, ${progress.events} events (${rate}/s) ${escapeControlCharacters(progress.file)}`;
        });
    }

    clear(): void {
        this.line.clear();
    }
}
