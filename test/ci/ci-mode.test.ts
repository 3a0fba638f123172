/**
 * redb in CI (CI=true, no terminal) on a real PostgreSQL: it never prompts. A deploy that
 * lacks consent exits 3, names every flag it lacks and changes nothing; the output is
 * plain (no colour, no step progress) and --json is one JSON document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inCi } from '../../src/cli/confirm.js';
import { deployWorkspace, redb, redbOk, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';

const CI = { CI: 'true', NO_COLOR: undefined, FORCE_COLOR: undefined };
const ESC = '\u001b[';

async function columnsOf(url: string, table: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', ['public', table]);
    return r.rows.map((row) => row.column_name);
  } finally {
    await c.end();
  }
}

describe('CI=true', () => {
  it('is read from the CI variable: set and not empty, 0 or false', () => {
    expect([undefined, '', '0', 'false', 'FALSE'].map((v) => inCi({ CI: v }))).toEqual([false, false, false, false, false]);
    expect(['true', '1', 'yes'].map((v) => inCi({ CI: v }))).toEqual([true, true, true]);
  });
});

describe.skipIf(!PG_URL)(skipNote('a destructive deploy in CI on PostgreSQL', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir();
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let prod: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    [src, prod] = await Promise.all([freshPgDatabase('redb_ci_src'), freshPgDatabase('redb_ci_prod')]);
    psql(src.url, 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, age int);');
    deployWorkspace(ws, src.url, prod.url, 'v1');
    redbOk(ws, ['deploy', 'main', '--branch', 'prod', '--yes']);
    psql(src.url, 'ALTER TABLE users DROP COLUMN age; ALTER TABLE users ADD COLUMN nickname text;');
    redbOk(ws, ['commit', '-m', 'v2: drop age']);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([src?.drop(), prod?.drop()]);
  });

  it('without --allow-destructive and --yes: exit 3, both flags named, nothing applied', async () => {
    const r = redb(ws, ['deploy', 'main', '--branch', 'prod'], CI);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('destroys data: drop column public.users.age');
    expect(r.stderr).toContain('run again with --allow-destructive --yes');
    expect(await columnsOf(prod.url, 'users')).toEqual(['id', 'email', 'age']);
  });

  it('with --allow-destructive but no --yes: exit 3, --yes named, nothing applied', async () => {
    const r = redb(ws, ['deploy', 'main', '--branch', 'prod', '--allow-destructive'], CI);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('cannot ask');
    expect(r.stderr).toContain('run again with --yes');
    expect(await columnsOf(prod.url, 'users')).toEqual(['id', 'email', 'age']);
  });

  it('--json: the refusal is one JSON document on stdout', () => {
    const r = redb(ws, ['deploy', 'main', '--branch', 'prod', '--json'], CI);
    expect(r.code).toBe(3);
    expect(r.json.error).toMatchObject({ code: 'E_DESTRUCTIVE', exitCode: 3 });
    expect(r.json.error.hint).toContain('--allow-destructive');
  });

  it('output is plain: no colour, no step progress; with both flags it deploys', async () => {
    const d = redb(ws, ['diff', '@prod', 'main'], CI);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('public.users');
    expect(d.stdout + d.stderr).not.toContain(ESC);
    const r = redb(ws, ['deploy', 'main', '--branch', 'prod', '--allow-destructive', '--yes'], CI);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stderr).not.toMatch(/\[\d+\/\d+\]/);
    expect(await columnsOf(prod.url, 'users')).toEqual(['id', 'email', 'nickname']);
    expect(redb(ws, ['diff', '@prod', 'main', '--exit-code'], CI).code).toBe(0);
  });
});
