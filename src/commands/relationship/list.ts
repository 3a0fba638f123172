import { BaseCommand } from '../../cli/base-command.js';
import { describeRelationship, listRelationships, type RelationshipInfo } from '../../jobs/relationships.js';

export default class RelationshipList extends BaseCommand {
  static override summary = 'List the relationships of the workspace.';

  async run(): Promise<RelationshipInfo[]> {
    const { flags } = await this.parse(RelationshipList);
    const ws = await this.workspace(flags.workspace);
    const rels = listRelationships(ws);
    this.print(rels.length ? rels.map(describeRelationship).join('\n') : 'No relationships: `redb relationship add NAME --type migration --source DB --target DB` adds one');
    return rels;
  }
}
