/**
 * oclif calls this when the words typed name no command (`redb merge x`). Instead of
 * oclif's "command merge:x not found", the user gets redb's own error: the name as
 * typed, a "did you mean", exit 64, and the JSON envelope under --json.
 */
import type { Hook } from '@oclif/core';
import { unknownCommand } from '../cli/command-names.js';
import { reportError, wantsJson } from '../cli/report-error.js';

const hook: Hook<'command_not_found'> = async function (opts) {
  const err = unknownCommand(opts.config, opts.id.split(':').filter(Boolean));
  reportError({ code: err.code, message: err.message, hint: err.hint, exitCode: err.exitCode }, wantsJson(opts.argv ?? []));
  return undefined;
};

export default hook;
