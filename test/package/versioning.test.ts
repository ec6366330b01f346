// One version for the npm package and its policy pack, and a changelog section for it
// (docs/package.md, "Versions").
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const version = (file: string): string => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")).version;

describe("versions", () => {
    it("is a semantic version, the same for the package and the policy pack", () => {
        expect(version("package.json")).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
        expect(version(path.join("policies", "package.json"))).toBe(version("package.json"));
    });

    it("has a dated CHANGELOG.md section for the current version, below Unreleased", () => {
        const changelog = fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8");
        const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => [m[1], m[2]]);
        expect(headings[0]).toEqual(["Unreleased", undefined]);
        const current = headings.find(([v]) => v === version("package.json"));
        expect(current?.[1], `CHANGELOG.md has no "## [${version("package.json")}] - <date>" section`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
});
