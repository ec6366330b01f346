// Reading `*` wildcards out of a string value, and matching text against the result. CloudWatch
// documents `*Event`, `Event*` and a lone `*`; it also states that `Ev*ent` matches only the literal
// string "Ev*ent". One leading and one trailing `*` are wildcards; any other `*` stays in the text.
import type { StringMatch } from "./ast";

export function stringMatchOf(text: string): StringMatch {
    if (/^\*+$/.test(text)) return { kind: "any" };
    const leading = text.startsWith("*");
    const trailing = text.endsWith("*");
    const core = text.slice(leading ? 1 : 0, trailing ? text.length - 1 : text.length);
    if (leading && trailing) return { kind: "contains", text: core };
    if (leading) return { kind: "suffix", text: core };
    if (trailing) return { kind: "prefix", text: core };
    return { kind: "exact", text };
}

/** A test of text against a match; replay calls it per event, so it closes over the text and allocates nothing. */
export function stringMatcher(match: StringMatch): (text: string) => boolean {
    switch (match.kind) {
        case "any":
            return () => true;
        case "exact": {
            const t = match.text;
            return (s) => s === t;
        }
        case "prefix": {
            const t = match.text;
            return (s) => s.startsWith(t);
        }
        case "suffix": {
            const t = match.text;
            return (s) => s.endsWith(t);
        }
        case "contains": {
            const t = match.text;
            return (s) => s.includes(t);
        }
    }
}
