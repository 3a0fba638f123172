/** SQLite URLs: files relative to the working directory, absolute, under home, in memory; the registry finds the adapter. */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterForUrl, descriptorForUrl } from '../../../adapters/registry.js';
import { parseSqliteUrl } from '../../../adapters/sqlite/url.js';
import { ConnectError } from '../../../adapters/types.js';

describe('parseSqliteUrl', () => {
  it('reads relative, absolute and home paths', () => {
    expect(parseSqliteUrl('sqlite://./app.db')).toEqual({ kind: 'file', path: resolve('app.db'), mode: 'rw' });
    expect(parseSqliteUrl('sqlite://data/app.db')).toEqual({ kind: 'file', path: resolve('data/app.db'), mode: 'rw' });
    expect(parseSqliteUrl('sqlite:///abs/app.db')).toEqual({ kind: 'file', path: '/abs/app.db', mode: 'rw' });
    expect(parseSqliteUrl('sqlite://~/app.db')).toEqual({ kind: 'file', path: resolve(homedir(), 'app.db'), mode: 'rw' });
    expect(parseSqliteUrl('sqlite:///abs/my%20app.db')).toEqual({ kind: 'file', path: '/abs/my app.db', mode: 'rw' });
  });

  it('reads in-memory databases in both spellings', () => {
    expect(parseSqliteUrl('sqlite::memory:')).toEqual({ kind: 'memory' });
    expect(parseSqliteUrl('sqlite://:memory:')).toEqual({ kind: 'memory' });
  });

  it('reads the open mode: rw by default, rwc creates, ro reads only', () => {
    expect(parseSqliteUrl('sqlite://./new.db?mode=rwc')).toMatchObject({ mode: 'rwc' });
    expect(parseSqliteUrl('sqlite://./app.db?mode=ro')).toMatchObject({ mode: 'ro' });
  });

  it('refuses what it cannot read, with a hint', () => {
    for (const url of ['sqlite://', 'sqlite:app.db', 'sqlite://./a.db?mode=x', 'sqlite://./a.db?cache=shared', 'postgres://h/db']) {
      expect(() => parseSqliteUrl(url), url).toThrow(ConnectError);
    }
    try {
      parseSqliteUrl('sqlite://');
      expect.unreachable();
    } catch (err) {
      expect((err as ConnectError).hint).toMatch(/sqlite:\/\/\.\/app\.db/);
    }
  });
});

describe('the registry', () => {
  it('maps every SQLite spelling to the SQLite adapter', async () => {
    for (const url of ['sqlite://./app.db', 'sqlite:///abs/app.db', 'sqlite::memory:', 'SQLITE://./x.db']) {
      expect(descriptorForUrl(url).dialect, url).toBe('sqlite');
      expect((await adapterForUrl(url)).dialect, url).toBe('sqlite');
    }
    expect(descriptorForUrl('postgres://h/db').dialect).toBe('postgres');
  });

  it('opens the embedded URL of a new database, creating its file', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'redb-sqlite-embedded-'));
    try {
      const entry = descriptorForUrl('sqlite::memory:');
      const url = entry.embedded!.url(join(dir, 'new.db'));
      const conn = await (await adapterForUrl(url)).connect(url);
      await conn.close();
      expect(existsSync(join(dir, 'new.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
