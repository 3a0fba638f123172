/** A grouped plan unit (`table-group`) seen as the member units it stands for. */
import type { PlanUnit } from '../../adapters/types.js';

/** The member changes of a grouped unit, each as the unit it would be on its own. */
export const membersOf = (u: Extract<PlanUnit, { type: 'table-group' }>): Extract<PlanUnit, { type: 'table' }>[] =>
  u.changes.map((change) => ({ type: 'table', from: u.from, to: u.to, change }));
