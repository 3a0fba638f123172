/**
 * What a three-way merge could not decide. A conflict names the object (by its id in
 * the merged model), the member of a table when it is one (a column, constraint, index,
 * trigger or policy name), the field, and the value on each side (absent: the side
 * has no such object or member). `content` conflicts are different changes to one
 * field; `semantic` ones are found on the merged model as a whole (a reference to
 * something the other side dropped).
 */

/** The three inputs of a merge, as a resolution names them. */
export type MergeSide = 'base' | 'ours' | 'theirs';

export interface MergeConflict {
  readonly kind: 'content' | 'semantic';
  /** Object id in the merged model (a dropped object keeps the id it had on the side that still has it). */
  readonly id: string;
  /** Name of the table member, when the conflict is inside a table. */
  readonly member?: string;
  /** The field: `type`, `definition`, `values`; `(object)` or `(member)` for the whole thing (added twice, changed and dropped). */
  readonly field: string;
  readonly base?: unknown;
  readonly ours?: unknown;
  readonly theirs?: unknown;
  /** One line saying what happened. */
  readonly message: string;
}

/**
 * A resolution pins an object (or one member of a table) to one side: the merge then
 * takes it from that side as a whole (absent there: absent in the result).
 */
export interface MergeResolution {
  readonly id: string;
  readonly member?: string;
  readonly side: MergeSide;
}

/** `public.users` or `public.users.email`: how a conflict is named on the command line. */
export const conflictTarget = (c: { id: string; member?: string }): string => (c.member === undefined ? c.id : `${c.id}.${c.member}`);

/** A field's three values as a conflict (only the sides that have a value carry one). */
export function contentConflict(id: string, member: string | undefined, field: string, values: { base?: unknown; ours?: unknown; theirs?: unknown }, message?: string): MergeConflict {
  const what = member === undefined ? id : `${id} ${member}`;
  return {
    kind: 'content', id, ...(member !== undefined ? { member } : {}), field,
    ...('base' in values && values.base !== undefined ? { base: values.base } : {}),
    ...('ours' in values && values.ours !== undefined ? { ours: values.ours } : {}),
    ...('theirs' in values && values.theirs !== undefined ? { theirs: values.theirs } : {}),
    message: message ?? `${what}: ${field} changed differently on both sides`,
  };
}
