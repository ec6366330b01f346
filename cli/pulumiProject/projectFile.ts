// Reads a Pulumi project file (Pulumi.yaml): the project's name, its program's main module and where
// its stack settings files live. Used by the renderer (mockEngine/renderEntryPoints.ts), by replay
// (replay/stackAlarms.ts) and by the tests; reading a project renders nothing.
import * as fs from "fs";
import * as path from "path";
import { describeFsError } from "../fileErrors";
import { UserError } from "../userError";
import { parseYamlFile } from "./yamlFile";

export interface PulumiProject {
    dir: string;
    name: string;
    main: string;
    stackConfigDir: string;
    typescript: boolean;
}

export function readPulumiProject(dir: string): PulumiProject {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) throw new UserError(`${dir}: no Pulumi.yaml here; --program must name a Pulumi project directory`);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserError(`cannot read ${file}: ${describeFsError(err)}`);
    }
    const doc: any = parseYamlFile(file, text).toJS();
    if (!doc || typeof doc.name !== "string") throw new UserError(`${file}: expected a 'name:' for the project`);
    const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
    if (runtime !== "nodejs") {
        throw new UserError(`${file}: runtime is ${JSON.stringify(runtime)}; trailguard renders only nodejs programs`);
    }
    let main = typeof doc.main === "string" ? doc.main : undefined;
    if (!main) {
        const pkgFile = path.join(dir, "package.json");
        const pkgMain = fs.existsSync(pkgFile) ? JSON.parse(fs.readFileSync(pkgFile, "utf8")).main : undefined;
        main = pkgMain ?? (fs.existsSync(path.join(dir, "index.ts")) ? "index.ts" : "index.js");
    }
    const mainPath = path.resolve(dir, main!);
    return {
        dir,
        name: doc.name,
        main: mainPath,
        stackConfigDir: path.resolve(dir, doc.stackConfigDir ?? "."),
        typescript: mainPath.endsWith(".ts") || fs.existsSync(path.join(mainPath, "index.ts")),
    };
}
