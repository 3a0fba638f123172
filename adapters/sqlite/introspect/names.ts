/**
 * Names for constraints written without one. SQLite keeps no name for them, but the
 * model needs one to tell constraints apart and to match them between two models; the
 * names PostgreSQL would give (`t_pkey`, `t_a_b_key`, `t_a_fkey`, `t_a_check`,
 * `t_check`, numbered on a clash) are deterministic in the table's text, so the same
 * table always reads the same, and a model translated from PostgreSQL keeps its names.
 * The DDL may write them out (`CONSTRAINT t_pkey …`): the table then reads the same.
 */

/** Hands out names, never one already taken by a named constraint or an earlier one. */
export class ConstraintNamer {
  private readonly taken: Set<string>;

  constructor(
    private readonly table: string,
    named: readonly (string | undefined)[],
  ) {
    this.taken = new Set(named.filter((n): n is string => !!n).map((n) => n.toLowerCase()));
  }

  /** `name` when given, else `<table>_<parts>_<suffix>` made unique with a number. */
  name(given: string | undefined, parts: readonly string[], suffix: string): string {
    if (given) return given;
    const base = [this.table, ...parts, suffix].join('_');
    let candidate = base;
    for (let n = 1; this.taken.has(candidate.toLowerCase()); n++) candidate = `${base}${n}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
