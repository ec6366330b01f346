// Terminal safety: no command's text output passes control characters from its input to the
// terminal. The helper is checked against escapes written out by hand; then each command that
// prints text is fed input carrying a "set the window title" sequence (ESC ] 0 ; … BEL).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { formatResourceTree } from "../../cli/format/resourceTree";
import { escapeControlCharacters, escapeControlCharactersDeep } from "../../cli/format/terminalText";
import type { RenderedStack } from "../../cli/mockEngine/renderedStackFormat";
import { insecureTrail, runCli, temporaryDir } from "../check/support";

const SET_TITLE = "\u001b]0;owned\u0007";
/** Any control character but the line breaks a command composes itself. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("escapeControlCharacters", () => {
    it("writes C0, DEL, C1 and bidirectional controls as visible escapes", () => {
        expect(escapeControlCharacters(`a${SET_TITLE}b`)).toBe("a\\x1b]0;owned\\x07b");
        expect(escapeControlCharacters("x\ry\tz\n")).toBe("x\\ry\\tz\\n");
        expect(escapeControlCharacters("\u007f\u009b\u202e\u2066")).toBe("\\x7f\\x9b\\u202e\\u2066");
        expect(escapeControlCharacters("plain text, ünïcode, 日本")).toBe("plain text, ünïcode, 日本");
    });

    it("keeps line breaks and tabs when asked, and nothing else", () => {
        expect(escapeControlCharacters(`line 1\n\tline 2\r${SET_TITLE}`, { keepLineBreaks: true })).toBe("line 1\n\tline 2\\r\\x1b]0;owned\\x07");
    });

    it("escapes every string of a value, keys included", () => {
        expect(escapeControlCharactersDeep({ [`k${SET_TITLE}`]: [`v\u001b[2J`, 3, null, { n: "\u0007" }] })).toEqual({
            "k\\x1b]0;owned\\x07": ["v\\x1b[2J", 3, null, { n: "\\x07" }],
        });
    });
});

describe("text output of every command", () => {
    it("render's tree shows a value's control characters as escapes", () => {
        const stack: RenderedStack = {
            stack: "dev",
            project: "p",
            mode: "preview",
            outputs: {},
            warnings: [`pattern ${SET_TITLE}`],
            resources: [
                {
                    urn: "urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::b",
                    type: "aws:s3/bucketV2:BucketV2",
                    name: `b${SET_TITLE}`,
                    custom: true,
                    inputs: { tags: { team: `x${SET_TITLE}\nforged line` } },
                    outputs: {},
                    propertyDependencies: {},
                    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [] },
                },
            ],
        };
        const tree = formatResourceTree(stack);
        expect(tree).not.toMatch(RAW_CONTROL);
        expect(tree).toContain("team: x\\x1b]0;owned\\x07\\nforged line");
        expect(tree).toContain("b\\x1b]0;owned\\x07");
        expect(tree).toContain("warning: pattern \\x1b]0;owned\\x07");
    });

    it("lint-pattern echoes a pattern's control characters as escapes", () => {
        const run = runCli(["lint-pattern", `{ $.eventName = "${SET_TITLE}" }`]);
        expect(run.status).toBe(0);
        expect(run.stdout).not.toMatch(RAW_CONTROL);
        expect(run.stdout).toContain("\\x1b]0;owned\\x07");
        const broken = runCli(["lint-pattern", `{ $.eventName = ${SET_TITLE} }`]);
        expect(broken.status).toBe(1);
        expect(broken.stdout + broken.stderr).not.toMatch(RAW_CONTROL);
    });

    it("check's text report and progress lines show names from the stack's settings as escapes", () => {
        // The program names its resources after this setting; YAML's \e and \a are ESC and BEL.
        const dir = temporaryDir();
        const config = path.join(dir, "Pulumi.ci.yaml");
        fs.writeFileSync(config, 'config:\n  aws:region: us-east-1\n  insecure-trail:prefix: "ci\\e]0;owned\\a"\n');
        const run = runCli(["check", "--program", insecureTrail, "--config", config, "--jobs", "1"]);
        expect(run.status).toBe(1);
        expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
        expect(run.stdout).toContain("ci\\x1b]0;owned\\x07");
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
