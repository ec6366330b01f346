// ANSI styling for the text report, on only when the report goes to a terminal and the user has
// not asked for none (https://no-color.org: NO_COLOR set to anything non-empty).
export type Style = "bold" | "red" | "yellow" | "green" | "dim";

export type Paint = (style: Style, text: string) => string;

const SGR: Record<Style, [number, number]> = {
    bold: [1, 22],
    dim: [2, 22],
    red: [31, 39],
    green: [32, 39],
    yellow: [33, 39],
};

export function wantsColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
    if (env["NO_COLOR"]) return false;
    if (env["TERM"] === "dumb") return false;
    return stream.isTTY === true;
}

export function painter(enabled: boolean): Paint {
    if (!enabled) return (_style, text) => text;
    return (style, text) => `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m`;
}
