/**
 * The programmatic API as a user of the built package meets it: `import … from 'redb'`
 * (the package's own name, resolved through package.json `exports` to
 * dist/src/index.js, so `npm run build` comes first, as `pretest` does), and a small
 * flow on a real embedded PGlite database: init → connect → repo → attach → commit →
 * change the database → status → diff → log.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import * as redb from 'redb';
import { tempDir } from './support/cli.js';

async function sql(dir: string, text: string): Promise<void> {
  const db = new PGlite(dir);
  try {
    await db.exec(text);
  } finally {
    await db.close();
  }
}

describe("import from 'redb'", () => {
  it('resolves to the built package, not the sources', () => {
    expect(import.meta.resolve('redb')).toMatch(/\/dist\/src\/index\.js$/);
  });

  it('exports the core, the model helpers, the errors and the adapter registry', () => {
    for (const name of ['Workspace', 'connectDatabase', 'addRepo', 'createBranch', 'attachBranch', 'commitBranch', 'status', 'log', 'diff', 'createPlan', 'deploy', 'rollback', 'modelToFiles', 'filesToModel', 'RedbError', 'ExitCode', 'ConnectError', 'adapterForUrl', 'knownSchemes']) {
      expect(redb, name).toHaveProperty(name);
    }
    expect(redb.knownSchemes()).toContain('pglite');
  });

  it('runs init → connect → commit → diff on PGlite', async () => {
    const dir = tempDir('redb-api-');
    const dbDir = join(dir, 'db');
    await sql(dbDir, 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)');
    process.env.GIT_AUTHOR_NAME = 'API Test';
    process.env.GIT_AUTHOR_EMAIL = 'api@example.com';
    const ws = await redb.Workspace.init(join(dir, 'ws'));
    const info = await redb.connectDatabase(ws, 'dev', `pglite://${dbDir}`);
    expect(info.dialect).toBe('postgres');
    await redb.addRepo(ws, 'app');
    const ref = { repo: 'app', branch: 'main' };
    await redb.attachBranch(ws, ref, 'dev');
    const first = await redb.commitBranch(ws, { ...ref, message: 'Initial schema' });
    expect(first.committed).toBe(true);
    expect(first.changes.map((c) => c.id)).toContain('public.users');

    await sql(dbDir, 'ALTER TABLE users ADD COLUMN nickname text');
    const opened = await redb.Workspace.open(join(dir, 'ws'));
    const st = await redb.status(opened, ref);
    expect(JSON.stringify(st)).toContain('public.users');
    const d = await redb.diff(opened, ref);
    expect(d.same).toBe(false);
    expect(d.plan.steps.map((s) => s.sql).join('\n')).toMatch(/ADD COLUMN "?nickname"?/i);

    const second = await redb.commitBranch(opened, { ...ref, message: 'Add nickname' });
    expect(second.parent).toBe(first.commit);
    expect((await redb.log(opened, ref)).map((c) => c.message.trim())).toEqual(['Add nickname', 'Initial schema']);
    expect((await redb.diff(opened, ref)).same).toBe(true);
  });

  it('throws RedbError with a code and a hint, as the CLI reports them', async () => {
    const err = await redb.Workspace.open(tempDir('redb-api-none-')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(redb.RedbError);
    expect(err).toMatchObject({ code: 'E_NO_WORKSPACE', exitCode: redb.ExitCode.badConfig });
    expect((err as redb.RedbError).hint).toMatch(/redb init/);
  });
});
