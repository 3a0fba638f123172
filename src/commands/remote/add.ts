import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { addRemote, type RemoteInfo } from '../../core/remotes.js';

export default class RemoteAdd extends BaseCommand {
  static override summary = 'Add a remote (an https:// git server, a file:// URL or a path) to a repository.';
  static override description = 'Stored in the repository\'s git config as stock git stores it. A URL with a user name or password in it is refused: put a token in REDB_GIT_TOKEN (or use a git credential helper) instead.';
  static override examples = ['<%= config.bin %> remote add origin https://git.example.com/team/app.git', '<%= config.bin %> remote add shared /srv/git/app.git'];
  static override args = { name: Args.string({ required: true }), url: Args.string({ required: true, description: 'https://…, file://… or a path' }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<RemoteInfo> {
    const { args, flags } = await this.parse(RemoteAdd);
    const ws = await this.workspace(flags.workspace);
    const remote = await addRemote(ws, ws.resolveRepo(flags.repo), args.name, args.url);
    this.print(`Added remote ${remote.name}  ${remote.url}`);
    return remote;
  }
}
