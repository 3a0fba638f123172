import { Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { diff, type DiffResult } from '../core/diff.js';
import { viewOrPrint } from '../ui/viewer/launch.js';
import { ExitCode } from '../errors.js';
import { diffOutput, exitCodeFlag, framingOf, planningFlags, planningOptions, reportIdentity, sideArgs } from './diff.js';

export default class Review extends BaseCommand {
  static override summary = 'Review the changes between two schemas in an interactive terminal viewer.';
  static override description = [
    'The sides are those of redb diff: revisions (branch, commit, REV~N) or databases written @NAME; the same defaults.',
    'Left: the changed objects by schema and kind; right: the selected change, its DDL and hazards, its rollback (r), the whole plan (s). ? lists the keys, q quits.',
    'Without a terminal (a pipe, CI) it prints the text diff. --format markdown and --json print what redb diff prints with them.',
    'With --exit-code, exits 2 when the sides differ (after the viewer is closed).',
  ].join('\n');
  static override examples = [
    '<%= config.bin %> review',
    '<%= config.bin %> review main~1 main',
    '<%= config.bin %> review main @prod',
    '<%= config.bin %> review main~1 main --format markdown > review.md',
    '<%= config.bin %> review main @prod --format markdown --exit-code',
  ];
  static override args = sideArgs;
  static override flags = {
    ...repoFlags,
    ...planningFlags,
    ...exitCodeFlag,
    format: Flags.option({ options: ['tui', 'text', 'markdown', 'json'] as const, default: 'tui' as const, description: 'tui: the viewer; text and markdown as redb diff prints them (json = the same as --json)' })(),
  };

  async run(): Promise<DiffResult> {
    const { args, flags } = await this.parse(Review);
    const ws = await this.workspace(flags.workspace);
    const ref = () => ({ repo: ws.resolveRepo(flags.repo), branch: flags.branch });
    const result = await diff(ws, ref, args.from, args.to, planningOptions(flags));
    if (!this.jsonEnabled()) {
      if (flags.format === 'json') this.logJson(result);
      else if (flags.format === 'tui') await viewOrPrint(result, framingOf(result), (text) => this.log(text));
      else this.log(await diffOutput(result, flags.format, reportIdentity(ws, result, flags)));
    }
    if (!result.same && flags['exit-code']) process.exitCode = ExitCode.differences;
    return result;
  }
}
