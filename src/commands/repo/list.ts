import { BaseCommand } from '../../cli/base-command.js';
import { listRepos, type RepoInfo } from '../../core/repos.js';
import { renderRepo } from '../../ui/text.js';

export default class RepoList extends BaseCommand {
  static override summary = 'List the repositories of the workspace with their branches.';
  static override hiddenAliases = ['repos:list', 'repos'];

  async run(): Promise<RepoInfo[]> {
    const { flags } = await this.parse(RepoList);
    const repos = await listRepos(await this.workspace(flags.workspace));
    this.print(repos.length ? repos.map(renderRepo).join('\n') : 'No repositories yet: redb repo add NAME');
    return repos;
  }
}
