import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { log, type CommitInfo } from '../core/history.js';
import { usageError } from '../errors.js';
import { paint } from '../ui/color.js';
import { renderCommit } from '../ui/text.js';

export default class Log extends BaseCommand {
  static override summary = 'Show the commits of a branch, newest first; with -p or --stat what each changed; after -- only those that changed one object or member.';
  static override description = [
    '-p (--patch) follows each commit with its schema diff against its first parent, as `redb diff REV^ REV` prints it (a root commit: against the empty schema).',
    '--stat lists the objects each commit changed (+ added, ~ modified, - dropped, → renamed) and a count line.',
    '-- OBJECT lists only the commits that changed that object (public.users) or member of a table (public.users.email: a column, constraint, index …), following the renames the commits record.',
  ].join('\n');
  static override usage = ['<%= command.id %> [REV] [-n N] [--oneline] [-p] [--stat] [-- OBJECT[.MEMBER]]'];
  static override hiddenAliases = ['commits:list', 'commits'];
  static override examples = ['<%= config.bin %> log --oneline', '<%= config.bin %> log -p -n 3', '<%= config.bin %> log --stat', '<%= config.bin %> log -- public.users', '<%= config.bin %> log main -- public.users.email'];
  static override args = { rev: Args.string({ description: 'revision to start from (default: the branch head)' }) };
  static override flags = {
    ...repoFlags,
    limit: Flags.integer({ char: 'n', description: 'at most this many commits' }),
    oneline: Flags.boolean({ description: 'one line per commit' }),
    patch: Flags.boolean({ char: 'p', description: "each commit's schema diff against its first parent" }),
    stat: Flags.boolean({ description: 'the objects each commit changed, and a count line' }),
  };

  async run(): Promise<CommitInfo[]> {
    // what follows `--` names an object, as in `git log -- PATH`: oclif would read it as REV
    const end = this.argv.indexOf('--');
    const objects = end < 0 ? [] : this.argv.slice(end + 1);
    if (objects.length > 1) throw usageError('E_USAGE', `log takes one object after --, got ${objects.length}: ${objects.join(' ')}`, 'e.g. redb log -- public.users, or redb log -- public.users.email');
    if (end >= 0 && objects.length === 0) throw usageError('E_USAGE', 'nothing follows --', 'name the object whose commits to list, e.g. redb log -- public.users');
    const { args, flags } = await this.parse(Log, end < 0 ? this.argv : this.argv.slice(0, end));
    const ws = await this.workspace(flags.workspace);
    const ref = { repo: ws.resolveRepo(flags.repo), branch: flags.branch };
    const plain = objects.length === 0 && !flags.patch && !flags.stat;
    const commits = objects.length ? [] : await log(ws, ref, { rev: args.rev, limit: flags.limit });
    if (plain) {
      if (commits.length === 0) this.print(`Branch ${flags.branch} has no commits yet.`);
      else if (flags.oneline) this.print(commits.map((c) => `${paint('yellow', c.commit.slice(0, 10))} ${c.message.split('\n')[0]}`).join('\n'));
      else this.print(commits.map(renderCommit).join('\n\n'));
      return commits;
    }
    // loaded only for these flags: the plain log never loads what reads models (history.ts)
    const { logDetail } = await import('../core/log-detail.js');
    const { renderLogEntry, renderLogLine } = await import('../ui/log-text.js');
    const entries = await logDetail(ws, ref, commits, { rev: args.rev, limit: flags.limit, object: objects[0], stat: flags.stat, patch: flags.patch });
    if (entries.length === 0) this.print(`Branch ${flags.branch} has no commits yet.`);
    else if (flags.oneline && !flags.stat && !flags.patch) this.print(entries.map(renderLogLine).join('\n'));
    else this.print(entries.map((e) => renderLogEntry(e, { oneline: flags.oneline })).join('\n\n'));
    return entries;
  }
}
