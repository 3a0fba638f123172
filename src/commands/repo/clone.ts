import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { cloneRepo, type RepoInfo } from '../../core/repos.js';
import { renderRepo } from '../../ui/text.js';

export default class RepoClone extends BaseCommand {
  static override summary = 'Clone a repository (of this workspace, or a git directory by path) with all its branches.';
  static override hiddenAliases = ['repos:clone'];
  static override args = {
    source: Args.string({ required: true, description: 'repository name or path of a git repository' }),
    name: Args.string({ required: true, description: 'name of the new repository' }),
  };

  async run(): Promise<RepoInfo> {
    const { args, flags } = await this.parse(RepoClone);
    const repo = await cloneRepo(await this.workspace(flags.workspace), args.source, args.name);
    this.print(`Cloned into ${renderRepo(repo)}`);
    return repo;
  }
}
