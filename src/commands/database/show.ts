import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { showDatabase, type DatabaseInfo } from '../../core/databases.js';
import { renderDatabase } from '../../ui/text.js';

export default class DatabaseShow extends BaseCommand {
  static override summary = 'Show one database connection and the branches attached to it.';
  static override hiddenAliases = ['databases:show'];
  static override args = { name: Args.string({ required: true }) };

  async run(): Promise<DatabaseInfo> {
    const { args, flags } = await this.parse(DatabaseShow);
    const db = showDatabase(await this.workspace(flags.workspace), args.name);
    this.print(renderDatabase(db));
    return db;
  }
}
