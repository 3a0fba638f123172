/** `redb transformation list --json`, the salt's sources, and a dictionary from a file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTransform, parseTransformSpec, resolveSalt, storeSalt } from '../../src/jobs/transforms/index.js';
import { redb, tempDir } from '../support/cli.js';

describe('redb transformation list', () => {
  it('--json lists the catalogue with options and defaults', () => {
    const r = redb(tempDir(), ['transformation', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const names = r.json.map((t: { name: string }) => t.name);
    for (const n of ['null', 'fixed', 'redact', 'keep-first-char', 'random-string', 'email', 'first-name', 'last-name', 'full-name', 'phone', 'credit-card', 'uuid', 'hash', 'number-noise', 'date-noise', 'regexp-replace', 'dictionary']) expect(names).toContain(n);
    const email = r.json.find((t: { name: string }) => t.name === 'email');
    expect(email.options).toContainEqual(expect.objectContaining({ name: 'keep-domain', type: 'boolean', default: true, required: false }));
    const fixed = r.json.find((t: { name: string }) => t.name === 'fixed');
    expect(fixed.options).toContainEqual(expect.objectContaining({ name: 'value', required: true }));
  });
  it('prints text without --json', () => {
    const r = redb(tempDir(), ['transformation', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^redact {2}.*\n {4}keep=0 /m);
  });
});

describe('the salt', () => {
  it('comes from the environment first, then the credentials store', async () => {
    const file = join(tempDir(), '.redb', 'credentials.json');
    expect(await resolveSalt(file, {})).toBeUndefined();
    await storeSalt(file, 'stored-salt');
    expect((await resolveSalt(file, {}))?.toString()).toBe('stored-salt');
    expect((await resolveSalt(file, { REDB_TRANSFORM_SALT: 'env-salt' }))?.toString()).toBe('env-salt');
  });
});

describe('dictionary from a JSON file', () => {
  it('maps values; a file that is not an object of strings is refused without quoting it', () => {
    const dir = tempDir();
    const good = join(dir, 'map.json');
    writeFileSync(good, JSON.stringify({ Paris: 'City A', Lyon: 'City B' }));
    const fn = compileTransform(parseTransformSpec(`t.city=dictionary:file=${good}`), { deterministic: false });
    expect(fn('Lyon')).toBe('City B');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"Paris": "City A", private-data');
    expect(() => compileTransform(parseTransformSpec(`t.city=dictionary:file=${bad}`), { deterministic: false })).toThrow(/is not valid JSON$/);
  });
});
