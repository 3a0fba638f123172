import { BaseCommand } from '../../cli/base-command.js';
import { listDatabases, type DatabaseInfo } from '../../core/databases.js';
import { renderDatabase } from '../../ui/text.js';

export default class DatabaseList extends BaseCommand {
  static override summary = 'List the named database connections (passwords masked).';
  static override hiddenAliases = ['databases:list', 'databases'];

  async run(): Promise<DatabaseInfo[]> {
    const { flags } = await this.parse(DatabaseList);
    const dbs = listDatabases(await this.workspace(flags.workspace));
    this.print(dbs.length ? dbs.map(renderDatabase).join('\n') : 'No databases yet: redb database connect NAME URL');
    return dbs;
  }
}
