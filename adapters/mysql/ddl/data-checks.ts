/**
 * Checks of the live data before a plan runs, for changes that fail on some rows in a
 * strict sql_mode: a column made NOT NULL that holds NULLs, a new unique key over
 * duplicates, a new foreign key over rows without a match (the plan adds keys with
 * foreign_key_checks off, so the server would not see them), a narrower type over
 * values it cannot hold. DDL does not roll back: a check that fails before the plan
 * leaves nothing half-done. Each is one query counting the rows, written against the source schema.
 */
import type { Column, Model, Table } from '../../../unified-model/index.js';
import type { DataCheck } from '../../types.js';
import { cols, lit, q } from './quote.js';

/** The range of an integer type of `bits`, signed or not, as SQL numbers. */
function intRange(bits: number, unsigned: boolean): [string, string] {
  const max = (1n << BigInt(unsigned ? bits : bits - 1)) - 1n;
  return [unsigned ? '0' : `-${max + 1n}`, `${max}`];
}

/**
 * The rows of `from`'s column that `to`'s narrower type cannot hold (a strict sql_mode
 * refuses the ALTER on them, part-way through a plan that cannot roll back): longer
 * strings, integers out of range, enum values that go away. Undefined when nothing narrows.
 */
function narrowingCondition(from: Column, to: Column): string | undefined {
  const a = from.type.logical;
  const b = to.type.logical;
  const c = q(from.name);
  if ((a.kind === 'string' || a.kind === 'text') && b.kind === 'string' && b.length !== undefined && (a.kind === 'text' || (a.length ?? Infinity) > b.length)) return `char_length(${c}) > ${b.length}`;
  if ((a.kind === 'string' || a.kind === 'text') && b.kind === 'text' && b.maxBytes !== undefined && (a.kind === 'string' || (a.maxBytes ?? Infinity) > b.maxBytes)) return `octet_length(${c}) > ${b.maxBytes}`;
  if (a.kind === 'integer' && b.kind === 'integer') {
    const [lo, hi] = intRange(b.bits, !!b.unsigned);
    const [alo, ahi] = intRange(a.bits, !!a.unsigned);
    if (BigInt(lo) > BigInt(alo) || BigInt(hi) < BigInt(ahi)) return `(${c} < ${lo} OR ${c} > ${hi})`;
  }
  if (a.kind === 'enum' && b.kind === 'enum' && b.values && (a.values ?? []).some((v) => !b.values!.includes(v))) return `${c} NOT IN (${b.values.map(lit).join(', ')})`;
  return undefined;
}

const tablesOf = (m: Model): Map<string, Table> => new Map(m.objects.flatMap((o) => (o.kind === 'table' ? [[o.id, o] as const] : [])));

export function dataChecks(from: Model, to: Model): DataCheck[] {
  const before = tablesOf(from);
  const out: DataCheck[] = [];
  for (const [id, t] of tablesOf(to)) {
    const old = before.get(id);
    if (!old) continue;
    for (const c of t.columns) {
      const was = old.columns.find((o) => o.name === c.name);
      if (was && was.nullable && !c.nullable && !c.generated) {
        out.push({ object: `${id}.${c.name}`, rows: 'NULL rows', fails: 'NOT NULL', sql: `SELECT count(*) AS n FROM ${q(t.name)} WHERE ${q(c.name)} IS NULL` });
      }
      const narrower = was && !was.generated && !c.generated ? narrowingCondition(was, c) : undefined;
      if (narrower) out.push({ object: `${id}.${c.name}`, rows: `values ${c.type.native} cannot hold`, fails: `the type ${c.type.native}`, sql: `SELECT count(*) AS n FROM ${q(t.name)} WHERE ${narrower}` });
    }
    for (const fk of t.foreignKeys ?? []) {
      const kept = (old.foreignKeys ?? []).some((o) => o.name === fk.name && JSON.stringify(o) === JSON.stringify(fk));
      const parent = before.get(fk.references);
      // only rows that exist before the plan: a new table or column has none
      if (kept || !parent || !fk.columns.every((n) => old.columns.some((c) => c.name === n)) || !fk.referencedColumns.every((n) => parent.columns.some((c) => c.name === n))) continue;
      const join = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i])} = c.${q(c)}`).join(' AND ');
      out.push({
        object: `${id}.${fk.name}`, rows: `rows without a match in ${fk.references}`, fails: `the foreign key ${fk.name}`,
        sql: `SELECT count(*) AS n FROM ${q(t.name)} AS c WHERE ${fk.columns.map((n) => `c.${q(n)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${q(parent.name)} AS p WHERE ${join})`,
      });
    }
    const uniques = [...(t.uniques ?? []).map((u) => ({ name: u.name, columns: u.columns })), ...(t.primaryKey ? [{ name: 'PRIMARY', columns: t.primaryKey.columns }] : [])];
    const oldUniques = new Set([...(old.uniques ?? []).map((u) => u.columns.join('\0')), ...(old.primaryKey ? [old.primaryKey.columns.join('\0')] : [])]);
    for (const u of uniques) {
      if (oldUniques.has(u.columns.join('\0')) || !u.columns.every((n) => old.columns.some((c) => c.name === n))) continue;
      out.push({
        object: `${id}.${u.name}`, rows: 'duplicate rows', fails: 'UNIQUE',
        sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${q(t.name)} WHERE ${u.columns.map((n) => `${q(n)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols(u.columns)} HAVING count(*) > 1) AS d`,
      });
    }
  }
  return out;
}
