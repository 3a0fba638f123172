#!/usr/bin/env node
// The redb CLI (also installed as redb-cli): start oclif, with global flags allowed before the command.
import { execute } from '@oclif/core';
import { commandFirst } from '../dist/src/cli/argv.js';

await execute({ dir: import.meta.url, args: commandFirst(process.argv.slice(2)) });
