// A single self-overwriting status line on stderr while replay reads, shown only on a terminal so
// pipes and CI logs stay clean.
import { escapeControlCharacters } from "../format/terminalText";
import type { ReplayProgress } from "./replayRun";

const MIN_INTERVAL_MS = 250;

export class ProgressLine {
    private lastDraw = 0;
    private drawn = false;
    private readonly started = Date.now();

    constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

    get enabled(): boolean {
        return this.stream.isTTY === true;
    }

    update(progress: ReplayProgress): void {
        if (!this.enabled) return;
        const now = Date.now();
        if (now - this.lastDraw < MIN_INTERVAL_MS) return;
        this.lastDraw = now;
        const seconds = Math.max((now - this.started) / 1000, 0.001);
        const rate = Math.round(progress.events / seconds);
        const text = `replay: file ${progress.filesDone + 1}/${progress.filesTotal}, ${progress.events} events (${rate}/s) ${escapeControlCharacters(progress.file)}`;
        const width = this.stream.columns ?? 100;
        this.stream.write(`\r${text.slice(0, width - 1).padEnd(width - 1)}`);
        this.drawn = true;
    }

    clear(): void {
        if (!this.drawn) return;
        const width = this.stream.columns ?? 100;
        this.stream.write(`\r${" ".repeat(width - 1)}\r`);
        this.drawn = false;
    }
}
