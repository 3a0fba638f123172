import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { RedbError } from '../../errors.js';
import { getRelationship } from '../../jobs/relationships.js';

export default class JobRun extends BaseCommand {
  static override summary = "Run a relationship's job (not built yet: refuses with E_UNSUPPORTED).";
  static override description = 'Migration and replication jobs are not built yet (docs/jobs.md, "Migration"): the command checks the relationship exists and refuses with E_UNSUPPORTED, changing nothing.';
  static override args = { name: Args.string({ required: true, description: 'the relationship (redb relationship list)' }) };

  async run(): Promise<never> {
    const { args, flags } = await this.parse(JobRun);
    const ws = await this.workspace(flags.workspace);
    const rel = getRelationship(ws, args.name);
    throw new RedbError('E_UNSUPPORTED', `${rel.type} jobs are not built yet (relationship ${rel.name})`, 'copy the schema with `redb translate` and `redb deploy`; data copying is on the way (docs/jobs.md, "Migration")');
  }
}
