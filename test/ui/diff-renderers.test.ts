/** The diff renderers on a hand-built diff result: no database, no adapter. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Column, Table, View } from '../../unified-model/index.js';
import type { DiffResult } from '../../src/core/diff.js';
import type { Plan, PlanStep } from '../../src/plan/types.js';
import { renderDiffMarkdown } from '../../src/ui/diff-markdown.js';
import { fieldChanges, memberLines } from '../../src/ui/diff-members.js';
import { postgresDdl } from '../../adapters/postgres/ddl/index.js';
import { NOT_TRANSACTIONAL_NOTE, renderPlanSql } from '../../src/ui/diff-sql.js';

const psql = postgresDdl.script;
const NOT_TRANSACTIONAL_MARKER = psql.comment(NOT_TRANSACTIONAL_NOTE);
import { countByKind, groupChanges, summaryLine } from '../../src/ui/diff-summary.js';
import { renderDiffText } from '../../src/ui/diff-text.js';

const col = (name: string, native: string, nullable = true, extra: Partial<Column> = {}): Column => ({
  name, type: { native, logical: native === 'text' ? { kind: 'text' } : { kind: 'integer', bits: 32 } }, nullable, ...extra,
});
const users = (columns: Column[], extra: Partial<Table> = {}): Table => ({ kind: 'table', id: 'public.users', schema: 'public', name: 'users', columns, ...extra });
const emailIdx = { name: 'users_email_idx', unique: true, method: 'btree', keys: [{ column: 'email' }], definition: 'CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (email)' };
const view = (definition: string): View => ({ kind: 'view', id: 'public.active', schema: 'public', name: 'active', definition, columns: [] });

const oldUsers = users([col('id', 'integer', false), col('email', 'character varying(100)', false), col('age', 'integer')], { indexes: [emailIdx] });
const newUsers = users([col('id', 'integer', false), col('email', 'text'), col('nickname', 'text', true, { default: "'x'::text" })]);

const step = (sql: string, comment: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  sql, comment, change: { type: 'alter-table', kind: 'table', id: 'public.users' }, hazards: [], transactional: true, ...extra,
});

const plan: Plan = {
  formatVersion: 1,
  dialect: 'postgres',
  source: { tree: 'a'.repeat(40), commit: '1'.repeat(40) },
  target: { tree: 'b'.repeat(40), commit: '2'.repeat(40) },
  preamble: ['SET check_function_bodies = off'],
  steps: [
    step('DROP INDEX public.users_email_idx', 'drop index public.users_email_idx'),
    step('ALTER TABLE public.users DROP COLUMN age;', 'drop column public.users.age', { hazards: ['data-loss'], lossyReverse: true }),
    step('ALTER TABLE public.users ADD COLUMN nickname text DEFAULT \'x\'::text', 'add column public.users.nickname'),
    step('CREATE INDEX CONCURRENTLY users_nick_idx ON public.users (nickname)', 'create index users_nick_idx', { hazards: ['not-transactional'], transactional: false }),
    step('CREATE VIEW public.fresh AS SELECT 1', 'create view public.fresh'),
  ],
  rollback: [step('ALTER TABLE public.users ADD COLUMN age integer', 'add column public.users.age')],
  hazards: ['data-loss', 'not-transactional'],
  lossyRollback: true,
  hash: 'f'.repeat(64),
};

const result: DiffResult = {
  from: { label: 'main~1', tree: plan.source.tree, commit: plan.source.commit },
  to: { label: 'main', tree: plan.target.tree, commit: plan.target.commit },
  same: false,
  changes: [
    { type: 'create', object: view('SELECT id\n  FROM users;') },
    {
      type: 'alter-table', from: oldUsers, to: newUsers, changes: [
        { type: 'drop-index', index: emailIdx },
        { type: 'drop-column', column: oldUsers.columns[2] },
        { type: 'alter-column', from: oldUsers.columns[1], to: newUsers.columns[1] },
        { type: 'add-column', column: newUsers.columns[2] },
      ],
    },
    { type: 'alter', from: { ...view('SELECT id\n  FROM users\n WHERE true;'), id: 'public.old', name: 'old' }, to: { ...view('SELECT id, email\n  FROM users\n WHERE true;'), id: 'public.old', name: 'old' } },
    { type: 'drop', object: { kind: 'enum', id: 'public.mood', schema: 'public', name: 'mood', values: ['sad', 'ok'] } },
  ],
  plan,
};

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
  process.env.NO_COLOR = '1';
});
afterEach(() => {
  process.env = saved;
});

describe('diff summary', () => {
  it('groups changes per object and counts them per kind', () => {
    const objects = groupChanges(result.changes);
    expect(objects.map((o) => [o.id, o.status])).toEqual([['public.active', 'added'], ['public.mood', 'dropped'], ['public.old', 'modified'], ['public.users', 'modified']]);
    expect(countByKind(objects)).toEqual([{ kind: 'enum', added: 0, modified: 0, dropped: 1 }, { kind: 'table', added: 0, modified: 1, dropped: 0 }, { kind: 'view', added: 1, modified: 1, dropped: 0 }]);
    expect(summaryLine(objects)).toBe('4 objects changed: 1 added, 2 modified, 1 dropped');
  });

  it('a rename and its alteration are one modified object; a kind change is a modification', () => {
    const renamed = users([col('id', 'integer', false)], { id: 'public.members', name: 'members' });
    const objects = groupChanges([
      { type: 'rename', from: users([col('id', 'integer', false)]), to: renamed },
      { type: 'drop', object: view('SELECT 1') },
      { type: 'create', object: { kind: 'table', id: 'public.active', schema: 'public', name: 'active', columns: [] } },
    ]);
    expect(objects.map((o) => [o.id, o.kind, o.status])).toEqual([['public.active', 'table', 'modified'], ['public.members', 'table', 'modified']]);
  });
});

describe('member lines', () => {
  it('describes an altered column in SQL words, field by field (json-diff-ts)', () => {
    expect(fieldChanges(oldUsers.columns[1], newUsers.columns[1], true)).toEqual(['character varying(100) → text', 'NOT NULL → NULL']);
    expect(fieldChanges({ using: 'a', roles: ['x'] }, { using: 'b', roles: ['x'], withCheck: 'c' })).toEqual(['using: a → b', 'withCheck: (none) → c']);
    expect(memberLines({ type: 'rename-column', from: col('name', 'text'), to: col('full_name', 'text') })).toEqual([{ mark: '~', text: 'column name → full_name (renamed)' }]);
    expect(memberLines({ type: 'set-grants', from: [{ grantee: 'bob', privileges: ['SELECT'] }], to: [{ grantee: 'ann', privileges: ['INSERT', 'SELECT'] }] }).map((m) => `${m.mark} ${m.text}`))
      .toEqual(['- grant SELECT to bob', '+ grant INSERT, SELECT to ann']);
  });

  it('names the fields of other engines: auto-increment, on update, character sets, prefix keys, invisible', () => {
    expect(memberLines({ type: 'add-column', column: { ...col('id', 'integer'), autoIncrement: true, invisible: true } })).toEqual([{ mark: '+', text: 'column id integer auto-increment invisible' }]);
    expect(memberLines({ type: 'add-column', column: { ...col('at', 'timestamp'), onUpdate: 'CURRENT_TIMESTAMP', charset: 'utf8mb4', collation: 'utf8mb4_bin' } }))
      .toEqual([{ mark: '+', text: 'column at timestamp on update CURRENT_TIMESTAMP CHARACTER SET utf8mb4 COLLATE utf8mb4_bin' }]);
    const index = { name: 'by_name', unique: false, method: 'btree', keys: [{ column: 'name', length: 10 }], invisible: true, definition: 'CREATE INDEX by_name ON t (name(10))' };
    expect(memberLines({ type: 'add-index', index })).toEqual([{ mark: '+', text: 'invisible index by_name (name(10)) using btree' }]);
    expect(memberLines({ type: 'set-charset', from: {}, to: { charset: 'utf8mb4', collation: 'utf8mb4_bin' } })).toEqual([{ mark: '~', text: 'character set: default → utf8mb4 collate utf8mb4_bin' }]);
    const trigger = { name: 'trg', timing: 'after', events: ['insert'], level: 'row', body: 'UPDATE t SET n = 1;', definition: 'CREATE TRIGGER trg AFTER INSERT ON t BEGIN UPDATE t SET n = 1; END' } as const;
    expect(memberLines({ type: 'add-trigger', trigger })).toEqual([{ mark: '+', text: 'trigger trg after insert for each row → inline body' }]);
  });
});

describe('text rendering', () => {
  it('prints a header per object, member changes, line diffs, a summary and the hazards', () => {
    const text = renderDiffText(result);
    expect(text).not.toMatch(/\u001b\[/);
    expect(text.split('\n')).toEqual([
      'diff main~1 (1111111111) → main (2222222222)',
      '',
      '+ view public.active',
      '    + SELECT id',
      '    +   FROM users;',
      '- enum public.mood',
      '    - {',
      '    -   "values": [',
      '    -     "sad",',
      '    -     "ok"',
      '    -   ]',
      '    - }',
      '~ view public.old',
      '    @@ -1,3 +1,3 @@',
      '    - SELECT id',
      '    + SELECT id, email',
      '        FROM users',
      '       WHERE true;',
      '~ table public.users',
      '    - unique index users_email_idx (email) using btree',
      '    - column age integer',
      '    ~ column email: character varying(100) → text, NOT NULL → NULL',
      "    + column nickname text DEFAULT 'x'::text",
      '',
      '4 objects changed: 1 added, 2 modified, 1 dropped',
      'plan: 5 steps, rollback 1 step, hash ffffffffffff (--format sql shows them)',
      'hazards: data-loss (step 2), not-transactional (step 4); the rollback cannot restore the data the plan destroys',
    ]);
  });

  it('says so when both sides are the same schema', () => {
    expect(renderDiffText({ ...result, same: true, changes: [] })).toBe('No differences: main~1 (1111111111) and main (2222222222) have the same schema (tree bbbbbbbbbb).');
  });

  it('colours when FORCE_COLOR is set, and never with NO_COLOR', () => {
    delete process.env.NO_COLOR;
    process.env.FORCE_COLOR = '1';
    expect(renderDiffText(result)).toMatch(/\u001b\[32m {4}\+ column nickname/);
    process.env.NO_COLOR = '1';
    expect(renderDiffText(result)).not.toMatch(/\u001b\[/);
  });
});

describe('sql rendering', () => {
  const sql = renderPlanSql(plan, psql, { title: 'main~1 → main' });

  it('writes the preamble and each step with its comment, in transactional segments', () => {
    const forward = sql.slice(0, sql.indexOf('-- Rollback:'));
    expect(forward).toContain(`-- plan hash: ${plan.hash}`);
    expect(forward).toContain('SET check_function_bodies = off;\n\nBEGIN;\n\n-- 1. drop index public.users_email_idx\nDROP INDEX public.users_email_idx;');
    expect(forward).toContain('-- 2. drop column public.users.age [data-loss]\nALTER TABLE public.users DROP COLUMN age;\n');
    expect(forward).toContain(`COMMIT;\n\n${NOT_TRANSACTIONAL_MARKER}\n-- 4. create index users_nick_idx [not-transactional]\nCREATE INDEX CONCURRENTLY users_nick_idx ON public.users (nickname);\n\nBEGIN;\n\n-- 5. create view public.fresh`);
    expect(forward.trimEnd().endsWith('COMMIT;')).toBe(true);
    // every non-comment line of the forward part is SQL that ends its statement
    const statements = forward.split('\n').filter((l) => l && !l.startsWith('--'));
    expect(statements.every((l) => l.endsWith(';'))).toBe(true);
  });

  it('writes the steps in the order and transactions a deploy runs them (an enum value first, committed alone)', () => {
    const mood = { ...step("ALTER TYPE public.mood ADD VALUE 'meh'", 'add value meh to enum public.mood'), change: { type: 'alter', kind: 'enum', id: 'public.mood' }, unusableUntilCommit: "'meh'" };
    const enumPlan: Plan = {
      ...plan,
      steps: [step('ALTER TABLE public.users DROP COLUMN age', 'drop column public.users.age'), mood, step("UPDATE_LIKE public.users SET m = 'meh'", 'use meh')],
    };
    const script = renderPlanSql(enumPlan, psql, { noRollback: true });
    const body = script.slice(script.indexOf('SET check_function_bodies'));
    // step 2 runs first and commits before the others: numbers stay those of the plan
    expect(body).toMatch(/BEGIN;\n\n-- 2\. add value meh[^\n]*\nALTER TYPE public\.mood ADD VALUE 'meh';\n\nCOMMIT;\n\nBEGIN;\n\n-- 1\. drop column/);
  });

  it('comments the rollback out under -- Rollback:', () => {
    const rollback = sql.slice(sql.indexOf('-- Rollback:'));
    expect(rollback.trimEnd().split('\n').every((l) => l.startsWith('--'))).toBe(true);
    expect(rollback).toContain('-- -- 1. add column public.users.age\n-- ALTER TABLE public.users ADD COLUMN age integer;');
  });

  it('terminates statements once, and safely after a trailing line comment', () => {
    expect(psql.statement('SELECT 1;;  \n')).toBe('SELECT 1;');
    expect(psql.statement('SELECT 1 -- note')).toBe('SELECT 1 -- note\n;');
  });
});

describe('markdown rendering', () => {
  const md = renderDiffMarkdown(result, psql);

  it('has a title, a summary table per kind, hazards with their steps, and both SQL blocks', () => {
    expect(md.startsWith('# main~1 (1111111111) → main (2222222222)\n')).toBe(true);
    expect(md).toContain('| kind | added | modified | dropped |\n|---|---:|---:|---:|\n| enum | 0 | 0 | 1 |\n| table | 0 | 1 | 0 |\n| view | 1 | 1 | 0 |\n| **total** | **1** | **2** | **1** |');
    expect(md).toContain('- **data-loss**: destroys data');
    expect(md).toContain('  - `2. drop column public.users.age [data-loss]`');
    expect(md).toContain('⚠ **The rollback cannot restore the data this plan destroys**');
    expect(md).toContain('- **modified** table `public.users`\n  - `- unique index users_email_idx (email) using btree`');
    expect(md).toContain('  - `~ column email: character varying(100) → text, NOT NULL → NULL`');
    expect(md).toMatch(/<summary>Plan: 5 steps<\/summary>\n\n```sql\nSET check_function_bodies = off;\n\nBEGIN;/);
    expect(md).toMatch(/<summary>Rollback: 1 step<\/summary>\n\n```sql\nSET check_function_bodies = off;\n\nBEGIN;\n\n-- 1. add column public.users.age\nALTER TABLE public.users ADD COLUMN age integer;\n\nCOMMIT;\n```\n\n<\/details>\n$/);
    // the steps that destroy data come before the SQL, with their statement
    expect(md).toContain('## Destructive and locking steps\n\n- **2.** `drop column public.users.age`: data-loss\n  ```sql\n  ALTER TABLE public.users DROP COLUMN age;\n  ```');
    expect(md).toContain('| transactional | partly: 2 transactions and 1 step outside a transaction');
    // no identity, no marker: a report a person saves is not a CI comment
    expect(md).not.toContain('<!-- redb-report');
  });

  it('says None under hazards for a safe plan', () => {
    const safe = renderDiffMarkdown({ ...result, plan: { ...plan, hazards: [], lossyRollback: false, steps: [plan.steps[0]] } }, psql);
    expect(safe).toContain('## Hazards\n\nNone');
    expect(safe).not.toContain('⚠');
    expect(safe).not.toContain('## Destructive and locking steps');
    expect(safe).toContain('| hazards | none |');
  });
});
