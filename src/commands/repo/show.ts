import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { showRepo, type RepoInfo } from '../../core/repos.js';
import { renderRepo } from '../../ui/text.js';

export default class RepoShow extends BaseCommand {
  static override summary = 'Show a repository: its git directory (gitDir) and branches.';
  static override description = 'The git directory is a real git repository: `git --git-dir GITDIR log` reads it.';
  static override hiddenAliases = ['repos:show'];
  static override args = { name: Args.string({ description: 'repository (default: the only one)' }) };

  async run(): Promise<RepoInfo> {
    const { args, flags } = await this.parse(RepoShow);
    const ws = await this.workspace(flags.workspace);
    const repo = await showRepo(ws, ws.resolveRepo(args.name));
    this.print(renderRepo(repo));
    return repo;
  }
}
