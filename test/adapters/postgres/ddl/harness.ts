/**
 * Live round trips for the DDL generator: a `from` schema and a `to` schema are built
 * with SQL in two databases, the differ's changes become plan units (ordered here in
 * a simple, planner-independent way), the generator's statements run on the first
 * database, and its model must then equal the second's.
 */
import { postgresAdapter } from '../../../../adapters/postgres/index.js';
import { postgresDdl } from '../../../../adapters/postgres/ddl/index.js';
import type { Connection, DdlOptions, PlanUnit, Statement } from '../../../../adapters/types.js';
import { diffModels } from '../../../../src/diff/index.js';
import { modelToFiles, objectId, type Change, type DbObject, type Model, type Sequence, type Table, type TableChange } from '../../../../unified-model/index.js';
import { freshPgDatabase, PG_URL } from '../../../support/live.js';

/** Roles the cases grant to; roles are cluster-wide, so they are made idempotently. */
export const ROLES_SQL = ['redb_ddl_a', 'redb_ddl_b', 'redb_reader']
  .map((r) => `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}') THEN CREATE ROLE ${r}; END IF; END $$;`)
  .join('\n');

/** Two databases of one engine, emptied between cases. */
export interface Pair {
  readonly name: string;
  a: Connection;
  b: Connection;
  close(): Promise<void>;
}

export async function pglitePair(): Promise<Pair> {
  const [a, b] = await Promise.all([postgresAdapter.connect('pglite://memory'), postgresAdapter.connect('pglite://memory')]);
  await a.exec(ROLES_SQL);
  await b.exec(ROLES_SQL);
  return { name: 'pglite', a, b, close: async () => { await a.close(); await b.close(); } };
}

export async function serverPair(): Promise<Pair> {
  if (!PG_URL) throw new Error('REDB_TEST_PG_URL is not set');
  const [da, db] = await Promise.all([freshPgDatabase('redb_ddl'), freshPgDatabase('redb_ddl')]);
  const [a, b] = await Promise.all([postgresAdapter.connect(da.url), postgresAdapter.connect(db.url)]);
  await a.exec(ROLES_SQL);
  return { name: 'server', a, b, close: async () => { await a.close(); await b.close(); await da.drop(); await db.drop(); } };
}

/** Empties a database: every user schema and extension (plpgsql stays), and a new public schema as initdb makes it. */
export async function reset(conn: Connection): Promise<void> {
  await conn.exec('RESET ALL');
  const schemas = await conn.query<{ n: string }>(
    "SELECT quote_ident(nspname) AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema')",
  );
  const exts = await conn.query<{ n: string }>("SELECT quote_ident(extname) AS n FROM pg_extension WHERE extname <> 'plpgsql'");
  for (const e of exts) await conn.exec(`DROP EXTENSION ${e.n} CASCADE`);
  for (const s of schemas) await conn.exec(`DROP SCHEMA ${s.n} CASCADE`);
  await conn.exec(`CREATE SCHEMA public; ALTER SCHEMA public OWNER TO pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC;
    COMMENT ON SCHEMA public IS 'standard public schema'`);
}

/** The order kinds are visited in (not every dependency is in `dependsOn`, e.g. a column's collation). */
const KIND_RANK = ['schema', 'extension', 'collation', 'enum', 'domain', 'composite-type', 'sequence', 'function', 'procedure', 'aggregate', 'table', 'view', 'materialized-view'];

/** Objects sorted so that each comes after what it depends on (tables ignore other tables: FKs are units). */
function topo(objects: readonly DbObject[]): DbObject[] {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const out: DbObject[] = [];
  const seen = new Set<string>();
  const needs = (o: DbObject): string[] => [
    ...('dependsOn' in o ? (o.dependsOn ?? []).filter((d) => !(o.kind === 'table' && byId.get(d)?.kind === 'table')) : []),
    ...('schema' in o && o.kind !== 'extension' ? [objectId(o.schema)] : []),
    ...(o.kind === 'table' ? [...(o.partitionOf ? [o.partitionOf.parent] : []), ...(o.inherits ?? [])] : []),
  ];
  const visit = (o: DbObject) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    for (const d of needs(o)) { const x = byId.get(d); if (x) visit(x); }
    out.push(o);
  };
  [...objects].sort((x, y) => KIND_RANK.indexOf(x.kind) - KIND_RANK.indexOf(y.kind)).forEach(visit);
  return out;
}

