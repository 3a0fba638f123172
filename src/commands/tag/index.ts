import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../../cli/base-command.js';
import { createTag, type TagInfo } from '../../core/tags.js';
import { renderTag } from '../../ui/sync-text.js';

export default class Tag extends BaseCommand {
  static override summary = 'Tag a revision (default: the head of main) with an annotated git tag, usable wherever a revision is.';
  static override description = 'Writes an annotated tag object (tagger, date, message: `git tag -n` shows it) at refs/tags/NAME. Tags do not move: delete and re-create one to change it. `redb tag list` and `redb tag delete NAME` list and delete tags.';
  static override examples = ['<%= config.bin %> tag v1.4 -m "Release 1.4"', '<%= config.bin %> tag v1.3 main~2', '<%= config.bin %> deploy v1.4'];
  static override args = {
    name: Args.string({ required: true, description: 'tag name (git ref name rules, e.g. v1.4)' }),
    rev: Args.string({ description: 'revision to tag (default: the head of main)' }),
  };
  static override flags = { repo: repoFlags.repo, message: Flags.string({ char: 'm', description: 'tag message (default: the tag name)' }) };

  async run(): Promise<TagInfo> {
    const { args, flags } = await this.parse(Tag);
    const ws = await this.workspace(flags.workspace);
    const tag = await createTag(ws, ws.resolveRepo(flags.repo), args.name, args.rev, flags.message);
    this.print(`Tagged ${renderTag(tag)}`);
    return tag;
  }
}
