import { Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { cacheFlag } from '../cli/cache-flag.js';
import { commitBranch, type CommitResult } from '../core/commit.js';
import { parseRenameFlags } from '../core/renames.js';
import { renderObjectChanges, short } from '../ui/text.js';

export default class Commit extends BaseCommand {
  static override summary = 'Snapshot the database attached to the branch into a new commit.';
  static override description = 'An unchanged schema makes no commit and says so (exit 0).';
  static override hiddenAliases = ['commits:create'];
  static override examples = ['<%= config.bin %> commit -m "add orders.note"', '<%= config.bin %> commit -m "snapshot" --branch staging --json', '<%= config.bin %> commit -m "rename users.name" --rename public.users.name=full_name'];
  static override flags = {
    ...repoFlags,
    message: Flags.string({ char: 'm', required: true, description: 'commit message' }),
    cache: cacheFlag,
    rename: Flags.string({ multiple: true, description: 'record a rename, OLD_ID=NEW_NAME (e.g. public.users.name=full_name); plans then rename instead of drop and add' }),
  };

  async run(): Promise<CommitResult> {
    const { flags } = await this.parse(Commit);
    const ws = await this.workspace(flags.workspace);
    const result = await commitBranch(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch, message: flags.message, renames: parseRenameFlags(flags.rename), reuse: flags.cache });
    if (!result.committed) {
      this.print(`Nothing to commit: ${result.database} matches ${result.branch} (${short(result.parent)}).`);
    } else {
      this.print(`[${result.branch} ${short(result.commit)}] ${flags.message.split('\n')[0]}\n${renderObjectChanges(result.changes)}`);
    }
    return result;
  }
}
