import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { deleteRepo, type RepoInfo } from '../../core/repos.js';

export default class RepoDelete extends BaseCommand {
  static override summary = 'Delete a repository and its history (needs --yes).';
  static override hiddenAliases = ['repos:delete'];
  static override args = { name: Args.string({ required: true }) };
  static override flags = { yes: Flags.boolean({ char: 'y', description: 'confirm the deletion' }) };

  async run(): Promise<RepoInfo> {
    const { args, flags } = await this.parse(RepoDelete);
    const repo = await deleteRepo(await this.workspace(flags.workspace), args.name, flags.yes);
    this.print(`Deleted repository ${repo.name}`);
    return repo;
  }
}
