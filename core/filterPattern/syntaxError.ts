// The one error a pattern that does not parse produces: where, what was expected, what was found.

export class FilterPatternSyntaxError extends Error {
    /**
     * @param position 0-based offset in the pattern text.
     * @param expected what the parser wanted there, e.g. "a comparison operator".
     * @param found what it saw, already quoted, e.g. `"&"` or "end of pattern".
     * @param nonJsonPattern true when the text is not a JSON pattern at all (a term or space-delimited
     *   pattern, or empty): CloudWatch accepts those, trailguard only evaluates JSON patterns.
     */
    constructor(
        readonly position: number,
        readonly expected: string,
        readonly found: string,
        readonly nonJsonPattern: boolean = false,
    ) {
        super(`at position ${position}: expected ${expected}, found ${found}`);
        this.name = "FilterPatternSyntaxError";
    }
}
