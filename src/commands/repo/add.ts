import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { addRepo, type RepoInfo } from '../../core/repos.js';

export default class RepoAdd extends BaseCommand {
  static override summary = 'Create a schema repository (a git repository with a branch main).';
  static override hiddenAliases = ['repos:add', 'repo:create', 'repos:create'];
  static override args = { name: Args.string({ required: true }) };

  async run(): Promise<RepoInfo> {
    const { args, flags } = await this.parse(RepoAdd);
    const repo = await addRepo(await this.workspace(flags.workspace), args.name);
    this.print(`Created repository ${repo.name} (${repo.gitDir})\nNext: redb branch attach main DATABASE --repo ${repo.name}`);
    return repo;
  }
}
