import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { detachBranch, type BranchInfo } from '../../core/branches.js';

export default class BranchDetach extends BaseCommand {
  static override summary = 'Detach a branch from its database.';
  static override hiddenAliases = ['branches:detach'];
  static override args = { branch: Args.string({ required: true }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<BranchInfo> {
    const { args, flags } = await this.parse(BranchDetach);
    const ws = await this.workspace(flags.workspace);
    const branch = await detachBranch(ws, { repo: ws.resolveRepo(flags.repo), branch: args.branch });
    this.print(`Detached ${branch.name}`);
    return branch;
  }
}
