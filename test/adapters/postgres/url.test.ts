/** URL parsing and the adapter registry; neither quotes a URL (it may hold a password). */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePgUrl } from '../../../adapters/postgres/url.js';
import { urlScheme } from '../../../adapters/url.js';
import { adapterForUrl, knownSchemes } from '../../../adapters/registry.js';
import { ConnectError } from '../../../adapters/types.js';

// URL redaction is engine-neutral: its table of URL shapes is in test/config/url-secrets.test.ts

describe('parsePgUrl', () => {
  it('reads server URLs', () => {
    expect(parsePgUrl('postgres://app:pw@db.example:6543/shop')).toMatchObject({ kind: 'server', host: 'db.example', port: 6543, user: 'app', database: 'shop', password: 'pw' });
    expect(parsePgUrl('postgresql://app@db/shop')).toMatchObject({ kind: 'server', port: 5432 });
  });

  it('reads PGlite URLs: memory, relative, absolute and home directories', () => {
    expect(parsePgUrl('pglite://memory')).toEqual({ kind: 'pglite', dataDir: undefined });
    expect(parsePgUrl('pglite://./data/app')).toEqual({ kind: 'pglite', dataDir: resolve('data/app') });
    expect(parsePgUrl('pglite://data/app')).toEqual({ kind: 'pglite', dataDir: resolve('data/app') });
    expect(parsePgUrl('pglite:///abs/path')).toEqual({ kind: 'pglite', dataDir: '/abs/path' });
    expect(parsePgUrl('pglite://~/redb')).toEqual({ kind: 'pglite', dataDir: resolve(homedir(), 'redb') });
  });

  it('refuses what it cannot read, without the password', () => {
    expect(() => parsePgUrl('pglite://')).toThrow(ConnectError);
    expect(() => parsePgUrl('mysql://u:pw@h/db')).toThrow(/unsupported scheme mysql/);
    try {
      parsePgUrl('postgres://u:se cret@[bad/db');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConnectError);
      expect((err as ConnectError).message).not.toContain('se cret');
      expect((err as ConnectError).hint).toMatch(/postgres:\/\//);
    }
  });

  it('refuses a PostgreSQL scheme without //', () => {
    expect(() => parsePgUrl('pglite:data')).toThrow(/pglite: must be followed by \/\//);
    expect(() => parsePgUrl('postgres:db')).toThrow(ConnectError);
  });

  it('finds the scheme of any URL', () => {
    expect(urlScheme('PostgreSQL://x')).toBe('postgresql');
    expect(urlScheme('/just/a/path')).toBeUndefined();
    // a URL without // has a scheme too (SQLite writes sqlite::memory:); a host and port do not
    expect(urlScheme('sqlite::memory:')).toBe('sqlite');
    expect(urlScheme('localhost:5432')).toBeUndefined();
    expect(urlScheme('db.internal:5432/app')).toBeUndefined();
    expect(urlScheme('user@db:5432/app')).toBeUndefined();
  });
});

describe('adapterForUrl', () => {
  it('maps every PostgreSQL scheme to the postgres adapter', async () => {
    for (const url of ['postgres://h/db', 'postgresql://h/db', 'pglite://memory']) expect((await adapterForUrl(url)).dialect).toBe('postgres');
    expect(knownSchemes()).toEqual(expect.arrayContaining(['postgres', 'postgresql', 'pglite']));
  });

  it('names the known schemes for an unknown one, without the password', async () => {
    try {
      await adapterForUrl('oracle://scott:tiger@db/orcl');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConnectError);
      const e = err as ConnectError;
      expect(e.message).toContain('oracle://');
      expect(e.message).not.toContain('tiger');
      expect(e.hint).toContain('postgres://');
      expect(e.hint).toContain('pglite://');
    }
    await expect(adapterForUrl('localhost:5432')).rejects.toThrow(ConnectError);
  });
});
