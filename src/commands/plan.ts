import { writeFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { attachedDatabase } from '../core/branches.js';
import { diff } from '../core/diff.js';
import { RedbError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { plannerFor } from '../core/dialects.js';
import { renderDiffMarkdown } from '../ui/diff-markdown.js';
import { identityOf } from '../ui/report-marker.js';
import { renderPlanSql } from '../ui/diff-sql.js';
import { plural, sideLabel } from '../ui/diff-summary.js';
import { planNotices } from '../ui/diff-notices.js';
import { hazardsLine } from '../ui/diff-text.js';
import { planningFlags, planningOptions } from './diff.js';

export default class PlanCommand extends BaseCommand {
  static override summary = 'Plan the change from the attached database to a revision, for review and `redb deploy --plan`.';
  static override description = [
    'Writes the plan (steps, rollback, hazards, and the hash that identifies it) as JSON to --out, or to stdout.',
    'The plan knows the source and target schemas, so a deploy refuses it once the database has changed.',
  ].join('\n');
  static override examples = [
    '<%= config.bin %> plan --out plan.json',
    '<%= config.bin %> plan main --online --lock-timeout 5s --out plan.json',
    '<%= config.bin %> plan --format sql > plan.sql',
    '<%= config.bin %> plan --out plan.json --format markdown > review.md',
  ];
  static override args = { rev: Args.string({ description: 'the revision to plan towards (default: the branch head)' }) };
  static override flags = {
    ...repoFlags,
    ...planningFlags,
    out: Flags.string({ char: 'o', description: 'write the plan JSON to this file (default: stdout)' }),
    format: Flags.option({ options: ['json', 'sql', 'markdown'] as const, description: 'print the plan in this form on stdout (default: json, or nothing with --out)' })(),
  };

  async run(): Promise<Plan> {
    const { args, flags } = await this.parse(PlanCommand);
    const ws = await this.workspace(flags.workspace);
    const ref = { repo: ws.resolveRepo(flags.repo), branch: flags.branch };
    const result = await diff(ws, ref, `@${attachedDatabase(ws, ref)}`, args.rev ?? flags.branch, planningOptions(flags));
    const { plan } = result;
    if (flags.out) {
      try {
        writeFileSync(flags.out, `${JSON.stringify(plan, null, 2)}\n`);
      } catch (err) {
        throw new RedbError('E_WRITE', `cannot write ${flags.out}: ${(err as Error).message}`, 'check the folder exists and is writable');
      }
    }
    if (this.jsonEnabled()) return plan;
    const format = flags.format ?? (flags.out ? undefined : 'json');
    if (format === 'json') this.log(JSON.stringify(plan, null, 2));
    else if (format === 'sql') this.log(renderPlanSql(plan, (await plannerFor(plan.dialect)).ddl.script, { title: `${sideLabel(result.from)} → ${sideLabel(result.to)}` }).trimEnd());
    else if (format === 'markdown') this.log(renderDiffMarkdown(result, (await plannerFor(plan.dialect)).ddl.script, { identity: identityOf(result, ref.repo, ref.branch) }).trimEnd());
    // the summary is for people: on stderr whenever stdout carries the plan itself
    const summary = result.same
      ? `Nothing to plan: ${result.from.label} already has the schema of ${sideLabel(result.to)} (tree ${plan.target.tree.slice(0, 10)}).`
      : `Plan ${plan.hash.slice(0, 12)}: ${sideLabel(result.from)} → ${sideLabel(result.to)}, ${plural(plan.steps.length, 'step')}, rollback ${plural(plan.rollback.length, 'step')}`;
    const lines = [summary, ...(result.same ? [] : [hazardsLine(result) ?? 'no hazards', ...planNotices(plan)]), ...(flags.out ? [`wrote ${flags.out}`] : [])];
    if (format) process.stderr.write(`${lines.join('\n')}\n`);
    else this.log(lines.join('\n'));
    return plan;
  }
}
