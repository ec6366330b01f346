#!/usr/bin/env node
// The `trailguard` command: the compiled CLI. A checkout builds dist/ in `npm ci` (the prepare
// script); the npm package ships it (package.json `files`).
require("../dist/cli/main.js").run();
