/**
 * The README's quickstart runs as written: its own fenced block (the one that starts
 * with `redb init`) is read from README.md and run line by line by bash, in an empty
 * folder, with `redb` on the PATH (as after `npm link`), against a real PostgreSQL
 * server. The only substitutions, which the README states:
 * - in `postgres://app:${PGPASSWORD}@db.internal:5432/NAME`, the user and host become
 *   the test server's and NAME a fresh database (`app` has a `users` table, as the
 *   README says; `app_staging` is empty); `${PGPASSWORD}` stays for redb to fill in;
 * - `psql …` becomes `psql -X -q -v ON_ERROR_STOP=1 -d URL-OF-app`.
 * A line's `# exit N` comment is the exit code it must have; any other line must exit 0.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, shell, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The quickstart's command lines (blank lines left out). */
export function quickstart(): string[] {
  const block = blocks.find((b) => b.startsWith('redb init\n'));
  if (!block) throw new Error('README.md has no ```sh block starting with `redb init`');
  return block.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
}

const README_URL = /postgres:\/\/app:\$\{PGPASSWORD\}@db\.internal:5432\/(\w+)/g;

describe('README', () => {
  it('says how to run redb after npm ci, and that line works in the project folder', () => {
    const setup = blocks[0].split('\n');
    const line = setup.find((l) => l.startsWith('npx redb'));
    expect(line, 'the set-up block has an `npx redb …` line').toBeDefined();
    const r = shell(line!, { cwd: PROJECT_DIR, linked: false });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/COMMANDS[\s\S]*\bcommit\b/);
  });

  describe.skipIf(!PG_URL)('quickstart on PostgreSQL', () => {
    const dbs: Record<string, Awaited<ReturnType<typeof freshPgDatabase>>> = {};
    beforeAll(async () => {
      dbs.app = await freshPgDatabase('redb_readme_app');
      dbs.app_staging = await freshPgDatabase('redb_readme_stg');
      psql(dbs.app.url, 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)');
    });
    afterAll(async () => {
      for (const db of Object.values(dbs)) await db.drop();
    });

    it('runs as written, top to bottom', { timeout: 900_000 }, () => {
      const server = new URL(PG_URL!);
      const env = { PGPASSWORD: decodeURIComponent(server.password) || 'unused-with-trust-auth' };
      const urlOf = (name: string) => {
        const db = dbs[name];
        if (!db) throw new Error(`the README names a database ${name}; the test knows app and app_staging`);
        const u = new URL(db.url);
        return `postgres://${u.username}:\${PGPASSWORD}@${u.host}${u.pathname}`;
      };
      const dir = tempDir('redb-readme-');
      const lines = quickstart();
      expect(lines.length).toBeGreaterThan(10);
      for (const written of lines) {
        const line = written.replace(README_URL, (_m, name: string) => urlOf(name)).replace(/^psql … /, `psql -X -q -v ON_ERROR_STOP=1 -d '${dbs.app.url}' `);
        const expected = Number(/# exit (\d+)/.exec(written)?.[1] ?? 0);
        const r = shell(line, { cwd: dir, env });
        expect({ line: written, code: r.code, stderr: r.stderr }).toEqual({ line: written, code: expected, stderr: expect.any(String) });
        if (written.startsWith('redb show main~1 public.users')) expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).columns.map((c: { name: string }) => c.name)).toEqual(['id', 'email']);
        if (written.startsWith('git --git-dir')) expect(r.stdout).toContain('schemas/public/tables/users.json');
        if (written.startsWith('redb deploy main --branch staging --yes')) expect(r.stdout).toMatch(/deployed database stg/);
      }
      // the rollback left staging as it was before the deploy: empty
      const status = shell('redb diff @stg main --json', { cwd: dir, env });
      expect(status.json.changes.map((c: { type: string }) => c.type)).toEqual(['create']);
    });
  });
});
