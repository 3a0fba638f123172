import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { log, type CommitInfo } from '../core/history.js';
import { paint } from '../ui/color.js';
import { renderCommit } from '../ui/text.js';

export default class Log extends BaseCommand {
  static override summary = 'Show the commits of a branch, newest first.';
  static override hiddenAliases = ['commits:list', 'commits'];
  static override args = { rev: Args.string({ description: 'revision to start from (default: the branch head)' }) };
  static override flags = {
    ...repoFlags,
    limit: Flags.integer({ char: 'n', description: 'at most this many commits' }),
    oneline: Flags.boolean({ description: 'one line per commit' }),
  };

  async run(): Promise<CommitInfo[]> {
    const { args, flags } = await this.parse(Log);
    const ws = await this.workspace(flags.workspace);
    const commits = await log(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch }, { rev: args.rev, limit: flags.limit });
    if (commits.length === 0) this.print(`Branch ${flags.branch} has no commits yet.`);
    else if (flags.oneline) this.print(commits.map((c) => `${paint('yellow', c.commit.slice(0, 10))} ${c.message.split('\n')[0]}`).join('\n'));
    else this.print(commits.map(renderCommit).join('\n\n'));
    return commits;
  }
}
