/**
 * The base of every command: `--json`, `--workspace`, and one error path that turns
 * any failure into a message, a hint and the documented exit code (never a stack trace).
 */
import { Command, Flags } from '@oclif/core';
import { redactText } from '../config/redact.js';
import { ExitCode, RedbError } from '../core/errors.js';
import { Workspace } from '../core/workspace.js';
import { paint } from '../ui/color.js';

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    workspace: Flags.string({ char: 'w', description: 'workspace folder (default: $REDB_WORKSPACE, or the nearest folder with redb.yaml)', helpGroup: 'GLOBAL' }),
    'no-color': Flags.boolean({ description: 'plain output (also NO_COLOR=1)', helpGroup: 'GLOBAL' }),
  };

  protected async workspace(dir?: string): Promise<Workspace> {
    return Workspace.open(dir);
  }

  /** Prints the text form of a result unless --json is on (then run()'s return value is printed). */
  protected print(text: string): void {
    if (!this.jsonEnabled() && text) this.log(text);
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number }; code?: string; hint?: string }): Promise<unknown> {
    const parseError = err.oclif?.exit !== undefined && !(err instanceof RedbError);
    const exitCode = err instanceof RedbError ? err.exitCode : parseError ? ExitCode.usage : ExitCode.error;
    const code = err instanceof RedbError ? err.code : parseError ? 'E_USAGE' : (err.code ?? 'E_INTERNAL');
    const message = redactText(err.message.split('\nSee more help with')[0]);
    process.exitCode = exitCode;
    if (this.jsonEnabled()) {
      this.logJson({ error: { code, message, ...(err.hint ? { hint: err.hint } : {}), exitCode } });
    } else {
      process.stderr.write(`${paint('red', 'error:')} ${message}\n`);
      if (err.hint) process.stderr.write(`${paint('dim', 'hint:')} ${err.hint}\n`);
      if (parseError) process.stderr.write(`${paint('dim', 'hint:')} see \`redb ${this.id?.replaceAll(':', ' ') ?? ''} --help\`\n`);
      if (exitCode === ExitCode.error && !(err instanceof RedbError) && process.env.REDB_DEBUG) process.stderr.write(`${redactText(err.stack ?? '')}\n`);
    }
    return undefined;
  }
}

/** Flags of commands that work on one repository and branch. */
export const repoFlags = {
  repo: Flags.string({ char: 'r', description: 'repository (default: the only one in the workspace)' }),
  branch: Flags.string({ char: 'b', description: 'branch', default: 'main' }),
};
