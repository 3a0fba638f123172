/** Secrets: redaction of printed URLs, ${ENV} interpolation, passwords kept out of redb.yaml. */
import { describe, expect, it } from 'vitest';
import { redactText, redactUrl } from '../../src/config/redact.js';
import { interpolate, referencedVariables } from '../../src/config/interpolate.js';
import { joinUrlSecrets, splitUrlSecrets } from '../../src/config/url-secrets.js';

describe('redactUrl', () => {
  it('masks passwords and secret parameters, keeps the rest', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/app')).toBe('postgres://app:***@db:5432/app');
    expect(redactUrl('postgres://app@db/app')).toBe('postgres://app@db/app');
    expect(redactUrl('postgres://db/app?sslmode=require&password=x')).toBe('postgres://db/app?sslmode=require&password=***');
    expect(redactUrl('pglite://./data')).toBe('pglite://./data');
    expect(redactUrl('mysql://root:p%40ss@h/db')).toBe('mysql://root:***@h/db');
  });
  it('masks URLs inside free text', () => {
    expect(redactText('failed to reach postgres://u:pw@h/db: refused')).toBe('failed to reach postgres://u:***@h/db: refused');
  });
});

describe('interpolate', () => {
  it('substitutes ${VAR} and names a missing one', () => {
    expect(referencedVariables('postgres://u:${PW}@${HOST}/db')).toEqual(['PW', 'HOST']);
    expect(interpolate('postgres://u:${PW}@h/db', { PW: 'x' })).toBe('postgres://u:x@h/db');
    expect(() => interpolate('postgres://u:${NOPE}@h/db', {})).toThrow(/\$\{NOPE\}, which is not set/);
  });
});

describe('credentials', () => {
  it('splits a literal password out and puts it back', () => {
    expect(splitUrlSecrets('postgres://app:p%40ss@db/app')).toEqual({ url: 'postgres://app@db/app', secrets: { password: 'p@ss' } });
    expect(splitUrlSecrets('postgres://app:${PW}@db/app')).toEqual({ url: 'postgres://app:${PW}@db/app', secrets: {} });
    expect(joinUrlSecrets('postgres://app@db/app', { password: 'p@ss' })).toBe('postgres://app:p%40ss@db/app');
    expect(joinUrlSecrets('postgres://app@db/app', {})).toBe('postgres://app@db/app');
  });
});
