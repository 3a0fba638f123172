/** .redb/credentials.json: owner-only, atomic, and never silently reset when it cannot be read. */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSecrets, storeSecrets } from '../../src/config/credentials.js';
import { RedbError } from '../../src/errors.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'redb-creds-'));
const mode = (path: string) => statSync(path).mode & 0o777;

describe('credentials file', () => {
  it('is created 0600 in a directory it creates 0700, with nothing left beside it', async () => {
    const dir = join(fresh(), '.redb');
    const file = join(dir, 'credentials.json');
    await storeSecrets(file, 'prod', { password: 'p@ss', params: { sslpassword: 'k' } });
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
    expect(await readSecrets(file, 'prod')).toEqual({ password: 'p@ss', params: { sslpassword: 'k' } });
  });

  it('narrows a file that was too open when it rewrites it', async () => {
    const file = join(fresh(), 'credentials.json');
    writeFileSync(file, '{"old": "pw"}', { mode: 0o644 });
    await storeSecrets(file, 'prod', { password: 'x' });
    expect(mode(file)).toBe(0o600);
    expect(await readSecrets(file, 'old')).toEqual({ password: 'pw' });
  });

  it('refuses a corrupt file, naming it, and keeps it as it was', async () => {
    const file = join(fresh(), 'credentials.json');
    const corrupt = '{"prod": "Sup3rSecret", "dev": ';
    writeFileSync(file, corrupt, { mode: 0o600 });
    for (const attempt of [() => storeSecrets(file, 'new', { password: 'x' }), () => readSecrets(file, 'prod')]) {
      const err = await attempt().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(RedbError);
      expect((err as RedbError).code).toBe('E_CREDENTIALS');
      expect((err as RedbError).message).toContain(file);
      expect((err as RedbError).message).not.toContain('Sup3rSecret');
      expect((err as RedbError).hint).toMatch(/fix the file by hand|redb database connect/);
    }
    expect(readFileSync(file, 'utf8')).toBe(corrupt);
  });

  it('refuses entries of the wrong shape', async () => {
    const file = join(fresh(), 'credentials.json');
    writeFileSync(file, '{"prod": {"password": 42}}');
    await expect(readSecrets(file, 'prod')).rejects.toThrow(/"prod"/);
    writeFileSync(file, '[]');
    await expect(readSecrets(file, 'prod')).rejects.toThrow(/not a JSON object/);
  });

  it('forgets a database and leaves the others', async () => {
    const file = join(fresh(), 'credentials.json');
    await storeSecrets(file, 'a', { password: '1' });
    await storeSecrets(file, 'b', { password: '2' });
    await storeSecrets(file, 'a', undefined);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ b: { password: '2' } });
  });
});
