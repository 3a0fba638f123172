import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { blame, type BlameResult } from '../core/blame.js';
import { renderBlame } from '../ui/blame-text.js';

export default class Blame extends BaseCommand {
  static override summary = 'Show who last changed each part of an object: the members of a table, the lines of a view or routine.';
  static override description = [
    'For a table, each column, constraint, index, trigger and policy with the commit, author and date that last changed it;',
    'for a view or routine, each line of its definition; for any other kind, the last commit that changed the object.',
    'Renames recorded in the commits (Redb-Renames) are followed: a renamed table keeps its columns\' history, and a renamed column is blamed on the rename.',
  ].join('\n');
  static override examples = ['<%= config.bin %> blame public.users', '<%= config.bin %> blame public.active_users main~3', '<%= config.bin %> blame public.users --json'];
  static override args = {
    object: Args.string({ description: 'object id, e.g. public.users', required: true }),
    rev: Args.string({ description: 'revision to blame (default: the branch head)' }),
  };
  static override flags = repoFlags;

  async run(): Promise<BlameResult> {
    const { args, flags } = await this.parse(Blame);
    const ws = await this.workspace(flags.workspace);
    const result = await blame(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch }, args.object, args.rev);
    this.print(renderBlame(result));
    return result;
  }
}
