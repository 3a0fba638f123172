import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { pullRepo, type PullReport } from '../core/sync.js';
import { renderPull } from '../ui/sync-text.js';

export default class Pull extends BaseCommand {
  static override summary = 'Fetch from a remote (default: origin), then fast-forward a branch (default: main) to the remote\'s.';
  static override description = 'When both sides have commits the other lacks, nothing moves and the exit code is 1 (E_DIVERGED): merge REMOTE/BRANCH. Pull moves the branch, never a database: deploy the new head when you are ready.';
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
    return report;
  }
}
