// `%regex%` values. CloudWatch accepts a small regex dialect: ASCII letters and digits, the symbols
// : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \ * + . — no parentheses, no other characters,
// at most two regular expressions per pattern. The dialect is a subset of JavaScript's, so an accepted
// expression is handed to RegExp unchanged; anything outside the documented subset is refused here
// rather than guessed at.

export const MAX_REGEX_PER_PATTERN = 2;

const LITERAL = /[A-Za-z0-9:_#=@/;,\-]/;
const OPERATOR = /[\^$?[\]{}|*+.]/;
/** Escapes whose meaning the documentation gives or that only quote a metacharacter. */
const ESCAPABLE = /[dDsSwW\^$?[\]{}|\\*+.\-/:_#=@;,]/;

export interface RegexProblem {
    /** Offset inside the regex source. */
    offset: number;
    expected: string;
    found: string;
}

/** Checks a regex source against the documented dialect; returns the first problem or undefined. */
export function checkRegexSource(source: string): RegexProblem | undefined {
    if (source.length === 0) {
        return { offset: 0, expected: "a regular expression between the % signs", found: "%%" };
    }
    for (let i = 0; i < source.length; i++) {
        const ch = source[i];
        if (ch === "\\") {
            const next = source[i + 1];
            if (next === undefined || !ESCAPABLE.test(next)) {
                return {
                    offset: i,
                    expected: "a supported escape (\\d \\D \\s \\S \\w \\W or \\ before a regex operator)",
                    found: next === undefined ? `"\\" at the end of the regex` : JSON.stringify(`\\${next}`),
                };
            }
            i++;
            continue;
        }
        if (ch === "(" || ch === ")") {
            return { offset: i, expected: "no parentheses (CloudWatch regexes cannot group)", found: JSON.stringify(ch) };
        }
        if (!LITERAL.test(ch) && !OPERATOR.test(ch)) {
            return {
                offset: i,
                expected: "a letter, digit, one of : _ # = @ / ; , - or a regex operator ^ $ ? [ ] { } | \\ * + .",
                found: JSON.stringify(ch),
            };
        }
    }
    try {
        new RegExp(source);
    } catch (err) {
        return { offset: 0, expected: "a well-formed regular expression", found: `${JSON.stringify(source)} (${(err as Error).message})` };
    }
    return undefined;
}

/** The RegExp a checked source means: an unanchored search, case-sensitive, as CloudWatch does. */
export function compileRegexSource(source: string): RegExp {
    return new RegExp(source);
}
