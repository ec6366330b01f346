// Text from the input (record fields, file names, resource values, patterns) can hold terminal
// control sequences: ESC ] 0 ; … BEL sets the window title, ESC [ … moves the cursor or hides
// text, a carriage return overwrites the line it is on, bidirectional overrides reorder what is
// shown. Every command's text output passes input-derived text through here, so the terminal shows
// such characters as visible escapes instead of obeying them. JSON output needs nothing: JSON.stringify
// already escapes C0 control characters.

/** C0 controls, DEL, C1 controls, and the Unicode bidirectional embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function visible(char: string): string {
    const named = NAMED[char];
    if (named) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * The text with every control character written as a visible escape (`\x1b`, `\n`, `\u202e`).
 * `keepLineBreaks` leaves `\n` and `\t` alone, for multi-line text the command composed itself.
 */
export function escapeControlCharacters(text: string, options: { keepLineBreaks?: boolean } = {}): string {
    const pattern = options.keepLineBreaks ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL;
    return text.replace(pattern, visible);
}

/** Every string inside a value (object keys included), escaped; other values as they are. */
export function escapeControlCharactersDeep<T>(value: T, options: { keepLineBreaks?: boolean } = {}): T {
    if (typeof value === "string") return escapeControlCharacters(value, options) as T;
    if (Array.isArray(value)) return value.map((v) => escapeControlCharactersDeep(v, options)) as T;
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [escapeControlCharacters(k, options), escapeControlCharactersDeep(v, options)]),
        ) as T;
    }
    return value;
}
