import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { listTags, type TagInfo } from '../../core/tags.js';
import { renderTag } from '../../ui/sync-text.js';

export default class TagList extends BaseCommand {
  static override summary = 'List the tags of a repository with the commits they name.';
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<TagInfo[]> {
    const { flags } = await this.parse(TagList);
    const ws = await this.workspace(flags.workspace);
    const tags = await listTags(ws, ws.resolveRepo(flags.repo));
    this.print(tags.length ? tags.map(renderTag).join('\n') : 'No tags yet: `redb tag NAME` tags the head of main');
    return tags;
  }
}
