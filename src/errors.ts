/**
 * Errors users meet: each has a stable `code`, a message that says what is wrong,
 * a `hint` that says what to do, and the exit code documented in docs/exit-codes.md.
 *
 * A leaf module: it imports nothing, so every layer (plan, deploy, config, vcs, the
 * adapters, the core, the CLI) can throw these without depending on the core.
 */

/** Exit codes of every command (docs/exit-codes.md). */
export const ExitCode = {
  ok: 0,
  error: 1,
  differences: 2,
  confirmationNeeded: 3,
  /** A merge or revert stopped on conflicts: nothing was committed, the merge is in progress. */
  conflicts: 4,
  usage: 64,
  unavailable: 69,
  badConfig: 78,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class RedbError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = ExitCode.error,
  ) {
    super(message);
    this.name = 'RedbError';
  }
}

/** A name, flag or argument the user gave is wrong. */
export const usageError = (code: string, message: string, hint?: string) => new RedbError(code, message, hint, ExitCode.usage);

/** The workspace configuration is missing or wrong. */
export const configError = (code: string, message: string, hint?: string) => new RedbError(code, message, hint, ExitCode.badConfig);
