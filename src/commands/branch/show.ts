import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { showBranch, type BranchInfo } from '../../core/branches.js';
import { renderBranch } from '../../ui/text.js';

export default class BranchShow extends BaseCommand {
  static override summary = 'Show a branch: head commit and attached database.';
  static override hiddenAliases = ['branches:show'];
  static override args = { name: Args.string({ description: 'branch (default: --branch, main)' }) };
  static override flags = repoFlags;

  async run(): Promise<BranchInfo> {
    const { args, flags } = await this.parse(BranchShow);
    const ws = await this.workspace(flags.workspace);
    const branch = await showBranch(ws, { repo: ws.resolveRepo(flags.repo), branch: args.name ?? flags.branch });
    this.print(renderBranch(branch));
    return branch;
  }
}
