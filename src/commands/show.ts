import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { showCommit, showObject, type ShowCommitResult, type ShowObjectResult } from '../core/show.js';
import { renderShowCommit } from '../ui/log-text.js';

export default class Show extends BaseCommand {
  static override summary = 'Show a commit as git show does (message, trailers, renames, where it is deployed, its schema diff), or one object as stored at a revision.';
  static override description = [
    'REV alone: the commit, the rename intents it records, the databases it is deployed to (refs/redb/deploys/*, notes on refs/notes/redb-deploys),',
    'and its schema diff against its first parent as `redb diff PARENT REV` prints it (a root commit: against the empty schema).',
    'REV OBJECT: the object (by id or file path) as stored at REV.',
  ].join('\n');
  static override hiddenAliases = ['commits:show'];
  static override examples = ['<%= config.bin %> show main', '<%= config.bin %> show main~1 public.users', '<%= config.bin %> show 3f2a9c1 schemas/public/views/active_users.json'];
  static override args = {
    rev: Args.string({ description: 'branch, commit id or prefix, REV~N (default: the branch head)' }),
    object: Args.string({ description: 'object id (public.users) or file path' }),
  };
  static override flags = repoFlags;

  async run(): Promise<ShowCommitResult | ShowObjectResult> {
    const { args, flags } = await this.parse(Show);
    const ws = await this.workspace(flags.workspace);
    const ref = { repo: ws.resolveRepo(flags.repo), branch: flags.branch };
    const rev = args.rev ?? flags.branch;
    if (args.object) {
      const result = await showObject(ws, ref, rev, args.object);
      this.print(`${result.path} @ ${result.commit.slice(0, 10)}\n${JSON.stringify(result.object, null, 2)}`);
      return result;
    }
    const result = await showCommit(ws, ref, rev);
    this.print(renderShowCommit(result));
    return result;
  }
}
