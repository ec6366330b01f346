// The component package's entry module (package.json `main`), kept at the path of its TypeScript
// source: the SDK's schema analysis finds the source by replacing `.js` with `.ts` in `main`
// (@pulumi/pulumi/provider/experimental/analyzer.js, findProgramEntryPoint); Node loads the build.
module.exports = require("../dist/lib/componentPackage.js");
