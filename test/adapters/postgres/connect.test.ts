/** Opening connections, and the errors (with hints, never with the password) when that fails. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectErrorFor, parsePgUrl, postgresAdapter } from '../../../adapters/postgres/index.js';
import { ConnectError } from '../../../adapters/types.js';
import { PG_URL, withDatabase } from '../../support/live.js';

async function connectError(url: string): Promise<ConnectError> {
  try {
    const conn = await postgresAdapter.connect(url);
    await conn.close();
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectError);
    return err as ConnectError;
  }
  throw new Error(`connecting to ${url} succeeded`);
}

describe('connection errors', () => {
  it('reports an unreachable port with a hint', async () => {
    const err = await connectError('postgres://app:topsecret@127.0.0.1:1/app');
    expect(err.message).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1/);
    expect(err.message).not.toContain('topsecret');
    expect(err.hint).toMatch(/server is running/);
  });

  it('reports an unknown host', async () => {
    const err = await connectError('postgres://app:topsecret@no-such-host.invalid:5432/app');
    expect(err.message).toMatch(/cannot reach/);
    expect(err.message).not.toContain('topsecret');
  });

  it('maps authentication failures without the password', () => {
    const target = parsePgUrl('postgres://app:topsecret@db:5432/shop');
    if (target.kind !== 'server') throw new Error('server URL expected');
    for (const code of ['28P01', '28000']) {
      const err = connectErrorFor({ code, message: 'password authentication failed for user "app" (topsecret)' }, target);
      expect(err.message).toMatch(/authentication failed for user "app"/);
      expect(err.message).not.toContain('topsecret');
      expect(err.hint).toMatch(/password/);
    }
    const other = connectErrorFor({ message: 'boom postgres://app:topsecret@db:5432/shop' }, target);
    expect(other.message).not.toContain('topsecret');
  });

  it('refuses an unknown scheme', async () => {
    const err = await connectError('sqlserver://sa:topsecret@db/x');
    expect(err.message).not.toContain('topsecret');
    expect(err.hint).toMatch(/postgres:\/\//);
  });

  it.skipIf(!PG_URL)('reports a database that does not exist', async () => {
    const url = new URL(withDatabase(PG_URL!, 'redb_no_such_db'));
    url.password = 'topsecret';
    const err = await connectError(url.toString());
    expect(err.message).toMatch(/database "redb_no_such_db" does not exist/);
    expect(err.message).not.toContain('topsecret');
    expect(err.hint).toMatch(/createdb redb_no_such_db/);
  });

  it.skipIf(!PG_URL)('connects to a server and names its version', async () => {
    const conn = await postgresAdapter.connect(PG_URL!);
    try {
      expect(conn.serverVersion).toMatch(/^PostgreSQL \d+\.\d+$/);
      // several statements at once on one connection are queued, not interleaved
      const rows = await Promise.all([1, 2, 3].map((n) => conn.query<{ n: number }>('SELECT $1::int AS n', [n])));
      expect(rows.map((r) => r[0].n)).toEqual([1, 2, 3]);
    } finally {
      await conn.close();
    }
  });
});

describe('PGlite', () => {
  it('creates a missing directory and keeps the database there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'redb-pglite-'));
    const dir = join(root, 'nested', 'db');
    try {
      const conn = await postgresAdapter.connect(`pglite://${dir}`);
      expect(conn.serverVersion).toMatch(/^PostgreSQL \d+\.\d+ \(PGlite\)$/);
      await conn.exec('CREATE TABLE kept (id int); CREATE TABLE also_kept (id int);');
      await conn.close();
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      const again = await postgresAdapter.connect(`pglite://${dir}`);
      const rows = await again.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('kept', 'also_kept')");
      expect(rows[0].n).toBe(2);
      await again.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports a directory it cannot use', async () => {
    // a path below a regular file can never be a directory
    const root = mkdtempSync(join(tmpdir(), 'redb-pglite-'));
    try {
      writeFileSync(join(root, 'file'), '');
      const err = await connectError(`pglite://${join(root, 'file', 'db')}`);
      expect(err.message).toMatch(/cannot open the PGlite database/);
      expect(err.hint).toMatch(/writable/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
