"use strict";
// Loaded into a pack process profiled by bench/engine-profile.ts (NODE_OPTIONS --require): on SIGTERM,
// the way the driver stops a pack, exit normally, so that V8 writes the --cpu-prof profile.
process.on("SIGTERM", () => process.exit(0));
