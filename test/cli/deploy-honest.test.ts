/**
 * "Deployed" means the live database equals the target, by CLI on PostgreSQL: a plan
 * that does not reach the target is never reported as deployed (with or without the
 * proof) and the message names what differs; drift names missing and unexpected objects
 * the right way round; deploying a revision onto another branch's database moves that
 * branch, so `status` and `branch list` agree with the ledger.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { redb, tempDir } from '../support/cli.js';

async function columns(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("SELECT attname FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")).rows.map((r) => r.attname);
  } finally {
    await c.end();
  }
}

describe.skipIf(!PG_URL)('deploy reports only what is true', () => {
  const ws = tempDir();
  const dbs: Awaited<ReturnType<typeof freshPgDatabase>>[] = [];
  let prod: string;
  let dev: string;
  let stage: string;

  beforeAll(async () => {
    for (const name of ['prod', 'dev', 'stage']) dbs.push(await freshPgDatabase(`redb_honest_${name}`));
    [prod, dev, stage] = dbs.map((d) => d.url);
    for (const url of [prod, dev, stage]) psql(url, 'CREATE TABLE t (a int, b int, c int)');
    for (const args of [['init', ws], ['database', 'connect', 'prod', prod], ['database', 'connect', 'dev', dev], ['database', 'connect', 'stage', stage], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    expect(redb(ws, ['commit', '-m', 'v1']).code).toBe(0);
    for (const args of [['branch', 'create', 'feature'], ['branch', 'attach', 'feature', 'dev'], ['branch', 'create', 'staging'], ['branch', 'attach', 'staging', 'stage']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    // a middle column renamed without --rename: the plan drops b and adds x at the end
    psql(dev, 'ALTER TABLE t RENAME COLUMN b TO x');
    expect(redb(ws, ['commit', '-m', 'rename b', '--branch', 'feature']).code).toBe(0);
  });
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  // the CLI refuses a plan that cannot reach the column order before anything runs (the
  // layer below, verify and proof, is test/deploy/verify.test.ts)
  for (const prove of [false, true]) {
    it(`never says deployed when the live schema would not be the target (${prove ? 'with' : 'without'} the proof)`, async () => {
      const r = redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', '--json', ...(prove ? [] : ['--no-prove'])]);
      expect(r.code, r.stdout + r.stderr).toBe(3);
      expect(r.json.error.code).toBe('E_COLUMN_ORDER');
      expect(r.json.error.message).toMatch(/public\.t/);
      expect(await columns(prod)).toEqual(['a', 'b', 'c']);
    });
  }

  it('deploying a descendant of the branch head onto its database moves the branch; status and branch list agree', () => {
    psql(prod, 'CREATE TABLE u (id int)');
    expect(redb(ws, ['commit', '-m', 'add u']).code).toBe(0);
    const mainHead = redb(ws, ['branch', 'show', 'main', '--json']).json.head;
    const r = redb(ws, ['deploy', 'main', '--branch', 'staging', '--yes', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json.branchMove).toMatchObject({ moved: true, to: mainHead });
    const st = redb(ws, ['status', '--branch', 'staging', '--exit-code', '--json']);
    expect(st.code, st.stdout).toBe(0);
    expect(st.json.clean).toBe(true);
    const staging = redb(ws, ['branch', 'list', '--json']).json.find((b: { name: string }) => b.name === 'staging');
    expect(staging.head).toBe(mainHead);
  });

  it('names drift the right way round: missing = not in the database, unexpected = only in it', () => {
    psql(stage, 'DROP TABLE u; CREATE TABLE extra (id int)');
    const r = redb(ws, ['deploy', 'main', '--branch', 'staging', '--yes', '--json']);
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('E_DRIFT');
    expect(r.json.error.message).toMatch(/missing table public\.u/);
    expect(r.json.error.message).toMatch(/unexpected table public\.extra/);
  });
});
