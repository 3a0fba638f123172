import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { type MergeResult } from '../core/merge.js';
import { revertCommit } from '../core/revert.js';
import { ExitCode } from '../errors.js';
import { renderMergeResult } from '../ui/merge-text.js';

export default class Revert extends BaseCommand {
  static override summary = "Make a new commit on the branch that undoes a commit's schema changes.";
  static override description = [
    "A three-way merge in reverse: base = REV, ours = the branch head, theirs = REV's first parent; REV's renames are undone as renames.",
    `A change of REV that later commits changed again is a conflict: nothing is committed, the revert stays in progress (exit ${ExitCode.conflicts}),`,
    'and `redb merge --status`, `--resolve`, `--continue` and `--abort` finish it.',
  ].join('\n');
  static override examples = ['<%= config.bin %> revert main~2', '<%= config.bin %> revert 3f2a9c1 -m "Undo the orders index" --json'];
  static override args = { rev: Args.string({ required: true, description: 'REV: the commit to undo' }) };
  static override flags = {
    ...repoFlags,
    message: Flags.string({ char: 'm', description: 'message of the new commit (default: Revert "SUBJECT")' }),
  };

  async run(): Promise<MergeResult> {
    const { args, flags } = await this.parse(Revert);
    const ws = await this.workspace(flags.workspace);
    const r = await revertCommit(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch }, args.rev, { ...(flags.message ? { message: flags.message } : {}) });
    this.print(renderMergeResult(r));
    if (r.status === 'conflicts') process.exitCode = ExitCode.conflicts;
    return r;
  }
}
