import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { listRemotes, type RemoteInfo } from '../../core/remotes.js';

export default class RemoteList extends BaseCommand {
  static override summary = 'List the remotes of a repository (URLs redacted).';
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<RemoteInfo[]> {
    const { flags } = await this.parse(RemoteList);
    const ws = await this.workspace(flags.workspace);
    const remotes = await listRemotes(ws, ws.resolveRepo(flags.repo));
    this.print(remotes.length ? remotes.map((r) => `${r.name}  ${r.url}`).join('\n') : 'No remotes: `redb remote add origin URL` adds one');
    return remotes;
  }
}
