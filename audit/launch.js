#!/usr/bin/env node
// `npm run audit`: the audit from its compiled JavaScript when bin/ is fresh, else from its TypeScript
// (scripts/build-root.js launch).
"use strict";
require("../scripts/build-root").launch("audit", process.argv.slice(2));
