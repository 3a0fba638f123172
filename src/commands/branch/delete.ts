import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { deleteBranch, type BranchInfo } from '../../core/branches.js';

export default class BranchDelete extends BaseCommand {
  static override summary = 'Delete a branch (not main, not while attached); its commits stay reachable from other branches.';
  static override hiddenAliases = ['branches:delete'];
  static override args = { name: Args.string({ required: true }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<BranchInfo> {
    const { args, flags } = await this.parse(BranchDelete);
    const ws = await this.workspace(flags.workspace);
    const branch = await deleteBranch(ws, { repo: ws.resolveRepo(flags.repo), branch: args.name });
    this.print(`Deleted branch ${branch.name} (was ${branch.head.slice(0, 10)})`);
    return branch;
  }
}
