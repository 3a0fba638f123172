import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { fetchRepo, type FetchReport } from '../core/sync.js';
import { renderFetch } from '../ui/sync-text.js';

export default class Fetch extends BaseCommand {
  static override summary = 'Fetch the branches, tags, deploy records and deploy notes of a remote (default: origin).';
  static override description = 'Branches land as REMOTE/BRANCH (refs/remotes/…), usable as revisions; new tags are added (a local tag is never moved); the remote\'s deploy refs land under refs/redb/remotes/REMOTE/deploys/ and are listed; deploy notes are merged into refs/notes/redb-deploys. Local branches do not move: `redb pull` does that.';
  static override examples = ['<%= config.bin %> fetch', '<%= config.bin %> fetch origin', '<%= config.bin %> diff main origin/main'];
  static override args = { remote: Args.string({ description: 'remote name (default: origin)' }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<FetchReport> {
    const { args, flags } = await this.parse(Fetch);
    const ws = await this.workspace(flags.workspace);
    const report = await fetchRepo(ws, ws.resolveRepo(flags.repo), args.remote);
    this.print(renderFetch(report));
    return report;
  }
}
