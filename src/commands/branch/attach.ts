import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { attachBranch, type BranchInfo } from '../../core/branches.js';
import { renderBranch } from '../../ui/text.js';

export default class BranchAttach extends BaseCommand {
  static override summary = 'Attach a branch to a database: commit snapshots it, status compares with it.';
  static override hiddenAliases = ['branches:attach'];
  static override examples = ['<%= config.bin %> branch attach main prod'];
  static override args = { branch: Args.string({ required: true }), database: Args.string({ required: true }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<BranchInfo> {
    const { args, flags } = await this.parse(BranchAttach);
    const ws = await this.workspace(flags.workspace);
    const branch = await attachBranch(ws, { repo: ws.resolveRepo(flags.repo), branch: args.branch }, args.database);
    this.print(`Attached\n${renderBranch(branch)}`);
    return branch;
  }
}
