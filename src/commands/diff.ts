import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { columnOrderFlag } from '../cli/column-order-flag.js';
import { lockTimeoutFlag, parseLockTimeout } from '../cli/lock-timeout.js';
import { onlineFlag } from '../cli/online-flag.js';
import type { ColumnOrderPolicy } from '../plan/index.js';
import { diff, type DiffOptions, type DiffResult } from '../core/diff.js';
import { ExitCode, usageError } from '../errors.js';
import { parseRenameFlags } from '../core/renames.js';
import { plannerFor } from '../core/dialects.js';
import { renderDiffMarkdown } from '../ui/diff-markdown.js';
import { identityOf, type ReportIdentity } from '../ui/report-marker.js';
import type { Workspace } from '../core/workspace.js';
import { noDifferencesSql, renderPlanSql } from '../ui/diff-sql.js';
import { sideLabel } from '../ui/diff-summary.js';
import { renderDiffText } from '../ui/diff-text.js';
import { viewOrPrint } from '../ui/viewer/launch.js';

/** `--exit-code`, as git diff has it: for CI steps that fail when two sides differ (diff, review). */
export const exitCodeFlag = { 'exit-code': Flags.boolean({ description: 'exit 2 when the two sides differ' }) };

/** The two sides of a comparison, shared by `redb diff` and `redb review`. */
export const sideArgs = {
  from: Args.string({ description: 'FROM: a revision or @DATABASE (default: the branch head)' }),
  to: Args.string({ description: 'TO: a revision or @DATABASE (default: the attached database)' }),
};

/** Flags that shape a plan, shared by `redb diff` and `redb plan`. */
export const planningFlags = {
  rename: Flags.string({ multiple: true, description: 'a rename to plan instead of drop + add: OLD_ID=NEW_NAME (repeatable), e.g. public.users.name=full_name' }),
  online: onlineFlag,
  'lock-timeout': lockTimeoutFlag,
  'column-order': columnOrderFlag(),
};

/** The planning flags as `diff()` options; a bad rename or duration is a usage error. */
export function planningOptions(flags: { rename?: string[]; online?: boolean; 'lock-timeout'?: string; 'column-order'?: ColumnOrderPolicy }): DiffOptions {
  const lockTimeout = parseLockTimeout(flags['lock-timeout']);
  const ddl = { ...(flags.online ? { online: true } : {}), ...(lockTimeout !== undefined ? { lockTimeout } : {}) };
  return {
    renames: parseRenameFlags(flags.rename ?? []),
    ...(flags['column-order'] ? { columnOrder: flags['column-order'] } : {}),
    ...(Object.keys(ddl).length ? { ddl } : {}),
  };
}

export type DiffFormat = 'text' | 'sql' | 'markdown';

/** The engine's own script form (for sql, markdown and the viewer's plan view); its adapter loads only then. */
export const framingOf = (result: DiffResult) => async () => (await plannerFor(result.plan.dialect)).ddl.script;

/** The marker a CI job finds its report comment by; two databases compared have no repository. */
export function reportIdentity(ws: Workspace, result: DiffResult, flags: { repo?: string; branch: string }): ReportIdentity {
  const repo = result.from.commit || result.to.commit ? ws.resolveRepo(flags.repo) : (flags.repo ?? '-');
  return identityOf(result, repo, flags.branch);
}

/** What `redb diff --format FORMAT` prints, also for `redb review --format`. */
export async function diffOutput(result: DiffResult, format: DiffFormat, identity?: ReportIdentity): Promise<string> {
  const title = `${sideLabel(result.from)} → ${sideLabel(result.to)}`;
  const framing = framingOf(result);
  if (format === 'markdown') return renderDiffMarkdown(result, await framing(), identity ? { identity } : {}).trimEnd();
  if (format === 'sql') {
    return (result.same ? noDifferencesSql(await framing(), sideLabel(result.from), sideLabel(result.to), result.to.tree) : renderPlanSql(result.plan, await framing(), { title })).trimEnd();
  }
  return renderDiffText(result);
}

export default class Diff extends BaseCommand {
  static override summary = 'Compare two schemas (revisions or live databases) and show the plan between them.';
  static override description = [
    'Each side is a revision (branch, commit id or prefix, REV~N) or a connected database written @NAME.',
    'No sides: the branch head against the attached database. One side: that side against the attached database.',
    'Two databases (@a @b) need no repository.',
    'With --exit-code, exits 2 when the sides differ.',
    'With --tui, opens the interactive viewer (as redb review does); without a terminal it prints the text diff.',
  ].join('\n');
  static override examples = [
    '<%= config.bin %> diff',
    '<%= config.bin %> diff main~1 main',
    '<%= config.bin %> diff main @prod --format sql > deploy.sql',
    '<%= config.bin %> diff main~1 main --format markdown > review.md',
    '<%= config.bin %> diff main~1 main --rename public.users.name=full_name',
    '<%= config.bin %> diff @staging @prod --exit-code',
    '<%= config.bin %> diff main~1 main --tui',
  ];
  static override args = sideArgs;
  static override flags = {
    ...repoFlags,
    ...planningFlags,
    format: Flags.option({ options: ['text', 'sql', 'json', 'markdown'] as const, default: 'text' as const, description: 'output form (json = the same as --json)' })(),
    ...exitCodeFlag,
    tui: Flags.boolean({ description: 'open the interactive viewer (keys: ? in it); the text diff when stdout is not a terminal' }),
  };

  async run(): Promise<DiffResult> {
    const { args, flags } = await this.parse(Diff);
    if (flags.tui && flags.format !== 'text') {
      throw usageError('E_USAGE', `--tui shows the diff in a viewer; it cannot be combined with --format ${flags.format}`, `leave out one of them: redb diff … --tui, or redb diff … --format ${flags.format}`);
    }
    const ws = await this.workspace(flags.workspace);
    // found only when a side needs it: two databases (@a @b) need no repository
    const ref = () => ({ repo: ws.resolveRepo(flags.repo), branch: flags.branch });
    const result = await diff(ws, ref, args.from, args.to, planningOptions(flags));
    if (!this.jsonEnabled()) {
      if (flags.format === 'json') this.logJson(result);
      else if (flags.tui) await viewOrPrint(result, framingOf(result), (text) => this.log(text));
      else this.log(await diffOutput(result, flags.format, reportIdentity(ws, result, flags)));
    }
    if (!result.same && flags['exit-code']) process.exitCode = ExitCode.differences;
    return result;
  }
}
