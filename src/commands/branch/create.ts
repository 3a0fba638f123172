import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { createBranch, type BranchInfo } from '../../core/branches.js';
import { renderBranch } from '../../ui/text.js';

export default class BranchCreate extends BaseCommand {
  static override summary = 'Create a branch at a revision (default: the head of main).';
  static override hiddenAliases = ['branches:create'];
  static override examples = ['<%= config.bin %> branch create feature-x', '<%= config.bin %> branch create hotfix --from main~2'];
  static override args = { name: Args.string({ required: true }) };
  static override flags = { repo: repoFlags.repo, from: Flags.string({ description: 'revision to start from', default: 'main' }) };

  async run(): Promise<BranchInfo> {
    const { args, flags } = await this.parse(BranchCreate);
    const ws = await this.workspace(flags.workspace);
    const branch = await createBranch(ws, { repo: ws.resolveRepo(flags.repo), branch: args.name }, flags.from);
    this.print(`Created branch\n${renderBranch(branch)}`);
    return branch;
  }
}
