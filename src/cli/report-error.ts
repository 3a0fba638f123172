/**
 * How every failure reaches the user, from a command or from before any command runs
 * (an unknown command): `{"error": {...}}` on stdout under --json, else `error:` and
 * `hint:` lines on stderr; the exit code is set, never a stack trace (REDB_DEBUG=1 shows one).
 */
import { redactText } from '../config/redact.js';
import { paint } from '../ui/color.js';

export interface ErrorReport {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
}

/** Prints one error report and sets the process exit code. */
/** `compact`: the JSON on one line, for commands whose --json output is a stream of lines (`redb job run`). */
export function reportError(report: ErrorReport, json: boolean, compact = false): void {
  const message = redactText(report.message);
  process.exitCode = report.exitCode;
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code: report.code, message, ...(report.hint ? { hint: report.hint } : {}), exitCode: report.exitCode } }, null, compact ? undefined : 2)}\n`);
    return;
  }
  process.stderr.write(`${paint('red', 'error:')} ${message}\n`);
  if (report.hint) process.stderr.write(`${paint('dim', 'hint:')} ${report.hint}\n`);
}

/** True when the raw arguments ask for JSON output (before `--`, which ends the flags). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
