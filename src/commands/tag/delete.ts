import { Args } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { deleteTag, type TagInfo } from '../../core/tags.js';

export default class TagDelete extends BaseCommand {
  static override summary = 'Delete a tag (the commit it named stays).';
  static override args = { name: Args.string({ required: true }) };
  static override flags = { repo: repoFlags.repo };

  async run(): Promise<TagInfo> {
    const { args, flags } = await this.parse(TagDelete);
    const ws = await this.workspace(flags.workspace);
    const tag = await deleteTag(ws, ws.resolveRepo(flags.repo), args.name);
    this.print(`Deleted tag ${tag.name} (was ${tag.commit.slice(0, 7)})`);
    return tag;
  }
}
