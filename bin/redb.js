#!/usr/bin/env node
// The redb CLI (also installed as redb-cli): the bundled build of src/cli/main.ts (npm run build).
import '../dist/cli/main.js';
