/**
 * Three-way merge scenarios by CLI on real PostgreSQL schemas: two branches, each
 * attached to its own database, change one base schema; `redb merge` combines them
 * (clean, or with conflicts that are then resolved), and every merged commit is
 * deployed onto a third database that held the base, whose live schema must then
 * equal the merge (`redb diff main @prod --exit-code` exits 0).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, redb, redbOk, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';

interface Scenario {
  name: string;
  base: string;
  ours: string;
  theirs: string;
  /** `--rename` of the commit on each side. */
  oursRename?: string;
  theirsRename?: string;
  /** A clean merge, or the conflicts (`ID[.MEMBER] field`) and how to settle them. */
  conflicts?: string[];
  resolve?: string[];
  /** What the merged model must hold: a check on `redb show main OBJECT --json`. */
  expect: { object: string; check: (obj: any) => void };
}

const SCENARIOS: Scenario[] = [
  {
    name: 'both sides add different columns: clean',
    base: 'CREATE TABLE users (id int PRIMARY KEY, name text);',
    ours: 'ALTER TABLE users ADD COLUMN email text;',
    theirs: 'ALTER TABLE users ADD COLUMN phone varchar(20);',
    expect: { object: 'public.users', check: (t) => expect(t.columns.map((c: any) => c.name)).toEqual(['id', 'name', 'email', 'phone']) },
  },
  {
    name: 'both change one column type differently: a conflict, resolved with theirs',
    base: 'CREATE TABLE users (id int PRIMARY KEY, age int);',
    ours: 'ALTER TABLE users ALTER COLUMN age TYPE bigint;',
    theirs: 'ALTER TABLE users ALTER COLUMN age TYPE numeric(5,1);',
    conflicts: ['public.users.age type'],
    resolve: ['public.users.age=theirs'],
    expect: { object: 'public.users', check: (t) => expect(t.columns[1].type.native).toBe('numeric(5,1)') },
  },
  {
    name: 'one side drops a table, the other adds a foreign key to it: a semantic conflict, resolved by keeping the table',
    base: 'CREATE TABLE customers (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY, customer_id int);',
    ours: 'DROP TABLE customers;',
    theirs: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
    conflicts: ['public.orders.orders_customer_fk references'],
    resolve: ['public.customers=theirs'],
    expect: { object: 'public.orders', check: (t) => expect(t.foreignKeys.map((f: any) => f.references)).toEqual(['public.customers']) },
  },
  {
    name: 'a column renamed on ours and altered on theirs: one renamed, altered column',
    base: 'CREATE TABLE users (id int PRIMARY KEY, name text);',
    ours: 'ALTER TABLE users RENAME COLUMN name TO full_name;',
    oursRename: 'public.users.name=full_name',
    theirs: 'ALTER TABLE users ALTER COLUMN name SET NOT NULL;',
    expect: { object: 'public.users', check: (t) => expect(t.columns[1]).toMatchObject({ name: 'full_name', nullable: false }) },
  },
  {
    name: 'a column renamed on theirs and altered on ours: the merge commit records the rename',
    base: 'CREATE TABLE users (id int PRIMARY KEY, name text);',
    ours: "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anon';",
    theirs: 'ALTER TABLE users RENAME COLUMN name TO full_name;',
    theirsRename: 'public.users.name=full_name',
    expect: { object: 'public.users', check: (t) => expect(t.columns[1]).toMatchObject({ name: 'full_name', default: "'anon'::text" }) },
  },
  {
    name: 'the same column added identically on both sides: taken once',
    base: 'CREATE TABLE users (id int PRIMARY KEY);',
    ours: 'ALTER TABLE users ADD COLUMN email text NOT NULL;',
    theirs: 'ALTER TABLE users ADD COLUMN email text NOT NULL;',
    expect: { object: 'public.users', check: (t) => expect(t.columns.map((c: any) => c.name)).toEqual(['id', 'email']) },
  },
  {
    name: 'concurrent enum value additions: ours after their anchor first, then theirs',
    base: "CREATE TYPE status AS ENUM ('new', 'done'); CREATE TABLE jobs (id int PRIMARY KEY, state status);",
    ours: "ALTER TYPE status ADD VALUE 'paid' AFTER 'new'; ALTER TYPE status ADD VALUE 'archived';",
    theirs: "ALTER TYPE status ADD VALUE 'shipped' AFTER 'new'; ALTER TYPE status ADD VALUE 'cancelled';",
    expect: { object: 'public.status', check: (e) => expect(e.values).toEqual(['new', 'paid', 'shipped', 'done', 'archived', 'cancelled']) },
  },
];

describe.skipIf(!PG_URL)('merge scenarios on PostgreSQL, each merge deployed', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const ws = tempDir('redb-merge-');
      const [dev, feat, prod] = await Promise.all([freshPgDatabase('redb_merge'), freshPgDatabase('redb_merge'), freshPgDatabase('redb_merge')]);
      drops.push(dev.drop, feat.drop, prod.drop);
      psql(dev.url, s.base);
      psql(feat.url, s.base);
      for (const args of [['init', ws], ['database', 'connect', 'dev', dev.url], ['database', 'connect', 'feat', feat.url], ['database', 'connect', 'prod', prod.url], ['repo', 'add', 'app'],
        ['branch', 'attach', 'main', 'dev'], ['commit', '-m', 'base'], ['branch', 'create', 'feature'], ['branch', 'attach', 'feature', 'feat'],
        ['branch', 'create', 'prod'], ['branch', 'attach', 'prod', 'prod'], ['deploy', 'main', '--branch', 'prod', '--yes', '--no-prove']]) redbOk(ws, args);
      psql(dev.url, s.ours);
      redbOk(ws, ['commit', '-m', 'ours', ...(s.oursRename ? ['--rename', s.oursRename] : [])]);
      psql(feat.url, s.theirs);
      redbOk(ws, ['commit', '--branch', 'feature', '-m', 'theirs', ...(s.theirsRename ? ['--rename', s.theirsRename] : [])]);

      const merged = redb(ws, ['merge', 'feature', '--json']);
      if (s.conflicts) {
        expect(merged.code, merged.stdout + merged.stderr).toBe(4);
        expect(merged.json.status).toBe('conflicts');
        expect(merged.json.conflicts.map((c: any) => `${c.member ? `${c.id}.${c.member}` : c.id} ${c.field}`)).toEqual(s.conflicts);
        for (const r of s.resolve ?? []) redbOk(ws, ['merge', '--resolve', r]);
        const done = redb(ws, ['merge', '--continue', '--json']);
        expect(done.code, done.stdout + done.stderr).toBe(0);
        expect(done.json.status).toBe('merged');
      } else {
        expect(merged.code, merged.stdout + merged.stderr).toBe(0);
        expect(merged.json.status).toBe('merged');
        expect(merged.json.conflicts).toEqual([]);
      }
      const gitDir = join(ws, '.redb', 'repos', 'app.git');
      // stock git sees a merge: two parents, ours first
      expect(git(gitDir, ['log', '--merges', '--format=%P', 'main']).trim().split(' ')).toEqual([
        git(gitDir, ['rev-parse', 'main^1']).trim(), git(gitDir, ['rev-parse', 'feature']).trim(),
      ]);
      s.expect.check(redbOk(ws, ['show', 'main', s.expect.object, '--json']).json.object);

      const deployed = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--json']);
      expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
      expect(deployed.json.status).toBe('succeeded');
      const same = redb(ws, ['diff', 'main', '@prod', '--exit-code']);
      expect(same.code, same.stdout + same.stderr).toBe(0);
    });
  }
});
