import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { disconnectDatabase, type DatabaseInfo } from '../../core/databases.js';

export default class DatabaseDisconnect extends BaseCommand {
  static override summary = 'Forget a database connection (refused while a branch is attached to it).';
  static override hiddenAliases = ['databases:disconnect'];
  static override args = { name: Args.string({ required: true }) };

  async run(): Promise<DatabaseInfo> {
    const { args, flags } = await this.parse(DatabaseDisconnect);
    const db = await disconnectDatabase(await this.workspace(flags.workspace), args.name);
    this.print(`Disconnected ${db.name}`);
    return db;
  }
}
