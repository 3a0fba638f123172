import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { deleteRelationship, type RelationshipInfo } from '../../jobs/relationships.js';

export default class RelationshipDelete extends BaseCommand {
  static override summary = 'Delete a relationship from redb.yaml (the databases and their data are left as they are).';
  static override args = { name: Args.string({ required: true }) };

  async run(): Promise<RelationshipInfo> {
    const { args, flags } = await this.parse(RelationshipDelete);
    const ws = await this.workspace(flags.workspace);
    const r = await deleteRelationship(ws, args.name);
    this.print(`Deleted relationship ${r.name}`);
    return r;
  }
}
