/**
 * The property behind the merge, on generated schema pairs: when the two sides touch
 * different objects, merging A into B and B into A give the same tree, without a
 * conflict, and every touched object comes out as the side that touched it left it.
 * A small seeded generator (mulberry32): a failing seed is printed and replays.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, type Column, type DbObject, type Model, type RenameIntent, type Table } from '../../unified-model/index.js';
import { mergeModels } from '../../src/diff/index.js';
import { modelTreeOid } from '../../src/vcs/index.js';
import { enumType, fk, int, model, table, text, view } from './merge-fixtures.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof rng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function baseModel(r: Rand): Model {
  const objects: DbObject[] = [];
  const n = 3 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const cols: Column[] = [int('id', { nullable: false }), ...Array.from({ length: 1 + Math.floor(r() * 4) }, (_, j) => (r() < 0.5 ? int(`c${j}`) : text(`c${j}`)))];
    const refs = i > 0 && r() < 0.4 ? [fk(`t${i}_fk`, ['c0'], `t${Math.floor(r() * i)}`, ['id'])] : [];
    objects.push(table(`t${i}`, cols, refs.length ? { foreignKeys: refs, dependsOn: [refs[0].references] } : {}));
  }
  objects.push(enumType('e0', ['a', 'b']), enumType('e1', ['x']));
  objects.push(view('v0', 'SELECT id FROM t0', { t0: ['id'] }));
  return model(...objects);
}

/** One side's edit of its own objects: the new model and the renames it recorded. */
function edit(r: Rand, base: Model, mine: ReadonlySet<string>, side: string): { model: Model; renames: RenameIntent[] } {
  const referenced = new Set(base.objects.flatMap((o) => [...('dependsOn' in o ? (o.dependsOn ?? []) : []), ...(o.kind === 'table' ? (o.foreignKeys ?? []).map((f) => f.references) : [])]));
  const renames: RenameIntent[] = [];
  const objects: DbObject[] = [];
  for (const o of base.objects) {
    if (!mine.has(o.id)) { objects.push(o); continue; }
    const roll = r();
    if (roll < 0.15 && !referenced.has(o.id)) continue; // dropped
    if (o.kind === 'enum') { objects.push({ ...o, values: [...o.values, `${side}${Math.floor(r() * 3)}`] }); continue; }
    if (o.kind === 'view') { objects.push({ ...o, comment: `by ${side}` }); continue; }
    if (o.kind !== 'table') { objects.push(o); continue; }
    let t: Table = o;
    const free = t.columns.filter((c) => c.name !== 'id' && !(t.foreignKeys ?? []).some((f) => f.columns.includes(c.name)) && !(o.id === 'public.t0'));
    if (r() < 0.5) t = { ...t, columns: [...t.columns, text(`${side}_new`)] };
    if (free.length && r() < 0.4) {
      const c = pick(r, free);
      t = { ...t, columns: t.columns.map((x) => (x.name === c.name ? { ...x, nullable: !x.nullable, comment: side } : x)) };
    }
    if (free.length && r() < 0.3) {
      const c = pick(r, free);
      const to = `${c.name}_${side}`;
      renames.push({ from: `${o.id}.${c.name}`, to: `${o.id}.${to}` });
      t = { ...t, columns: t.columns.map((x) => (x.name === c.name ? { ...x, name: to } : x)) };
    }
    if (r() < 0.3) t = { ...t, indexes: [...(t.indexes ?? []), { name: `${t.name}_${side}_idx`, unique: false, method: 'btree', keys: [{ column: 'id' }], definition: `CREATE INDEX ${t.name}_${side}_idx ON ${t.id} USING btree (id)` }] };
    if (t === o) t = { ...t, comment: `touched by ${side}` };
    objects.push(t);
  }
  // new objects of this side only
  if (r() < 0.6) objects.push(table(`${side}_table`, [int('id'), text('v')]));
  return { model: model(...objects), renames };
}

describe('merge property: sides touching different objects', () => {
  it('merging A into B and B into A give the same tree, cleanly, with each side\'s objects as it left them', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const base = baseModel(r);
      const ids = base.objects.map((o) => o.id);
      const mineA = new Set(ids.filter(() => r() < 0.4));
      const mineB = new Set(ids.filter((id) => !mineA.has(id) && r() < 0.6));
      const a = edit(r, base, mineA, 'a');
      const b = edit(r, base, mineB, 'b');
      const ab = mergeModels({ base, ours: a.model, theirs: b.model, renames: { ours: a.renames, theirs: b.renames } });
      const ba = mergeModels({ base, ours: b.model, theirs: a.model, renames: { ours: b.renames, theirs: a.renames } });
      const where = `seed ${seed}`;
      expect(ab.conflicts, where).toEqual([]);
      expect(ba.conflicts, where).toEqual([]);
      expect(modelTreeOid(ab.model), where).toBe(modelTreeOid(ba.model));
      const merged = new Map(ab.model.objects.map((o) => [o.id, canonicalJson(o)]));
      for (const [side, mine] of [[a, mineA], [b, mineB]] as const) {
        for (const o of side.model.objects) if (mine.has(o.id) || !ids.includes(o.id)) expect(merged.get(o.id), `${where} ${o.id}`).toBe(canonicalJson(o));
      }
    }
  });
});
