// The status line `trailguard query` shows while DuckDB works, on a terminal only (pipes and CI logs
// stay clean), overwritten in place and cleared before the result is printed.
const MIN_INTERVAL_MS = 250;

export class QueryProgressLine {
    private lastDraw = 0;
    private drawn = false;
    private readonly started = Date.now();

    constructor(
        private readonly files: number,
        private readonly stream: NodeJS.WriteStream = process.stderr,
    ) {}

    get enabled(): boolean {
        return this.stream.isTTY === true;
    }

    update(percentage: number): void {
        if (!this.enabled) return;
        const now = Date.now();
        if (now - this.lastDraw < MIN_INTERVAL_MS) return;
        this.lastDraw = now;
        const seconds = ((now - this.started) / 1000).toFixed(1);
        const text = `query: ${percentage.toFixed(0)}% of ${this.files} file${this.files === 1 ? "" : "s"}, ${seconds} s`;
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
