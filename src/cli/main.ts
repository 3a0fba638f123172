/**
 * The CLI's entry (bin/redb.js imports its bundled build, dist/cli/main.js): start oclif,
 * with global flags allowed before the command.
 */
import { execute } from '@oclif/core';
import { commandFirst } from './argv.js';

await execute({ dir: import.meta.url, args: commandFirst(process.argv.slice(2)) });
