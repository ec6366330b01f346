// query's status line while DuckDB works: percentage done, files, seconds (format/statusLine.ts
// draws it, on a terminal only).
import { StatusLine } from "../format/statusLine";

export class QueryProgressLine {
    private readonly line: StatusLine;

    constructor(
        private readonly files: number,
        stream: NodeJS.WriteStream = process.stderr,
    ) {
        this.line = new StatusLine(stream);
    }

    update(percentage: number): void {
        this.line.show((now) => {
            const seconds = ((now - this.line.started) / 1000).toFixed(1);
            return `query: ${percentage.toFixed(0)}% of ${this.files} file${this.files === 1 ? "" : "s"}, ${seconds} s`;
        });
    }

    clear(): void {
        this.line.clear();
    }
}
