/** Text for deploy and rollback results. */
import type { DeployResult } from '../core/deploy.js';
import type { PlanStep } from '../plan/types.js';
import { paint } from './color.js';
import { planNotices } from './diff-notices.js';

export function renderSteps(steps: readonly PlanStep[]): string {
  return steps
    .map((s, i) => {
      const hz = s.hazards.length ? paint('yellow', ` [${s.hazards.join(', ')}]`) : '';
      return `${paint('dim', `-- ${i + 1}. ${s.comment}`)}${hz}\n${s.sql};`;
    })
    .join('\n');
}

export function renderDeploy(r: DeployResult, verb: string): string {
  const lines: string[] = [];
  for (const i of r.interrupted) lines.push(paint('yellow', `note: an earlier ${i.kind} (${i.id}, started ${i.started_at}) was interrupted after ${i.steps_done}/${i.steps_total} steps; it is now marked interrupted`));
  lines.push(...planNotices(r.plan).map((l) => paint('yellow', l)));
  if (r.status === 'up-to-date') lines.push(`database ${r.database} is already at ${r.commit ? r.commit.slice(0, 10) : 'the target'}: nothing to ${verb}.`);
  else if (r.status === 'dry-run') lines.push(`Dry run: ${r.plan.steps.length} step(s) would ${verb} database ${r.database}${r.plan.hazards.length ? ` (hazards: ${r.plan.hazards.join(', ')})` : ''}:`, renderSteps(r.plan.steps), 'Nothing was changed.');
  else {
    if (r.proof) lines.push(paint('dim', `proven on ${r.proof.scratch}: forward and rollback reach their schemas`));
    const steps = r.resumedFrom ? `${r.plan.steps.length - r.resumedFrom} remaining step(s) of ${r.plan.steps.length}` : `${r.plan.steps.length} step(s)`;
    lines.push(`${paint('green', '✓')} ${verb === 'deploy' ? 'deployed' : 'rolled back'} database ${r.database}${r.commit ? ` to ${r.commit.slice(0, 10)}` : ''}: ${steps}, live schema verified equal to the target, ledger entry ${r.ledgerId}`);
    if (r.branchMove?.moved) lines.push(`branch ${r.branch} moved to ${r.branchMove.to.slice(0, 10)} (it follows its database)`);
    else if (r.branchMove?.reason) lines.push(paint('yellow', `note: ${r.branchMove.reason}; redb status shows what its database holds`));
    if (r.plan.lossyRollback && verb === 'deploy') lines.push(paint('yellow', 'note: the rollback of this deploy cannot restore data it destroyed (lossy)'));
    for (const u of r.replicas ?? []) {
      lines.push(u.status === 'updated' ? `replica ${u.target} (${u.relationship}) has the new schema` : paint('yellow', `note: replica ${u.target} (${u.relationship}) did not get the new schema: ${u.error}; its job adds a new column itself when it meets one`));
    }
  }
  return lines.join('\n');
}
