/**
 * History through an object rename on PostgreSQL, by CLI: a table renamed with
 * `--rename public.users=public.members` keeps its history in `log -- OBJECT`, `--stat`
 * shows the rename as one object, `blame` gives its columns the commits from before the
 * rename, and a routine is blamed per line of its body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { redb, redbOk, tempDir } from '../support/cli.js';

const subjects = (entries: { message: string }[]) => entries.map((e) => e.message.split('\n')[0]);

describe.skipIf(!PG_URL)('history through an object rename on PostgreSQL', () => {
  const ws = tempDir();
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_history');
    psql(db.url, `CREATE TABLE users (id int PRIMARY KEY, email text); CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`);
    for (const args of [['init', ws], ['database', 'connect', 'app', db.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app'], ['commit', '-m', 'users']]) redbOk(ws, args);
    psql(db.url, 'ALTER TABLE users ADD COLUMN nickname text');
    redbOk(ws, ['commit', '-m', 'nickname']);
    psql(db.url, 'ALTER TABLE users RENAME TO members');
    redbOk(ws, ['commit', '-m', 'members', '--rename', 'public.users=public.members']);
    psql(db.url, `CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND\n$$;`);
    redbOk(ws, ['commit', '-m', 'plpgsql']);
  });
  afterAll(async () => db?.drop());

  it('log -- OBJECT follows the table through its rename; --stat shows the rename as one object', () => {
    const json = redbOk(ws, ['log', '--json', '--', 'public.members']).json;
    expect(subjects(json)).toEqual(['members', 'nickname', 'users']);
    expect(json[0]).toMatchObject({ change: 'renamed', id: 'public.members', from: 'public.users' });
    expect(subjects(redbOk(ws, ['log', '--json', '--', 'public.members.nickname']).json)).toEqual(['nickname']);
    expect(redbOk(ws, ['log', '--stat', '-n', '1', 'main~1']).stdout).toContain('\n\n → table public.members (renamed from public.users)\n 1 object changed: 0 added, 0 modified, 0 dropped, 1 renamed');
  });

  it('blame gives the columns of a renamed table the commits from before the rename, and a routine its lines', () => {
    const table = redbOk(ws, ['blame', 'public.members', '--json']).json;
    const by = Object.fromEntries(table.members.map((m: { kind: string; name: string; summary: string }) => [`${m.kind} ${m.name}`, m.summary]));
    expect(by).toMatchObject({ 'column id': 'users', 'column email': 'users', 'column nickname': 'nickname' });
    const fn = redbOk(ws, ['blame', 'public.one()', '--json']).json;
    expect(fn.kind).toBe('function');
    // the definition is the engine's whole CREATE text: its unchanged head keeps the first commit
    const byLine = Object.fromEntries(fn.lines.map((l: { text: string; summary: string }) => [l.text.trim(), l.summary]));
    expect(byLine).toMatchObject({ 'CREATE OR REPLACE FUNCTION public.one()': 'users', 'RETURNS integer': 'users', 'LANGUAGE plpgsql': 'plpgsql', 'RETURN 1;': 'plpgsql' });
    const shown = redbOk(ws, ['show', 'main~1']).stdout;
    expect(shown).toContain('Renames: public.users → public.members');
    expect(redb(ws, ['blame', 'public.users']).code).toBe(64);
  });
});
