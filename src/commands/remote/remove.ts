import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { removeRemote, type RemoteInfo } from '../../core/remotes.js';

export default class RemoteRemove extends BaseCommand {
  static override summary = 'Remove a remote and its remote-tracking refs (nothing on the server changes).';
  static override args = { name: Args.string({ required: true }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<RemoteInfo> {
    const { args, flags } = await this.parse(RemoteRemove);
    const ws = await this.workspace(flags.workspace);
    const remote = await removeRemote(ws, ws.resolveRepo(flags.repo), args.name);
    this.print(`Removed remote ${remote.name}  ${remote.url}`);
    return remote;
  }
}
