// A query's text table reaches a terminal, and its cells come from the logs: a userAgent or a
// request parameter is anyone's to choose. Control characters are shown, never obeyed; JSON and CSV
// keep the values whole (JSON escapes them by its own encoding).
import { describe, expect, it } from "vitest";
import { formatResult } from "../../cli/query/resultFormat";

// What an attacker would put in a userAgent: set the terminal's title, then ring the bell.
const HOSTILE = "aws-cli/2.0 \u001b]0;pwned\u0007 \u009b31m";

describe("a query result with control characters in a value", () => {
    const result = { columns: ["useragent"], rows: [[HOSTILE]] };

    it("is shown in the table with every control character made visible", () => {
        const table = formatResult(result, "table");
        expect(table).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        expect(table).toContain("aws-cli/2.0");
        expect(table).toContain("pwned");
    });

    it("keeps the value unchanged in JSON", () => {
        expect(JSON.parse(formatResult(result, "json")).rows[0][0]).toBe(HOSTILE);
    });
});
