/**
 * `redb diff` and `redb plan` by the real binary: on PGlite (no server) and on a
 * PostgreSQL server. The SQL a diff prints, run against the older schema, must give
 * the newer one exactly (checked by diffing the two again: no differences).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { redb, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';

const V1 = `CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, age int);
            CREATE INDEX users_email_idx ON users (email);
            CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users(id), body text);`;
const V1_TO_V2 = `DROP INDEX users_email_idx;
                  ALTER TABLE users DROP COLUMN age;
                  ALTER TABLE users ALTER COLUMN email TYPE text, ALTER COLUMN email DROP NOT NULL;
                  ALTER TABLE users ADD COLUMN nickname text;
                  CREATE INDEX users_nickname_idx ON users (nickname);
                  CREATE VIEW active_users AS SELECT id, email FROM users WHERE nickname IS NOT NULL;`;

const ESC = '\u001b[';

async function pglite(dir: string, text: string): Promise<void> {
  const db = new PGlite(dir);
  await db.exec(text);
  await db.close();
}

/** The commented rollback of a SQL plan, uncommented. */
const rollbackOf = (sql: string): string =>
  sql.slice(sql.indexOf('-- Rollback:') + '-- Rollback:'.length).split('\n').map((l) => l.replace(/^-- ?/, '')).join('\n');

