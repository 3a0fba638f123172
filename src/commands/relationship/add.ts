import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { addRelationship, describeRelationship, type RelationshipInfo } from '../../jobs/relationships.js';

export default class RelationshipAdd extends BaseCommand {
  static override summary = 'Add a relationship between two databases of the workspace (a migration, or a replication).';
  static override description = 'Stored in redb.yaml by database name (never a URL); `redb job run NAME` runs it (docs/jobs.md).';
  static override examples = [
    '<%= config.bin %> relationship add to-maria --type migration --source app --target maria',
    '<%= config.bin %> relationship add part --type migration --source app --target copy --tables users,posts --map users=accounts',
    '<%= config.bin %> relationship add staging --type migration --source prod --target staging --transform users.email=email --transform orders.email=email --deterministic',
    '<%= config.bin %> relationship add replica --type replication --source app --target copy --replica-identity-full',
  ];
  static override args = { name: Args.string({ required: true }) };
  static override flags = {
    type: Flags.string({ description: 'migration or replication', required: true, options: ['migration', 'replication'] }),
    source: Flags.string({ description: 'the workspace database data is read from', required: true }),
    target: Flags.string({ description: 'the workspace database data is written to', required: true }),
    repo: Flags.string({ char: 'r', description: 'repository whose branch the relationship follows' }),
    branch: Flags.string({ char: 'b', description: 'branch the relationship follows' }),
    tables: Flags.string({ description: 'only these source tables, comma-separated (default: all)' }),
    transform: Flags.string({ description: 'TABLE.COLUMN=SPEC: a transformation applied to each row (repeatable)', multiple: true }),
    map: Flags.string({ description: 'SRC=TARGET: copy a source table into a target table of another name (repeatable)', multiple: true }),
    deterministic: Flags.boolean({ description: 'transforms give the same output for the same input (with the salt), so joins and foreign keys still match' }),
    'replica-identity-full': Flags.boolean({ description: 'replication: allow source tables without a primary key, setting REPLICA IDENTITY FULL on them (every change then carries the whole old row)' }),
  };

  async run(): Promise<RelationshipInfo> {
    const { args, flags } = await this.parse(RelationshipAdd);
    const ws = await this.workspace(flags.workspace);
    const rel = await addRelationship(ws, {
      name: args.name,
      type: flags.type,
      source: flags.source,
      target: flags.target,
      ...(flags.repo !== undefined ? { repo: flags.repo } : {}),
      ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
      ...(flags.tables !== undefined ? { tables: flags.tables.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
      transforms: flags.transform ?? [],
      map: flags.map ?? [],
      deterministic: flags.deterministic,
      replicaIdentityFull: flags['replica-identity-full'],
    });
    this.print(`Added relationship ${describeRelationship(rel)}`);
    return rel;
  }
}
