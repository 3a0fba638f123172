import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { usageError } from '../errors.js';
import { pushRepo, type PushReport } from '../core/sync.js';
import { renderPush } from '../ui/sync-text.js';

export default class Push extends BaseCommand {
  static override summary = 'Push a branch (default: main), or every tag, to a remote (default: origin), with the deploy records.';
  static override description = 'Fast-forwards only: when the remote branch has commits yours lacks, nothing is pushed and the exit code is 1 (E_NON_FAST_FORWARD): pull first. Deploy refs (refs/redb/deploys/*) go where the remote has none or an older one on the same line; deploy notes are merged with the remote\'s first. HTTPS servers that ask for credentials get REDB_GIT_TOKEN or a git credential helper\'s answer.';
  static override examples = ['<%= config.bin %> push', '<%= config.bin %> push origin feature-x', '<%= config.bin %> push origin --tags'];
  static override args = {
    remote: Args.string({ description: 'remote name (default: origin)' }),
    branch: Args.string({ description: 'branch to push (default: main)' }),
  };
  static override flags = { repo: repoFlags.repo, tags: Flags.boolean({ description: 'push every tag instead of a branch' }) };

  async run(): Promise<PushReport> {
    const { args, flags } = await this.parse(Push);
    if (flags.tags && args.branch) throw usageError('E_USAGE', `give a branch or --tags, not both (${args.branch} and --tags)`, 'push the branch and the tags one after the other: redb push origin BRANCH; redb push origin --tags');
    const ws = await this.workspace(flags.workspace);
    const report = await pushRepo(ws, ws.resolveRepo(flags.repo), { ...(args.remote ? { remote: args.remote } : {}), ...(args.branch ? { branch: args.branch } : {}), tags: flags.tags });
    this.print(renderPush(report));
    return report;
  }
}
