#!/usr/bin/env node
// `npm run gate`: the gate from its compiled JavaScript when bin/ is fresh, else from its TypeScript
// (scripts/build-root.js launch).
"use strict";
require("../scripts/build-root").launch("gate", process.argv.slice(2));
