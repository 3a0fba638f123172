import { Args } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { Workspace } from '../core/workspace.js';

export default class Init extends BaseCommand {
  static override summary = 'Create a redb workspace (redb.yaml and .redb/) in a folder.';
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init ./schemas'];
  static override args = { dir: Args.string({ description: 'folder of the workspace', default: '.' }) };

  async run(): Promise<{ workspace: string; config: string }> {
    const { args } = await this.parse(Init);
    const ws = await Workspace.init(args.dir);
    this.print(`Initialized an empty redb workspace in ${ws.dir}\nNext: redb database connect NAME URL, then redb repo add NAME`);
    return { workspace: ws.dir, config: ws.configFile };
  }
}
