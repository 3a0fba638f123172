/** Hand-built diff results for the viewer's tests: a small one with every badge, and a generated large one. */
import type { Column, Table, View } from '../../../unified-model/index.js';
import type { DiffResult } from '../../../src/core/diff.js';
import type { Plan, PlanStep } from '../../../src/plan/types.js';
import { postgresDdl } from '../../../adapters/postgres/ddl/index.js';

export const framing = postgresDdl.script;

const col = (name: string, native: string, nullable = true): Column => ({
  name, type: { native, logical: native === 'text' ? { kind: 'text' } : { kind: 'integer', bits: 32 } }, nullable,
});
const table = (schema: string, name: string, columns: Column[]): Table => ({ kind: 'table', id: `${schema}.${name}`, schema, name, columns });
const view = (name: string, definition: string): View => ({ kind: 'view', id: `public.${name}`, schema: 'public', name, definition, columns: [] });

const step = (id: string, kind: string, sql: string, comment: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  sql, comment, change: { type: 'x', kind, id }, hazards: [], transactional: true, ...extra,
});

const oldUsers = table('public', 'users', [col('id', 'integer', false), col('email', 'character varying(100)', false), col('age', 'integer')]);
const newUsers = table('public', 'users', [col('id', 'integer', false), col('email', 'text'), col('nickname', 'text')]);
const people = table('public', 'people', [col('id', 'integer', false)]);
const members = table('public', 'members', [col('id', 'integer', false)]);

/** Five objects in two schemas: a table changed (with data loss), a view changed, one added, one dropped, one renamed. */
export function smallResult(): DiffResult {
  const plan: Plan = {
    formatVersion: 1,
    dialect: 'postgres',
    source: { tree: 'a'.repeat(40), commit: '1'.repeat(40) },
    target: { tree: 'b'.repeat(40), commit: '2'.repeat(40) },
    preamble: [],
    steps: [
      step('public.users', 'table', 'ALTER TABLE public.users DROP COLUMN age', 'drop column public.users.age', { hazards: ['data-loss'], lossyReverse: true }),
      step('public.users', 'table', 'ALTER TABLE public.users ADD COLUMN nickname text', 'add column public.users.nickname'),
      step('public.active', 'view', 'CREATE OR REPLACE VIEW public.active AS SELECT id, email FROM users WHERE true', 'replace view public.active'),
      step('audit.log', 'table', 'CREATE TABLE audit.log (id integer)', 'create table audit.log'),
      step('public.mood', 'enum', 'DROP TYPE public.mood', 'drop enum public.mood', { hazards: ['data-loss'] }),
      step('public.members', 'table', 'ALTER TABLE public.people RENAME TO members', 'rename table public.people to members'),
    ],
    rollback: [
      step('public.people', 'table', 'ALTER TABLE public.members RENAME TO people', 'rename table public.members to people'),
      step('public.mood', 'enum', "CREATE TYPE public.mood AS ENUM ('sad', 'ok')", 'create enum public.mood'),
      step('public.users', 'table', 'ALTER TABLE public.users ADD COLUMN age integer', 'add column public.users.age'),
    ],
    hazards: ['data-loss'],
    lossyRollback: true,
    hash: 'f'.repeat(64),
  };
  return {
    from: { label: 'main~1', tree: plan.source.tree, commit: plan.source.commit },
    to: { label: 'main', tree: plan.target.tree, commit: plan.target.commit },
    same: false,
    changes: [
      {
        type: 'alter-table', from: oldUsers, to: newUsers, changes: [
          { type: 'drop-column', column: oldUsers.columns[2] },
          { type: 'alter-column', from: oldUsers.columns[1], to: newUsers.columns[1] },
          { type: 'add-column', column: newUsers.columns[2] },
        ],
      },
      { type: 'alter', from: view('active', 'SELECT id\n  FROM users\n WHERE true;'), to: view('active', 'SELECT id, email\n  FROM users\n WHERE true;') },
      { type: 'create', object: table('audit', 'log', [col('id', 'integer')]) },
      { type: 'drop', object: { kind: 'enum', id: 'public.mood', schema: 'public', name: 'mood', values: ['sad', 'ok'] } },
      { type: 'rename', from: people, to: members },
    ],
    plan,
  };
}

/** `n` added tables `public.t00000` … in one schema, one step each. */
export function largeResult(n: number): DiffResult {
  const tables = Array.from({ length: n }, (_, i) => table('public', `t${String(i).padStart(5, '0')}`, [col('id', 'integer', false)]));
  const plan: Plan = {
    formatVersion: 1,
    dialect: 'postgres',
    source: { tree: 'a'.repeat(40) },
    target: { tree: 'b'.repeat(40) },
    preamble: [],
    steps: tables.map((t) => step(t.id, 'table', `CREATE TABLE ${t.id} (id integer NOT NULL)`, `create table ${t.id}`)),
    rollback: tables.map((t) => step(t.id, 'table', `DROP TABLE ${t.id}`, `drop table ${t.id}`, { hazards: ['data-loss'] })),
    hazards: [],
    lossyRollback: false,
    hash: 'e'.repeat(64),
  };
  return {
    from: { label: 'main~1', tree: plan.source.tree },
    to: { label: 'main', tree: plan.target.tree },
    same: false,
    changes: tables.map((object) => ({ type: 'create' as const, object })),
    plan,
  };
}
