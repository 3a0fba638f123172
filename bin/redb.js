#!/usr/bin/env node
// The redb CLI (also installed as redb-cli): start oclif, nothing else.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
