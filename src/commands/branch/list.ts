import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { listBranches, type BranchInfo } from '../../core/branches.js';
import { renderBranch } from '../../ui/text.js';

export default class BranchList extends BaseCommand {
  static override summary = 'List the branches of a repository, their heads and attached databases.';
  static override hiddenAliases = ['branches:list', 'branches'];
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<BranchInfo[]> {
    const { flags } = await this.parse(BranchList);
    const ws = await this.workspace(flags.workspace);
    const branches = await listBranches(ws, ws.resolveRepo(flags.repo));
    this.print(branches.map((b) => renderBranch(b)).join('\n'));
    return branches;
  }
}
