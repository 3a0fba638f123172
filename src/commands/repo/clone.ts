import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { cloneRepo, type RepoInfo } from '../../core/repos.js';
import { renderRepo } from '../../ui/text.js';

export default class RepoClone extends BaseCommand {
  static override summary = 'Clone a repository (of this workspace, a git directory by path, or a remote by URL) with all its branches.';
  static override description = 'From a URL (https://…, file://…) the remote becomes `origin`, every remote branch a local branch, and the remote\'s deploy records this repository\'s. HTTPS servers that ask for credentials get REDB_GIT_TOKEN or a git credential helper\'s answer; a URL with credentials in it is refused.';
  static override examples = ['<%= config.bin %> repo clone https://git.example.com/team/app.git app', '<%= config.bin %> repo clone /srv/git/app.git app'];
  static override hiddenAliases = ['repos:clone'];
  static override args = {
    source: Args.string({ required: true, description: 'repository name, path of a git repository, or URL (https://…, file://…)' }),
    name: Args.string({ required: true, description: 'name of the new repository' }),
  };

  async run(): Promise<RepoInfo> {
    const { args, flags } = await this.parse(RepoClone);
    const repo = await cloneRepo(await this.workspace(flags.workspace), args.source, args.name);
    this.print(`Cloned into ${renderRepo(repo)}`);
    return repo;
  }
}
