#!/usr/bin/env node
// The `trailguard` command: the compiled CLI. A checkout builds dist/ in `npm ci` (the prepare
// script); the npm package ships it (package.json `files`). The compile cache comes first, so that
// everything after it loads through it (dist/cli/compileCache.js).
require("../dist/cli/compileCache").enableTrailguardCompileCache(require("path").join(__dirname, ".."));
require("../dist/cli/main.js").run();
