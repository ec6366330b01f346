// One self-overwriting status line on a terminal (stderr by default), redrawn at most every 250 ms
// and cleared before results are printed; on a pipe or in a CI log it draws nothing. replay and
// query word their own line and hand it here.
const MIN_INTERVAL_MS = 250;

export class StatusLine {
    private lastDraw = 0;
    private drawn = false;
    readonly started = Date.now();

    constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

    get enabled(): boolean {
        return this.stream.isTTY === true;
    }

    /** Draws `text()` unless the line was drawn less than 250 ms ago; `text` runs only when it draws. */
    show(text: (now: number) => string): void {
        if (!this.enabled) return;
        const now = Date.now();
        if (now - this.lastDraw < MIN_INTERVAL_MS) return;
        this.lastDraw = now;
        const width = this.stream.columns ?? 100;
        this.stream.write(`\r${text(now).slice(0, width - 1).padEnd(width - 1)}`);
        this.drawn = true;
    }

    clear(): void {
        if (!this.drawn) return;
        const width = this.stream.columns ?? 100;
        this.stream.write(`\r${" ".repeat(width - 1)}\r`);
        this.drawn = false;
    }
}
