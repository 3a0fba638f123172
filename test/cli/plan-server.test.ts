/**
 * `redb plan` and `redb diff` write statements for the server they will run on: the live
 * side's version reaches the DDL, as it does for `redb deploy`. On PostgreSQL ≥ 12 a new
 * enum value is added inside the plan's transaction; without the version it would be
 * planned for an older server, outside any transaction.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { redb, tempDir } from '../support/cli.js';

const pg = async (dir: string, sql: string) => {
  const db = new PGlite(dir);
  await db.exec(sql);
  await db.close();
};

describe('plans know the server they are for', () => {
  it('a new enum value is planned inside the transaction on the attached PostgreSQL 18 (PGlite)', async () => {
    const ws = tempDir();
    const dir = join(ws, 'db');
    await pg(dir, "CREATE TYPE mood AS ENUM ('sad')");
    for (const args of [['init', ws], ['database', 'connect', 'db', `pglite://${dir}`], ['repo', 'add', 'r'], ['branch', 'attach', 'main', 'db'], ['commit', '-m', 'one']]) {
      expect(redb(ws, args).code, args.join(' ')).toBe(0);
    }
    await pg(dir, "ALTER TYPE mood ADD VALUE 'happy'");
    expect(redb(ws, ['commit', '-m', 'two']).code).toBe(0);
    await pg(dir, "DROP TYPE mood; CREATE TYPE mood AS ENUM ('sad')");

    const plan = redb(ws, ['plan', 'main', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const steps = (plan.json as { steps: { sql: string; transactional: boolean; hazards: string[] }[] }).steps;
    const add = steps.find((s) => s.sql.includes('ADD VALUE'));
    expect(add, JSON.stringify(steps)).toMatchObject({ transactional: true });
    expect(add!.hazards).not.toContain('not-transactional');

    const diff = redb(ws, ['diff', '@db', 'main', '--json']);
    expect(diff.code, diff.stderr).toBe(0);
    expect((diff.json as { plan: { steps: { sql: string; transactional: boolean }[] } }).plan.steps.find((s) => s.sql.includes('ADD VALUE'))).toMatchObject({ transactional: true });
  });
});
