/**
 * The CLI's entry (bin/redb.js imports its bundled build, dist/cli/main.js): start oclif,
 * with global flags allowed before the command.
 */
import { setFlagsFromString } from 'node:v8';
import { execute } from '@oclif/core';
import { commandFirst } from './argv.js';

// A command is a short process: WebAssembly (the embedded engines compiled to it) runs on
// V8's baseline compiler alone, which starts it in ~0.3 s less CPU and ~60 MB less
// memory than tiering up to the optimizing one (docs/performance.md). JavaScript is
// unaffected; set here, not in a library, so programs using redb's API keep V8 as it is.
setFlagsFromString('--liftoff-only');

await execute({ dir: import.meta.url, args: commandFirst(process.argv.slice(2)) });