describe('redb diff and plan on PGlite', () => {
  const ws = tempDir();
  const appDir = join(ws, 'app-db');
  const scratchDir = join(ws, 'scratch-db');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => redb(ws, args, env);

  beforeAll(async () => {
    await pglite(appDir, V1);
    await pglite(scratchDir, V1);
    for (const args of [['init', ws], ['database', 'connect', 'app', `pglite://${appDir}`], ['database', 'connect', 'scratch', `pglite://${scratchDir}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app'], ['commit', '-m', 'v1']]) {
      const r = run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    await pglite(appDir, V1_TO_V2);
    expect(run(['commit', '-m', 'v2']).code).toBe(0);
  });

  it('text: one header per object, member changes, a summary and the hazards', () => {
    const r = run(['diff', 'main~1', 'main']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toMatch(/^diff main~1 \([0-9a-f]{10}\) → main \([0-9a-f]{10}\)\n/);
    expect(r.stdout).toContain('\n~ table public.users\n');
    expect(r.stdout).toContain('    + column nickname text\n');
    expect(r.stdout).toContain('    - column age integer\n');
    expect(r.stdout).toContain('    ~ column email: character varying(100) → text, NOT NULL → NULL\n');
    expect(r.stdout).toMatch(/ {4}- index users_email_idx \(email\) using btree\n/);
    expect(r.stdout).toContain('\n+ view public.active_users\n');
    expect(r.stdout).toContain('2 objects changed: 1 added, 1 modified, 0 dropped');
    expect(r.stdout).toMatch(/hazards: .*data-loss/);
  });

  it('--format json is the --json result: sides, changes and the plan', () => {
    const a = run(['diff', 'main~1', 'main', '--json']);
    const b = run(['diff', 'main~1', 'main', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(b.json).toEqual(a.json);
    expect(a.json.same).toBe(false);
    expect(a.json.from).toMatchObject({ label: 'main~1', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(a.json.changes.map((c: { type: string }) => c.type).sort()).toEqual(['alter-table', 'create']);
    expect(a.json.plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.json.plan.hazards).toContain('data-loss');
    expect(a.json.plan.steps.length).toBeGreaterThan(3);
  });

  it('--format markdown: a review report with a summary table, hazards and both SQL blocks', () => {
    const r = run(['diff', 'main~1', 'main', '--format', 'markdown']);
    expect(r.code).toBe(0);
    // the hidden marker first: the same repository, branch and target whatever the commits
    expect(r.stdout).toMatch(/^<!-- redb-report repo=app branch=main target=main -->\n# main~1 \([0-9a-f]{10}\) → main \([0-9a-f]{10}\)\n/);
    expect(r.stdout).toContain('| kind | added | modified | dropped |');
    expect(r.stdout).toContain('| table | 0 | 1 | 0 |');
    expect(r.stdout).toContain('| view | 1 | 0 | 0 |');
    expect(r.stdout).toContain('- **data-loss**');
    expect(r.stdout).toContain('⚠');
    expect(r.stdout).toMatch(/<details>\n<summary>Plan: \d+ steps<\/summary>\n\n```sql\n/);
    expect(r.stdout).toMatch(/<details>\n<summary>Rollback: \d+ steps<\/summary>\n\n```sql\n/);
    expect(r.stdout.indexOf('## Destructive and locking steps')).toBeLessThan(r.stdout.indexOf('<details>'));
    const live = run(['diff', '@app', 'main', '--format', 'markdown']);
    expect(live.stdout.split('\n')[0]).toBe('<!-- redb-report repo=app branch=main target=app -->');
    // redb plan's report is against the attached database: the marker a CI job would write
    const planned = run(['plan', '--format', 'markdown']);
    expect(planned.stdout.split('\n')[0]).toBe('<!-- redb-report repo=app branch=main target=app -->');
  });

  it('--format sql applied to the older schema gives the newer one; its rollback gives the older again', async () => {
    const r = run(['diff', 'main~1', 'main', '--format', 'sql']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-- redb plan: main~1/);
    expect(r.stdout).toContain('\nBEGIN;\n');
    expect(r.stdout).toContain('\n-- Rollback:\n');
    expect(run(['diff', '@scratch', 'main', '--exit-code']).code).toBe(2);
    await pglite(scratchDir, r.stdout);
    const after = run(['diff', '@scratch', 'main', '--exit-code']);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toMatch(/^No differences: @scratch and main \([0-9a-f]{10}\) have the same schema \(tree [0-9a-f]{10}\)\.$/m);
    await pglite(scratchDir, rollbackOf(r.stdout));
    expect(run(['diff', '@scratch', 'main~1', '--exit-code']).code).toBe(0);
  });

  it('--exit-code (diff, review): 2 when different, 0 when the same', () => {
    expect(run(['diff', 'main~1', 'main', '--exit-code']).code).toBe(2);
    const same = run(['diff', 'main', 'main', '--exit-code']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^No differences: main \([0-9a-f]{10}\) and main/);
    expect(run(['diff', 'main~1', 'main']).code).toBe(0);
    expect(run(['review', 'main~1', 'main', '--format', 'markdown', '--exit-code']).code).toBe(2);
    expect(run(['review', 'main', 'main', '--exit-code']).code).toBe(0);
    expect(run(['review', 'main~1', 'main', '--format', 'text']).code).toBe(0);
  });

  it('live sides: @NAME, the default (head against the attached database) and one argument', async () => {
    const live = run(['diff', 'main~1', '@app', '--json']);
    expect(live.json.to).toMatchObject({ label: '@app', database: 'app' });
    expect(live.json.to.commit).toBeUndefined();
    expect(run(['diff', '@app', 'main', '--exit-code']).code).toBe(0);
    const none = run(['diff', '--json']);
    expect([none.json.from.label, none.json.to.label, none.json.same]).toEqual(['main', '@app', true]);
    const one = run(['diff', 'main~1', '--json']);
    expect([one.json.from.label, one.json.to.label, one.json.same]).toEqual(['main~1', '@app', false]);
    await pglite(appDir, 'ALTER TABLE posts ADD COLUMN title text');
    const drift = run(['diff', '--exit-code']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('~ table public.posts\n    + column title text\n');
    await pglite(appDir, 'ALTER TABLE posts DROP COLUMN title');
  });

  it('colour: escapes with FORCE_COLOR=1, none with NO_COLOR=1 or --no-color', () => {
    expect(run(['diff', 'main~1', 'main'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).toContain(ESC);
    expect(run(['diff', 'main~1', 'main'], { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['diff', 'main~1', 'main', '--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['diff', 'main~1', 'main', '--format', 'sql'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  it('--online with --lock-timeout plans CREATE INDEX CONCURRENTLY outside a transaction', () => {
    const r = run(['diff', 'main~1', 'main', '--online', '--lock-timeout', '5s', '--format', 'sql']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("SET lock_timeout = '5s';");
    expect(r.stdout).toMatch(/-- !! not transactional.*\n-- \d+\. .*\[.*not-transactional.*\]\nCREATE INDEX CONCURRENTLY/);
    // every plan sets a lock timeout now, online or not
    const plain = run(['diff', 'main~1', 'main', '--lock-timeout', '5s', '--format', 'sql']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain("SET lock_timeout = '5s';");
    expect(run(['diff', 'main~1', 'main', '--online', '--lock-timeout', 'soon']).code).toBe(64);
  });

  it('redb plan --out writes the Plan JSON: hash, steps, rollback, source and target', () => {
    const out = join(ws, 'plan.json');
    const r = run(['plan', 'main~1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    expect(plan.formatVersion).toBe(1);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.rollback.length).toBeGreaterThan(0);
    expect(plan.source.commit).toBeUndefined();
    expect(plan.target.commit).toBe(run(['diff', 'main~1', 'main', '--json']).json.from.commit);
    expect(r.stdout).toContain(`Plan ${plan.hash.slice(0, 12)}: @app → main~1`);
    expect(r.stdout).toContain(`wrote ${out}`);
    // without --out the JSON is stdout and the summary goes to stderr
    const piped = run(['plan', 'main~1']);
    expect(piped.json.hash).toBe(plan.hash);
    expect(piped.stderr).toContain(`Plan ${plan.hash.slice(0, 12)}`);
    expect(run(['plan', 'main~1', '--json']).json).toEqual(plan);
    expect(run(['plan', 'main~1', '--format', 'sql']).stdout).toContain(`-- plan hash: ${plan.hash}`);
    const none = run(['plan', '--out', out]);
    expect(none.stdout).toMatch(/^Nothing to plan: @app already has the schema of main/);
    expect(JSON.parse(readFileSync(out, 'utf8')).steps).toEqual([]);
  });

  it('--rename plans RENAME COLUMN instead of a drop and an add', async () => {
    await pglite(appDir, 'ALTER TABLE users RENAME COLUMN nickname TO nick');
    const commit = run(['commit', '-m', 'rename nickname', '--json']);
    expect(commit.code, commit.stderr).toBe(0);
    expect(commit.json.committed, commit.stdout).toBe(true);
    const diff = run(['diff', 'main~1', 'main', '--format', 'sql']);
    expect(diff.code, diff.stderr).toBe(0);
    const plain = diff.stdout;
    expect(plain).not.toMatch(/RENAME COLUMN/);
    expect(plain).toMatch(/DROP COLUMN nickname/);
    const renamed = run(['diff', 'main~1', 'main', '--rename', 'public.users.nickname=nick', '--format', 'sql']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toMatch(/ALTER TABLE public\.users RENAME COLUMN nickname TO nick/);
    expect(renamed.stdout.slice(0, renamed.stdout.indexOf('-- Rollback:'))).not.toMatch(/DROP COLUMN/);
    expect(run(['diff', 'main~1', 'main', '--rename', 'public.users.nickname=nick']).stdout).toContain('~ column nickname → nick (renamed)');
    expect(run(['diff', 'main~1', 'main', '--rename', 'nonsense']).code).toBe(64);
  });
});

describe.skipIf(!PG_URL)('redb diff on PostgreSQL', () => {
  const ws = tempDir();
  const dbs: Awaited<ReturnType<typeof freshPgDatabase>>[] = [];
  let app: (typeof dbs)[number];
  let target: (typeof dbs)[number];
  const run = (args: string[]) => redb(ws, args);

  beforeAll(async () => {
    app = await freshPgDatabase('redb_diff_app');
    target = await freshPgDatabase('redb_diff_target');
    dbs.push(app, target);
    psql(app.url, V1);
    psql(target.url, V1);
    for (const args of [['init', ws], ['database', 'connect', 'app', app.url], ['database', 'connect', 'target', target.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app'], ['commit', '-m', 'v1']]) {
      const r = run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    psql(app.url, V1_TO_V2);
    expect(run(['commit', '-m', 'v2']).code).toBe(0);
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('the online SQL plan, run by psql on the older schema, gives the newer; its rollback the older', () => {
    const r = run(['diff', 'main~1', 'main', '--online', '--lock-timeout', '5s', '--format', 'sql']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('CREATE INDEX CONCURRENTLY');
    expect(run(['diff', '@target', 'main', '--exit-code']).code).toBe(2);
    psql(target.url, r.stdout);
    const after = run(['diff', '@target', 'main', '--exit-code']);
    expect(after.code, after.stdout).toBe(0);
    psql(target.url, rollbackOf(r.stdout));
    expect(run(['diff', '@target', 'main~1', '--exit-code']).code).toBe(0);
  });

  it('diffs two live databases', () => {
    const r = run(['diff', '@app', '@target', '--json']);
    expect(r.json.same).toBe(false);
    expect(r.json.from.database).toBe('app');
  });
});