const DROP_ORDER: TableChange['type'][] = ['drop-trigger', 'drop-policy', 'detach-partition', 'drop-constraint', 'drop-index', 'drop-column'];
const ADD_ORDER: TableChange['type'][] = [
  'set-partitioning', 'rename-column', 'add-column', 'alter-column', 'set-options', 'set-unlogged', 'attach-partition', 'add-constraint', 'set-inherits', 'add-index', 'add-trigger',
  'add-policy', 'alter-policy', 'set-row-level-security', 'set-comment', 'set-grants',
];
const isFk = (c: TableChange) => (c.type === 'add-constraint' || c.type === 'drop-constraint') && c.constraint.kind === 'foreign-key';

/** The differ's changes as plan units in an order that works for the cases here. */
export function unitsFor(changes: readonly Change[], from: Model, to: Model): PlanUnit[] {
  const memberDrops: PlanUnit[] = [];
  const memberAdds: PlanUnit[] = [];
  const drops: DbObject[] = [];
  const creates: DbObject[] = [];
  const alters = new Map<string, PlanUnit>();
  const renames: PlanUnit[] = [];
  const late: PlanUnit[] = [];
  for (const c of changes) {
    if (c.type === 'alter-table') {
      for (const m of c.changes) (DROP_ORDER.includes(m.type) ? memberDrops : memberAdds).push({ type: 'table', from: c.from, to: c.to, change: m });
    } else if (c.type === 'rename') renames.push(c);
    else if (c.type === 'drop') drops.push(c.object);
    else if (c.type === 'create') creates.push(c.object);
    else if (postgresDdl.alterMode(c.from, c.to) === 'replace') { drops.push(c.from); creates.push(c.to); }
    else alters.set(c.to.id, c);
  }
  // a dropped table loses its foreign keys first; a created one gets its members after every table exists
  for (const t of drops) if (t.kind === 'table') for (const def of t.foreignKeys ?? []) memberDrops.push({ type: 'table', from: t, to: { ...t, foreignKeys: [] }, change: { type: 'drop-constraint', constraint: { kind: 'foreign-key', def } } });
  const createUnits: PlanUnit[] = [];
  for (const o of topo([...creates, ...[...alters.values()].map((u) => (u as { to: DbObject }).to)])) {
    const alter = alters.get(o.id);
    if (alter && !creates.includes(o)) { (o.kind === 'view' || o.kind === 'materialized-view' ? late : createUnits).push(alter); continue; }
    if (o.kind === 'table') {
      const bare: Table = { ...o, foreignKeys: undefined, indexes: undefined, triggers: undefined, policies: undefined };
      createUnits.push({ type: 'create', object: bare });
      const members: TableChange[] = [
        ...(o.indexes ?? []).map((index) => ({ type: 'add-index', index }) as const),
        ...(o.foreignKeys ?? []).map((def) => ({ type: 'add-constraint', constraint: { kind: 'foreign-key', def } }) as const),
        ...(o.triggers ?? []).map((trigger) => ({ type: 'add-trigger', trigger }) as const),
        ...(o.policies ?? []).map((policy) => ({ type: 'add-policy', policy }) as const),
      ];
      memberAdds.push(...members.map((change) => ({ type: 'table', from: bare, to: o, change }) as PlanUnit));
    } else if (o.kind === 'sequence' && o.ownedBy) {
      const bare: Sequence = { ...o, ownedBy: undefined };
      createUnits.push({ type: 'create', object: bare });
      late.push({ type: 'alter', from: bare, to: o });
    } else (o.kind === 'view' || o.kind === 'materialized-view' ? late : createUnits).push({ type: 'create', object: o });
  }
  const rank = (u: PlanUnit, order: TableChange['type'][]) => (u.type === 'table' ? order.indexOf(u.change.type) * 2 + (isFk(u.change) ? (order === DROP_ORDER ? -1 : 1) : 0) : 0);
  memberDrops.sort((x, y) => rank(x, DROP_ORDER) - rank(y, DROP_ORDER));
  memberAdds.sort((x, y) => rank(x, ADD_ORDER) - rank(y, ADD_ORDER));
  // an owned sequence goes with its table or column
  const droppedColumns = new Set(memberDrops.flatMap((u) => (u.type === 'table' && u.change.type === 'drop-column' ? [`${u.from.id}.${u.change.column.name}`] : [])));
  const gone = (s: DbObject) => s.kind === 'sequence' && !!s.ownedBy && (drops.some((t) => t.kind === 'table' && s.ownedBy!.startsWith(`${t.id}.`)) || droppedColumns.has(s.ownedBy));
  const dropUnits = topo(drops.filter((o) => !gone(o))).reverse().map((object) => ({ type: 'drop', object }) as PlanUnit);
  // views first, as they read what else is dropped
  dropUnits.sort((x, y) => Number((y as { object: DbObject }).object.kind.includes('view')) - Number((x as { object: DbObject }).object.kind.includes('view')));
  // objects leave a schema before it is renamed, and enter one after
  const renamedSchemas = new Set(renames.flatMap((u) => (u.type === 'rename' && u.from.kind === 'schema' ? [u.from.name] : [])));
  const leaving = (u: PlanUnit) => u.type === 'rename' && u.from.kind !== 'schema' && 'schema' in u.from && renamedSchemas.has(u.from.schema);
  const orderedRenames = [...renames.filter(leaving), ...renames.filter((u) => u.type === 'rename' && u.from.kind === 'schema'), ...renames.filter((u) => !leaving(u) && !(u.type === 'rename' && u.from.kind === 'schema'))];
  return [...memberDrops, ...dropUnits, ...orderedRenames, ...createUnits, ...memberAdds, ...late];
}

