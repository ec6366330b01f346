// The progress line is drawn on a terminal only, overwritten in place, and cleared before output.
import { describe, expect, it } from "vitest";
import { QueryProgressLine } from "../../cli/query/queryProgress";

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
    const written: string[] = [];
    const stream = { isTTY, columns: 60, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
    return { stream, written };
}

describe("QueryProgressLine", () => {
    it("writes nothing when the stream is not a terminal", () => {
        const { stream, written } = fakeStream(false);
        const line = new QueryProgressLine(3, stream);
        line.update(50);
        line.clear();
        expect(written).toEqual([]);
    });

    it("draws one overwritable line on a terminal and blanks it on clear", () => {
        const { stream, written } = fakeStream(true);
        const line = new QueryProgressLine(3, stream);
        line.update(42.4);
        expect(written).toHaveLength(1);
        expect(written[0]).toMatch(/^\rquery: 42% of 3 files, \d+\.\d s\s*$/);
        expect(written[0]).toHaveLength(60);
        line.clear();
        expect(written[1]).toBe(`\r${" ".repeat(59)}\r`);
    });
});
