/**
 * Which source tables a replication carries: `tables` of the relationship (by name or
 * schema-qualified id) or every table of the source, parents before children (foreign
 * keys), so an apply writes a parent row before the rows that reference it.
 */
import type { Model, Table } from '../../../unified-model/index.js';
import { usageError } from '../../errors.js';
import type { RelationshipInfo } from '../relationships.js';

export function pickTables(model: Model, rel: RelationshipInfo): Table[] {
  const all = model.objects.filter((o): o is Table => o.kind === 'table' && !(o as Table).partitioning);
  let picked = all;
  if (rel.tables?.length) {
    picked = rel.tables.map((name) => {
      const hits = all.filter((t) => t.id === name || t.name === name);
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) throw usageError('E_AMBIGUOUS', `table ${name} of relationship ${rel.name} is in several schemas (${hits.map((t) => t.id).join(', ')})`, 'name it with its schema, e.g. public.users');
      throw usageError('E_NO_OBJECT', `relationship ${rel.name} names table ${name}, which the source database ${rel.source} does not have`, `check the relationship's tables: redb relationship show ${rel.name}`);
    });
  }
  const keyless = picked.filter((t) => !t.primaryKey?.columns.length);
  if (keyless.length && !rel.replicaIdentityFull) {
    throw usageError(
      'E_NO_PRIMARY_KEY',
      `replication needs a primary key on every table, and ${keyless.map((t) => t.id).join(', ')} ${keyless.length > 1 ? 'have' : 'has'} none: a change to such a row cannot be found on the target`,
      'add a primary key, leave the table out (--tables), or accept REPLICA IDENTITY FULL on the source: redb relationship add … --replica-identity-full',
    );
  }
  return byDependency(picked);
}

/** Parents first: a table comes after every picked table it references (cycles keep model order). */
function byDependency(tables: Table[]): Table[] {
  const ids = new Set(tables.map((t) => t.id));
  const out: Table[] = [];
  const seen = new Set<string>();
  const byId = new Map(tables.map((t) => [t.id, t]));
  const visit = (t: Table, path: Set<string>) => {
    if (seen.has(t.id) || path.has(t.id)) return;
    path.add(t.id);
    for (const fk of t.foreignKeys ?? []) if (ids.has(fk.references) && fk.references !== t.id) visit(byId.get(fk.references)!, path);
    seen.add(t.id);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

export const keyColumns = (t: Table): readonly string[] => t.primaryKey?.columns.length ? t.primaryKey.columns : t.columns.map((c) => c.name);