export interface RoundTrip {
  readonly statements: Statement[];
  readonly before: Model;
  readonly after: Model;
  readonly target: Model;
  /** Paths of canonical files that differ between the result and the target. */
  readonly differences: string[];
}

/** Builds both schemas, applies the generated statements to `a`, and compares. */
export async function roundTrip(pair: Pair, fromSql: string, toSql: string, options: DdlOptions = {}, renames: { from: string; to: string }[] = []): Promise<RoundTrip> {
  await Promise.all([reset(pair.a), reset(pair.b)]);
  if (fromSql) await pair.a.exec(fromSql);
  if (toSql) await pair.b.exec(toSql);
  const before = await postgresAdapter.introspect(pair.a);
  const target = await postgresAdapter.introspect(pair.b);
  const ctx = { from: before, to: target, options };
  const statements = unitsFor(diffModels(before, target, renames), before, target).flatMap((u) => postgresDdl.statements(u, ctx));
  for (const s of postgresDdl.preamble) await pair.a.exec(s);
  for (const s of statements) {
    try {
      await pair.a.exec(s.sql);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n  in: ${s.sql}\n  all:\n${statements.map((x) => `    ${x.sql};`).join('\n')}`);
    }
  }
  await pair.a.exec('RESET ALL');
  const after = await postgresAdapter.introspect(pair.a);
  const fa = new Map(modelToFiles(after).map((f) => [f.path, f.content]));
  const fb = new Map(modelToFiles(target).map((f) => [f.path, f.content]));
  const differences = [...new Set([...fa.keys(), ...fb.keys()])].filter((p) => fa.get(p) !== fb.get(p)).sort();
  return { statements, before, after, target, differences };
}

/** A readable explanation of what differs, for assertion messages. */
export function explain(r: RoundTrip): string {
  const fa = new Map(modelToFiles(r.after).map((f) => [f.path, f.content]));
  const fb = new Map(modelToFiles(r.target).map((f) => [f.path, f.content]));
  return [
    ...r.differences.map((p) => `--- ${p}\ngot:\n${fa.get(p) ?? '(none)'}\nwant:\n${fb.get(p) ?? '(none)'}`),
    'statements:',
    ...r.statements.map((s) => `  ${s.sql};`),
  ].join('\n');
}
