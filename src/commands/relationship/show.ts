import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { getRelationship, type RelationshipInfo } from '../../jobs/relationships.js';

export default class RelationshipShow extends BaseCommand {
  static override summary = 'Show one relationship: its type, databases, tables, transforms and table map.';
  static override args = { name: Args.string({ required: true }) };

  async run(): Promise<RelationshipInfo> {
    const { args, flags } = await this.parse(RelationshipShow);
    const ws = await this.workspace(flags.workspace);
    const r = getRelationship(ws, args.name);
    const lines = [`relationship ${r.name}`, `type    ${r.type}`, `source  ${r.source}`, `target  ${r.target}`];
    if (r.repo) lines.push(`repo    ${r.repo}`);
    if (r.branch) lines.push(`branch  ${r.branch}`);
    if (r.tables) lines.push(`tables  ${r.tables.join(', ')}`);
    for (const [col, spec] of Object.entries(r.transforms ?? {})) lines.push(`transform  ${col}=${spec}`);
    for (const [from, to] of Object.entries(r.map ?? {})) lines.push(`map     ${from} -> ${to}`);
    if (r.deterministic) lines.push('deterministic transforms (same input, same output)');
    if (r.replicaIdentityFull) lines.push('replica identity full on tables without a primary key');
    this.print(lines.join('\n'));
    return r;
  }
}
