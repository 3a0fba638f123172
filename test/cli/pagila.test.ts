/**
 * Issue 2's "done when", by CLI on a real PostgreSQL 15: pagila is committed into a
 * repository stock git reads (one file per object), an unchanged database makes no
 * commit, and `status --exit-code` exits 2 after an ALTER.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusMissing, freshPgDatabase, PG_URL, psql, psqlFile, skipNote } from '../support/live.js';
import { git, redb, tempDir } from '../support/cli.js';

const NO_CORPUS = corpusMissing();

describe.skipIf(!PG_URL || !!NO_CORPUS)(skipNote('pagila by CLI on PostgreSQL', NO_CORPUS), () => {
  const ws = tempDir();
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_cli_pagila');
    psqlFile(db.url, join(CORPUS, 'pagila/_derived/pagila-schema.pg15.sql'));
    expect(redb(ws, ['init', ws]).code).toBe(0);
    expect(redb(ws, ['database', 'connect', 'pagila', db.url]).code).toBe(0);
    expect(redb(ws, ['repo', 'add', 'pagila']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'pagila']).code).toBe(0);
  });
  afterAll(async () => db?.drop());

  it('commits one file per object into a repository stock git reads', () => {
    const c = redb(ws, ['commit', '-m', 'pagila', '--json']);
    expect(c.code, c.stderr).toBe(0);
    const gitDir = redb(ws, ['repo', 'show', '--json']).json.gitDir;
    const files = git(gitDir, ['ls-tree', '-r', '--name-only', 'main']).trim().split('\n');
    const tables = files.filter((f) => f.startsWith('schemas/public/tables/'));
    expect(tables).toHaveLength(71);
    expect(files.filter((f) => f.startsWith('schemas/public/views/'))).toHaveLength(7);
    expect(files.filter((f) => f.startsWith('schemas/public/materialized-views/'))).toHaveLength(1);
    expect(files).toContain('schemas/public/tables/film.json');
    // every object of the commit is one file: the commit's change list and the tree agree
    expect(c.json.changes).toHaveLength(files.length);
    expect(JSON.parse(git(gitDir, ['show', 'main:schemas/public/tables/film.json'])).id).toBe('public.film');
    expect(git(gitDir, ['log', '--format=%(trailers:key=Redb-Source,valueonly)', 'main']).trim()).not.toMatch(/:[^@/]*@/);
    git(gitDir, ['fsck', '--strict']);
  });

  it('an unchanged database makes no commit', () => {
    const c = redb(ws, ['commit', '-m', 'again', '--json']);
    expect(c.json.committed).toBe(false);
    expect(redb(ws, ['log', '--json']).json).toHaveLength(1);
  });

  it('status --exit-code exits 2 after an ALTER, naming the table', () => {
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
    psql(db.url, 'ALTER TABLE public.actor ADD COLUMN nickname text');
    const s = redb(ws, ['status', '--exit-code', '--json']);
    expect(s.code).toBe(2);
    expect(s.json.changes.map((c: { id: string }) => c.id)).toEqual(['public.actor']);
  });
});
