import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { pullRepo, type PullReport } from '../core/sync.js';
import { ExitCode } from '../errors.js';
import { renderPull } from '../ui/sync-text.js';

export default class Pull extends BaseCommand {
  static override summary = 'Fetch from a remote (default: origin), then bring a branch (default: main) up to the remote\'s: a fast-forward, or a merge.';
  static override description = `When both sides have commits the other lacks, the remote's branch is merged in as \`redb merge REMOTE/BRANCH\` would: a merge commit, or a merge in progress with its conflicts (exit ${ExitCode.conflicts}; see redb merge --status). Pull moves the branch, never a database: deploy the new head when you are ready.`;
  static override examples = ['<%= config.bin %> pull', '<%= config.bin %> pull origin feature-x'];
  static override args = {
    remote: Args.string({ description: 'remote name (default: origin)' }),
    branch: Args.string({ description: 'branch to update (default: main)' }),
  };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<PullReport> {
    const { args, flags } = await this.parse(Pull);
    const ws = await this.workspace(flags.workspace);
    const report = await pullRepo(ws, ws.resolveRepo(flags.repo), { ...(args.remote ? { remote: args.remote } : {}), ...(args.branch ? { branch: args.branch } : {}) });
    this.print(renderPull(report));
    if (report.status === 'conflicts') process.exitCode = ExitCode.conflicts;
    return report;
  }
}
