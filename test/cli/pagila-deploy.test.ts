/**
 * Whole-schema plans by CLI on PostgreSQL 15: deploying pagila into an empty database
 * re-creates it exactly, and deploying the empty schema over it drops everything.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusMissing, freshPgDatabase, PG_URL, psqlFile, skipNote } from '../support/live.js';
import { redb, tempDir } from '../support/cli.js';

const NO_CORPUS = corpusMissing();

describe.skipIf(!PG_URL || !!NO_CORPUS)(skipNote('pagila ⇄ empty by deploy', NO_CORPUS), () => {
  const ws = tempDir();
  let source: Awaited<ReturnType<typeof freshPgDatabase>>;
  let target: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    source = await freshPgDatabase('redb_pagila_src');
    target = await freshPgDatabase('redb_pagila_dst');
    psqlFile(source.url, join(CORPUS, 'pagila/_derived/pagila-schema.pg15.sql'));
    for (const args of [['init', ws], ['database', 'connect', 'pagila', source.url], ['database', 'connect', 'empty', target.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'pagila']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    expect(redb(ws, ['commit', '-m', 'pagila']).code).toBe(0);
    expect(redb(ws, ['branch', 'create', 'target']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'target', 'empty']).code).toBe(0);
    expect(redb(ws, ['commit', '-m', 'empty', '--branch', 'target']).code).toBe(0);
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it('empty → pagila re-creates pagila exactly', () => {
    const r = redb(ws, ['deploy', 'main', '--branch', 'target', '--yes', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json.proof).toMatchObject({ forward: true, rollback: true });
    expect(r.json.plan.steps.filter((s: { sql: string }) => /^CREATE TABLE/.test(s.sql))).toHaveLength(71);
    expect(redb(ws, ['diff', '@empty', 'main', '--exit-code']).code).toBe(0);
  });

  it('pagila → empty drops everything', () => {
    const r = redb(ws, ['deploy', 'target', '--branch', 'target', '--yes', '--allow-destructive', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json.plan.steps.every((s: { sql: string }) => !/CASCADE/i.test(s.sql))).toBe(true);
    expect(redb(ws, ['diff', '@empty', 'target', '--exit-code']).code).toBe(0);
  });
});
