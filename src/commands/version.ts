import { BaseCommand } from '../cli/base-command.js';

export interface VersionResult {
  name: string;
  version: string;
  node: string;
  platform: string;
  arch: string;
}

/** `redb version` (also `redb --version`): which redb, on which Node.js. */
export default class Version extends BaseCommand {
  static override summary = 'Show the redb version and the Node.js it runs on.';
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json'];

  async run(): Promise<VersionResult> {
    await this.parse(Version);
    this.print(this.config.userAgent);
    return { name: this.config.name, version: this.config.version, node: process.versions.node, platform: process.platform, arch: process.arch };
  }
}
