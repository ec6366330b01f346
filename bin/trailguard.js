#!/usr/bin/env node
// `npx trailguard …`: the compiled CLI (npm ci builds dist/ through the prepare script).
require("../dist/cli/main.js").run();
