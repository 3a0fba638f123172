/**
 * The base of every command: `--json`, `--workspace`, and one error path that turns
 * any failure into a message, a hint and the documented exit code (never a stack trace).
 */
import { Command, Flags } from '@oclif/core';
import { ExitCode, RedbError } from '../errors.js';
import { Workspace } from '../core/workspace.js';
import { redactText } from '../config/redact.js';
import { reportError } from './report-error.js';

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    workspace: Flags.string({ char: 'w', description: 'workspace folder (default: $REDB_WORKSPACE, or the nearest folder with redb.yaml)', helpGroup: 'GLOBAL' }),
    'no-color': Flags.boolean({ description: 'plain output (also NO_COLOR=1)', helpGroup: 'GLOBAL' }),
  };

  /** Whether --json output is a stream of one-line JSON values (progress events, then the result). */
  protected jsonLines = false;

  protected async workspace(dir?: string): Promise<Workspace> {
    return Workspace.open(dir);
  }

  /** Prints the text form of a result unless --json is on (then run()'s return value is printed). */
  protected print(text: string): void {
    if (!this.jsonEnabled() && text) this.log(text);
  }

  override logJson(json: unknown): void {
    if (this.jsonLines) process.stdout.write(`${JSON.stringify(json)}\n`);
    else super.logJson(json);
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number }; code?: string; hint?: string }): Promise<unknown> {
    const parseError = err.oclif?.exit !== undefined && !(err instanceof RedbError);
    const exitCode = err instanceof RedbError ? err.exitCode : parseError ? ExitCode.usage : ExitCode.error;
    const code = err instanceof RedbError ? err.code : parseError ? 'E_USAGE' : (err.code ?? 'E_INTERNAL');
    const message = parseError ? this.parseErrorLine(err.message) : err.message;
    const hint = err.hint ?? (parseError ? this.usageHint() : undefined);
    reportError({ code, message, ...(hint ? { hint } : {}), exitCode }, this.jsonEnabled(), this.jsonLines);
    if (exitCode === ExitCode.error && !(err instanceof RedbError) && process.env.REDB_DEBUG && !this.jsonEnabled()) process.stderr.write(`${redactText(err.stack ?? '')}\n`);
    return undefined;
  }

  /**
   * oclif's flag errors as one line: "The following error occurred:\n  Missing required
   * flag message\nSee more help with --help" becomes "missing required flag -m, --message".
   */
  private parseErrorLine(text: string): string {
    const flags = (this.ctor.flags ?? {}) as Record<string, { char?: string }>;
    const named = (name: string) => `${flags[name]?.char ? `-${flags[name].char}, ` : ''}--${name}`;
    return text
      .split('\nSee more help with')[0]
      .replace(/^The following errors? occurred:\s*/, '')
      .split('\n')
      .map((l) => l.trim().replace(/^Missing required flag (\S+)$/, (_m, name: string) => `missing required flag ${named(name)}`))
      .filter(Boolean)
      .join('; ');
  }

  /** What to do after a usage error: the command's first example, and where its flags are listed. */
  private usageHint(): string {
    const command = `${this.config.bin} ${this.id?.replaceAll(':', ' ') ?? ''}`.trim();
    const example = (this.ctor.examples ?? []).map((e) => (typeof e === 'string' ? e : e.command)).find(Boolean);
    const help = `\`${command} --help\` lists the flags`;
    return example ? `e.g. ${example.replaceAll('<%= config.bin %>', this.config.bin)}; ${help}` : help;
  }
}

/** Flags of commands that work on one repository and branch. */
export const repoFlags = {
  repo: Flags.string({ char: 'r', description: 'repository (default: the only one in the workspace)' }),
  branch: Flags.string({ char: 'b', description: 'branch', default: 'main' }),
};
