/**
 * A diff of two commits that reads only the changed files and what the planner looks
 * at beside them (src/core/partial-models.ts) gives the changes and the plan that the
 * whole models give. On pagila introspected from PostgreSQL 15, changed in memory the
 * ways schemas change: column types read by views, added and dropped columns, dropped
 * tables and views, renamed tables and columns, functions, enums, domains; each pair
 * is written as two trees of a real repository, as commits write them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { modelIndex, saveModelIndex } from '../../src/core/model-index.js';
import { partialModels } from '../../src/core/partial-models.js';
import { diffModels } from '../../src/diff/index.js';
import { createPlan } from '../../src/plan/index.js';
import * as vcs from '../../src/vcs/index.js';
import { canonicalJson, modelToFiles, type Column, type DbObject, type Model, type RenameIntent, type Table } from '../../unified-model/index.js';
import { CORPUS, freshPgDatabase, PG_URL, psqlFile } from '../support/live.js';

const ddl = postgresAdapter.ddl!;

function mapObjects(m: Model, f: (o: DbObject) => DbObject | undefined): Model {
  return { ...m, objects: m.objects.flatMap((o) => f(o) ?? []) };
}
const withTable = (m: Model, id: string, change: (t: Table) => Table): Model => mapObjects(m, (o) => (o.id === id && o.kind === 'table' ? change(o) : o));
const withColumn = (t: Table, name: string, change: (c: Column) => Column): Table => ({ ...t, columns: t.columns.map((c) => (c.name === name ? change(c) : c)) });
const numeric = (p: number) => ({ native: `numeric(${p},2)`, logical: { kind: 'decimal', precision: p, scale: 2 } }) as const;
const text = { native: 'text', logical: { kind: 'text' } } as const;

describe.skipIf(!PG_URL)('partial diffs of two commits, on pagila', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let pagila: Model;
  let gitDir: string;
  let tmp: string;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_partial');
    psqlFile(db.url, join(CORPUS, 'pagila/_derived/pagila-schema.pg15.sql'));
    const conn = await postgresAdapter.connect(db.url);
    pagila = await postgresAdapter.introspect(conn);
    await conn.close();
    tmp = mkdtempSync(join(tmpdir(), 'redb-partial-'));
    gitDir = join(tmp, 'repo.git');
    await vcs.initRepo(gitDir);
  });
  afterAll(async () => {
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function commitTree(m: Model): Promise<string> {
    const tree = await vcs.writeTree(gitDir, modelToFiles(m));
    await saveModelIndex(gitDir, tree, m);
    return tree;
  }

  const planOf = (from: Model, to: Model, source: string, target: string, renames: readonly RenameIntent[], changes?: ReturnType<typeof diffModels>) =>
    createPlan({ from, to, source: { tree: source }, target: { tree: target }, ddl, renames, options: { online: true }, ...(changes ? { changes } : {}) });

  /** The partial read of from → to, checked against the whole models; returns how many objects it read. */
  async function same(from: Model, to: Model, renames: readonly RenameIntent[] = []): Promise<number> {
    const [a, b] = [await commitTree(from), await commitTree(to)];
    const partial = await partialModels(gitDir, a, b, renames);
    expect(partial, 'read partially').toBeDefined();
    const changes = diffModels(partial!.from, partial!.to, renames);
    const whole = diffModels(from, to, renames);
    expect(canonicalJson(changes)).toBe(canonicalJson(whole));
    expect(whole.length).toBeGreaterThan(0);
    const fast = planOf(partial!.from, partial!.to, a, b, renames, changes);
    expect(fast).toEqual(planOf(from, to, a, b, renames));
    return partial!.filesRead;
  }

  it('a column type read by views: the views are re-created, as from the whole models', async () => {
    const to = withTable(pagila, 'public.film', (t) => withColumn(t, 'rental_rate', (c) => ({ ...c, type: numeric(6) })));
    const read = await same(pagila, to);
    expect(read).toBeLessThan(pagila.objects.length / 2);
    const p = planOf(pagila, to, 'a', 'b', []);
    expect(p.steps.some((s) => s.change.type === 'drop' && s.change.kind === 'view')).toBe(true);
  });

  it('added, dropped and retyped columns, a dropped view, a new table', async () => {
    let to = withTable(pagila, 'public.customer', (t) => ({ ...t, columns: [...t.columns, { name: 'nickname', type: text, nullable: true }] }));
    to = withTable(to, 'public.staff', (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== 'picture') }));
    to = withTable(to, 'public.film', (t) => withColumn(t, 'replacement_cost', (c) => ({ ...c, type: numeric(7) })));
    to = mapObjects(to, (o) => (o.id === 'public.actor_info' ? undefined : o));
    const country = pagila.objects.find((o) => o.id === 'public.country') as Table;
    to = { ...to, objects: [...to.objects, { ...country, id: 'public.region', name: 'region', foreignKeys: [], indexes: [], triggers: [] }].sort((x, y) => (x.id < y.id ? -1 : 1)) };
    await same(pagila, to);
  });

  it('a dropped table with the views that read it', async () => {
    const readers = new Set(pagila.objects.filter((o) => 'dependsOn' in o && o.dependsOn?.includes('public.film_category')).map((o) => o.id));
    const to = mapObjects(pagila, (o) => (o.id === 'public.film_category' || readers.has(o.id) ? undefined : o));
    await same(pagila, to);
  });

  it('a renamed table and a renamed column, by rename intents', async () => {
    const lang = pagila.objects.find((o) => o.id === 'public.language') as Table;
    let to = mapObjects(pagila, (o) => (o.id === 'public.language' ? { ...lang, id: 'public.languages', name: 'languages' } : o));
    to = { ...to, objects: to.objects.sort((x, y) => (x.id < y.id ? -1 : 1)) };
    to = withTable(to, 'public.actor', (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'last_update' ? { ...c, name: 'updated_at' } : c)) }));
    await same(pagila, to, [{ from: 'public.language', to: 'public.languages' }, { from: 'public.actor.last_update', to: 'public.actor.updated_at' }]);
  });

  it('a changed function, an enum value added, a domain changed', async () => {
    let to = mapObjects(pagila, (o) => (o.id.startsWith('public.last_day(') && 'definition' in o ? { ...o, definition: `${String(o.definition)} ` } : o));
    to = mapObjects(to, (o) => (o.kind === 'enum' && o.id === 'public.mpaa_rating' ? { ...o, values: [...o.values, 'X'] } : o));
    await same(pagila, to);
    const year = pagila.objects.find((o) => o.kind === 'domain' && o.id === 'public.year');
    expect(year).toBeDefined();
    await same(pagila, mapObjects(pagila, (o) => (o.id === 'public.year' && o.kind === 'domain' ? { ...o, nullable: !o.nullable } : o)));
  });

  it('every table with a column retyped, one at a time and all at once', async () => {
    const tables = pagila.objects.filter((o): o is Table => o.kind === 'table' && !o.partitionOf && !o.inherits?.length);
    const retype = (m: Model, t: Table) => withTable(m, t.id, (x) => withColumn(x, x.columns.at(-1)!.name, (c) => ({ ...c, type: c.type.native === 'text' ? { native: 'character varying(300)', logical: { kind: 'string', length: 300 } } : text })));
    for (const t of tables) await same(pagila, retype(pagila, t));
    await same(pagila, tables.reduce(retype, pagila));
  });

  it('refuses the partial read where a rule looks further: a changed partition, a tree without an index', async () => {
    const part = pagila.objects.find((o): o is Table => o.kind === 'table' && o.partitionOf !== undefined)!;
    const to = withTable(pagila, part.id, (t) => ({ ...t, columns: [...t.columns, { name: 'note', type: text, nullable: true }] }));
    const [a, b] = [await commitTree(pagila), await commitTree(to)];
    expect(await partialModels(gitDir, a, b, [])).toBeUndefined();
    const bare = await vcs.writeTree(gitDir, modelToFiles(withTable(pagila, 'public.actor', (t) => ({ ...t, columns: [...t.columns, { name: 'unindexed', type: text, nullable: true }] }))));
    expect(await partialModels(gitDir, a, bare, [])).toBeUndefined();
  });

  it('the index is derived from the model alone: the same model gives the same index', () => {
    const again: Model = { ...pagila, objects: [...pagila.objects].reverse() };
    expect(modelIndex(again).entries.map((e) => e.path).sort()).toEqual(modelIndex(pagila).entries.map((e) => e.path).sort());
    const film = modelIndex(pagila).entries.find((e) => e.id === 'public.film')!;
    expect(film.refs).toEqual(expect.arrayContaining(['public.language', 'public.mpaa_rating']));
  });
});
