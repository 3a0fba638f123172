import { Args, Flags } from '@oclif/core';
import { ADAPTERS } from '../../../adapters/registry.js';
import { BaseCommand } from '../../cli/base-command.js';
import { connectDatabase, type DatabaseInfo } from '../../core/databases.js';
import { renderDatabase } from '../../ui/text.js';

const EXAMPLE_NAMES = ['prod', 'dev', 'staging', 'test'];

export default class DatabaseConnect extends BaseCommand {
  static override summary = 'Name a database connection (the database must answer unless --no-verify).';
  // help is static: built from the registry's descriptors, which load no adapter
  static override description = `URLs: ${ADAPTERS.map((a) => a.description).join('; ')}. \${ENV_VAR} references are kept as written and resolved at use (the variable holds the password itself). A literal password (user info, password=, sslpassword=…) is stored in .redb/credentials.json (mode 0600), never in redb.yaml or a repository. Percent-encode special characters in a literal password (@ %40, / %2F, ? %3F, # %23, & %26, + %2B, % %25): a URL whose password cannot be located is refused (E_URL_SECRET). See docs/secrets.md.`;
  static override hiddenAliases = ['databases:connect'];
  static override examples = ADAPTERS.flatMap((a) => a.urlExamples).map((url, i) => `<%= config.bin %> database connect ${EXAMPLE_NAMES[i] ?? `db${i}`} '${url}'`);
  static override args = {
    name: Args.string({ required: true, description: 'name for the connection' }),
    url: Args.string({ required: true, description: 'connection URL' }),
  };
  static override flags = { verify: Flags.boolean({ default: true, allowNo: true, description: 'connect once to check the URL' }) };

  async run(): Promise<DatabaseInfo> {
    const { args, flags } = await this.parse(DatabaseConnect);
    const ws = await this.workspace(flags.workspace);
    const db = await connectDatabase(ws, args.name, args.url, { verify: flags.verify });
    this.print(`Connected ${renderDatabase(db)}`);
    return db;
  }
}
