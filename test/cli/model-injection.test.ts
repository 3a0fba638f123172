/**
 * A model file is data, never SQL to run: a committed column default hand-edited into
 * `0; CREATE ROLE …` (written with stock git plumbing, as a person or a merge would)
 * is refused when the model is loaded, by plan and deploy, with or without the proof,
 * naming the file and the field — and the role never exists on the server.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { git, redb, tempDir } from '../support/cli.js';

/** Stock git with an index file of its own (for read-tree / update-index / write-tree). */
function plumbing(gitDir: string, index: string, args: readonly string[], input?: string): string {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], {
    encoding: 'utf8', input,
    env: { ...process.env, GIT_INDEX_FILE: index, GIT_AUTHOR_NAME: 'Mallory', GIT_AUTHOR_EMAIL: 'm@example.com', GIT_COMMITTER_NAME: 'Mallory', GIT_COMMITTER_EMAIL: 'm@example.com' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

async function roleExists(role: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
  } finally {
    await c.end();
  }
}

describe.skipIf(!PG_URL)('a hand-edited expression in a committed model file', () => {
  const ws = tempDir();
  const gitDir = join(ws, '.redb', 'repos', 'app.git');
  const role = `redb_smuggled_${randomBytes(5).toString('hex')}`;
  const file = 'schemas/public/tables/t.json';
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_injection');
    psql(db.url, 'CREATE TABLE t (id int PRIMARY KEY, c int DEFAULT 0)');
    for (const args of [['init', ws], ['database', 'connect', 'prod', db.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    expect(redb(ws, ['commit', '-m', 'v1']).code).toBe(0);
    // a new commit whose only change is the default, edited by hand
    const t = JSON.parse(git(gitDir, ['show', `main:${file}`]));
    t.columns.find((c: { name: string }) => c.name === 'c').default = `0; CREATE ROLE ${role}`;
    const index = join(ws, 'mallory.index');
    const blob = plumbing(gitDir, index, ['hash-object', '-w', '--stdin'], `${JSON.stringify(t, null, 2)}\n`);
    plumbing(gitDir, index, ['read-tree', 'main']);
    plumbing(gitDir, index, ['update-index', '--cacheinfo', `100644,${blob},${file}`]);
    const tree = plumbing(gitDir, index, ['write-tree']);
    const commit = plumbing(gitDir, index, ['commit-tree', tree, '-p', 'main', '-m', 'tweak default']);
    plumbing(gitDir, index, ['update-ref', 'refs/heads/main', commit]);
  });
  afterAll(async () => db?.drop());

  const refusals: [string, string[]][] = [
    ['plan', ['plan', '--json']],
    ['deploy', ['deploy', '--yes', '--allow-destructive', '--json']],
    ['deploy --no-prove', ['deploy', '--yes', '--allow-destructive', '--no-prove', '--json']],
  ];
  for (const [what, args] of refusals) {
    it(`${what} refuses the file, naming it and the field, and creates no role`, async () => {
      const r = redb(ws, args);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.json.error.code).toBe('E_MODEL_FILE');
      expect(r.json.error.message).toContain(`${file} (field columns[1].default)`);
      expect(r.json.error.message).toMatch(/not a single SQL expression: a ';' at character 2/);
      expect(await roleExists(role)).toBe(false);
    });
  }
});
