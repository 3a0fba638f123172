import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { mergeInto, type MergeResult } from '../core/merge.js';
import { abortMerge, continueMerge, mergeStatus, resolveConflict, type MergeStatus } from '../core/merge-resolve.js';
import { ExitCode, usageError } from '../errors.js';
import { renderMergeResult, renderMergeStatus } from '../ui/merge-text.js';

export default class Merge extends BaseCommand {
  static override summary = 'Merge a branch into another on the schema model (three-way, per object and member).';
  static override description = [
    'Fast-forwards when the target branch has nothing of its own (unless --no-ff); otherwise writes a merge commit with two parents.',
    `Conflicts: no commit is written, the merge stays in progress with a conflict working copy, and the command exits ${ExitCode.conflicts}.`,
    'Then: --status lists the conflicts, --resolve ID[.MEMBER]=ours|theirs|base pins one, editing the object\'s file in the working copy settles it too,',
    '--continue commits the result (two parents), --abort forgets the merge.',
  ].join('\n');
  static override examples = [
    '<%= config.bin %> merge feature',
    '<%= config.bin %> merge feature --into staging -m "Merge feature"',
    '<%= config.bin %> merge --status --json',
    '<%= config.bin %> merge --resolve public.users.email=theirs',
    '<%= config.bin %> merge --continue',
    '<%= config.bin %> merge --abort',
  ];
  static override args = { branch: Args.string({ description: 'BRANCH (or any revision) to merge in' }) };
  static override flags = {
    repo: repoFlags.repo,
    into: Flags.string({ description: 'branch to merge into', default: 'main' }),
    message: Flags.string({ char: 'm', description: 'message of the merge commit (default: "Merge BRANCH into INTO")' }),
    'no-ff': Flags.boolean({ description: 'write a merge commit even when a fast-forward would do' }),
    status: Flags.boolean({ description: 'list the conflicts of the merge in progress', exclusive: ['continue', 'abort', 'resolve'] }),
    resolve: Flags.string({ multiple: true, description: 'settle a conflict: ID[.MEMBER]=ours|theirs|base (repeatable)', exclusive: ['continue', 'abort'] }),
    continue: Flags.boolean({ description: 'commit the merge in progress once nothing is left to resolve', exclusive: ['abort'] }),
    abort: Flags.boolean({ description: 'forget the merge in progress (the branch never moved)' }),
  };

  async run(): Promise<MergeResult | MergeStatus> {
    const { args, flags } = await this.parse(Merge);
    const ws = await this.workspace(flags.workspace);
    const repo = ws.resolveRepo(flags.repo);
    const step = flags.status || flags.resolve || flags.continue || flags.abort;
    if (step && args.branch) throw usageError('E_USAGE', `a branch to merge (${args.branch}) cannot be given with --status, --resolve, --continue or --abort`, 'they act on the merge in progress');
    if (flags.abort) return this.status(await abortMerge(ws, repo));
    if (flags.continue) {
      return this.result(await continueMerge(ws, repo, { ...(flags.message ? { message: flags.message } : {}) }));
    }
    if (flags.resolve) {
      let status: MergeStatus | undefined;
      for (const spec of flags.resolve) status = await resolveConflict(ws, repo, spec);
      return this.status(status!);
    }
    if (flags.status) return this.status(await mergeStatus(ws, repo));
    if (!args.branch) throw usageError('E_USAGE', 'name the branch to merge', 'e.g. redb merge feature; or --status, --continue, --abort for a merge in progress');
    const result = await mergeInto(ws, { repo, branch: flags.into }, args.branch, { ...(flags.message ? { message: flags.message } : {}), noFf: flags['no-ff'] });
    return this.result(result);
  }

  private result(r: MergeResult): MergeResult {
    this.print(renderMergeResult(r));
    if (r.status === 'conflicts') process.exitCode = ExitCode.conflicts;
    return r;
  }

  private status(s: MergeStatus): MergeStatus {
    this.print(renderMergeStatus(s));
    return s;
  }
}
