// Reading `*` wildcards out of a string value. CloudWatch documents `*Event`, `Event*` and a lone `*`;
// it also states that `Ev*ent` matches only the literal string "Ev*ent".
import type { StringMatch } from "./ast";

export function stringMatchOf(text: string): StringMatch {
    if (text === "*" || /^\*+$/.test(text)) return { kind: "any" };
    const leading = text.startsWith("*");
    const trailing = text.endsWith("*");
    const core = text.slice(leading ? 1 : 0, trailing ? text.length - 1 : text.length);
    if (leading && trailing) return { kind: "contains", text: core };
    if (leading) return { kind: "suffix", text: core };
    if (trailing) return { kind: "prefix", text: core };
    return { kind: "exact", text };
}

/** True when a `*` sits inside the value, where CloudWatch reads it literally. */
export function hasInnerAsterisk(text: string): boolean {
    const inner = text.replace(/^\*+/, "").replace(/\*+$/, "");
    return inner.includes("*");
}
