/** Where a URL keeps its secrets: split out for the credentials store, joined back for the driver, masked for display. */
import { describe, expect, it } from 'vitest';
import { joinUrlSecrets, redactText, redactUrl, splitUrlSecrets } from '../../src/config/url-secrets.js';
import { resolveConnectionUrl } from '../../src/config/resolve-url.js';
import { RedbError } from '../../src/errors.js';

describe('splitUrlSecrets', () => {
  const cases: [string, string, object][] = [
    ['postgres://app:s3cret@db:5432/shop', 'postgres://app@db:5432/shop', { password: 's3cret' }],
    ['postgres://app:p%40ss@db/app', 'postgres://app@db/app', { password: 'p@ss' }],
    // an unencoded @ in the password: the user info ends at the last @ before the host, as for WHATWG URLs
    ['postgres://app:p@ss@w0rd@db/app', 'postgres://app@db/app', { password: 'p@ss@w0rd' }],
    ['postgres://app:a:b&c d%zz+e@db/app', 'postgres://app@db/app', { password: 'a:b&c d%zz+e' }],
    ['postgres://app@db/app?sslmode=require&password=hunter%232', 'postgres://app@db/app?sslmode=require', { params: { password: 'hunter#2' } }],
    ['postgres://app@db/app?sslpassword=k3y&application_name=x', 'postgres://app@db/app?application_name=x', { params: { sslpassword: 'k3y' } }],
    ['mysql://root@h/db?Password=Tiger1&password2=Two2', 'mysql://root@h/db', { params: { Password: 'Tiger1', password2: 'Two2' } }],
    ['sqlserver://h:1433;user=sa;Pwd=Sa%3Bpw;databaseName=app', 'sqlserver://h:1433;user=sa;databaseName=app', { params: { Pwd: 'Sa;pw' } }],
    ['oracle://scott:tiger@db:1521/orcl', 'oracle://scott@db:1521/orcl', { password: 'tiger' }],
    ['mongodb+srv://u:secret@cluster0.example.net/db?authSource=admin', 'mongodb+srv://u@cluster0.example.net/db?authSource=admin', { password: 'secret' }],
    // references name a secret; they stay in redb.yaml as written
    ['postgres://app:${PGPASS}@db/app?sslpassword=${KEYPASS}', 'postgres://app:${PGPASS}@db/app?sslpassword=${KEYPASS}', {}],
    ['${DATABASE_URL}', '${DATABASE_URL}', {}],
    ['pglite://./data/app', 'pglite://./data/app', {}],
    // an @ after the host is only ambiguous when something before the host could be a password
    ['pglite://./data@2/app', 'pglite://./data@2/app', {}],
    ['postgres://db/app?application_name=a@b', 'postgres://db/app?application_name=a@b', {}],
  ];
  for (const [url, stored, secrets] of cases) it(url, () => expect(splitUrlSecrets(url)).toEqual({ url: stored, secrets }));

  const refused: [string, string[]][] = [
    ['postgres://app:Kq7v/Zp4w@db/app', ['Kq7v', 'Zp4w']],
    ['postgres://app:Kq7v?Zp4w@db/app', ['Kq7v', 'Zp4w']],
    ['postgres://app:Kq7v#Zp4w@db/app', ['Kq7v', 'Zp4w']],
    ['postgres://app:Kq7v;Zp4w@db/app', ['Kq7v', 'Zp4w']],
    ['postgres://app:12/Zp4w@db/app', ['Zp4w']],
    ['postgres://app:Kq7v@Zx3c/Zp4w@db/app', ['Kq7v', 'Zx3c', 'Zp4w']],
    ['postgres://db:5432/app?application_name=Kq7v@Zp4w', ['Kq7v', 'Zp4w']],
    ['postgres://app@db/app?password=Kq7v&Zp4w', ['Kq7v', 'Zp4w']],
    ['postgres://app@db/app?password=Kq7v+Zp4w', ['Kq7v', 'Zp4w']],
    ['postgres://app@db/app?password=Kq7v#Zp4w', ['Kq7v', 'Zp4w']],
    ['postgres://app:Kq7v${PW}@db/app', ['Kq7v']],
  ];
  for (const [url, parts] of refused) {
    it(`refuses ${url} without quoting it`, () => {
      let error: unknown;
      try {
        splitUrlSecrets(url, { where: 'the URL of prod' });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(RedbError);
      const e = error as RedbError;
      expect(e.code).toBe('E_URL_SECRET');
      expect(e.message).toContain('the URL of prod');
      expect(e.hint).toMatch(/percent-encode/);
      for (const part of parts) expect(`${e.message} ${e.hint}`).not.toContain(part);
    });
  }
});

describe('joinUrlSecrets', () => {
  it('puts secrets back percent-encoded, and split gives them back unchanged', () => {
    const secrets = { password: 'a@b/c#d?e:f%g h+i&j;k', params: { sslpassword: 'x&y=z+w' } };
    const joined = joinUrlSecrets('postgres://app@db/app?sslmode=disable', secrets);
    expect(joined).toBe('postgres://app:a%40b%2Fc%23d%3Fe%3Af%25g%20h%2Bi%26j%3Bk@db/app?sslmode=disable&sslpassword=x%26y%3Dz%2Bw');
    expect(new URL(joined).password).toBe('a%40b%2Fc%23d%3Fe%3Af%25g%20h%2Bi%26j%3Bk');
    expect(splitUrlSecrets(joined)).toEqual({ url: 'postgres://app@db/app?sslmode=disable', secrets });
  });
});

describe('resolveConnectionUrl', () => {
  it('substitutes a referenced password as it is, then encodes it', () => {
    expect(resolveConnectionUrl('postgres://app:${PW}@db/app', {}, { PW: 'p@ss/w#rd' }, 'x')).toBe('postgres://app:p%40ss%2Fw%23rd@db/app');
    expect(resolveConnectionUrl('postgres://app@db/app?sslpassword=${K}', {}, { K: 'k&1' }, 'x')).toBe('postgres://app@db/app?sslpassword=k%261');
  });
  it('puts stored secrets back and splits a URL held by a variable', () => {
    expect(resolveConnectionUrl('postgres://app@db/app', { password: 'p@ss', params: { password: 'q' } }, {}, 'x')).toBe('postgres://app:p%40ss@db/app?password=q');
    expect(resolveConnectionUrl('${DB}', {}, { DB: 'postgres://u:p%40ss@h/d' }, 'x')).toBe('postgres://u:p%40ss@h/d');
  });
});

describe('redactUrl', () => {
  const cases: [string, string][] = [
    ['postgres://app:s3cret@db:5432/shop', 'postgres://app:***@db:5432/shop'],
    ['postgresql://app:s3cret@db/shop?sslmode=require', 'postgresql://app:***@db/shop?sslmode=require'],
    ['postgres://app@db/shop', 'postgres://app@db/shop'],
    ['postgres://db/shop', 'postgres://db/shop'],
    ['postgres://app:p@ss@w0rd@db/shop', 'postgres://app:***@db/shop'],
    ['postgres://app:pw@db/shop?application_name=a@b', 'postgres://app:***@db/shop?application_name=a@b'],
    ['postgres://app:pw%2F1@db/shop', 'postgres://app:***@db/shop'],
    ['postgres://app:pa/ss@db/shop', 'postgres://app:***@db/shop'],
    ['postgres://app:pa?ss@db/shop', 'postgres://app:***@db/shop'],
    ['postgres://app:pass/shop', 'postgres://app:***/shop'],
    ['postgres://app:pa#ss@db/shop', 'postgres://***'],
    ['postgres://app@db/shop?password=hunter2&sslmode=disable', 'postgres://app@db/shop?password=***&sslmode=disable'],
    ['postgres://app@db/shop?sslpassword=k&Password=x', 'postgres://app@db/shop?sslpassword=***&Password=***'],
    ['sqlserver://h;user=sa;pwd=x;databaseName=a', 'sqlserver://h;user=sa;pwd=***;databaseName=a'],
    ['postgres://app:${PGPASS}@db/shop', 'postgres://app:${PGPASS}@db/shop'],
    ['mysql://root:toor@localhost:3306/app', 'mysql://root:***@localhost:3306/app'],
    ['mysql://root:p%40ss@h/db', 'mysql://root:***@h/db'],
    ['mongodb+srv://u:secret@cluster0.example.net/db', 'mongodb+srv://u:***@cluster0.example.net/db'],
    ['pglite://memory', 'pglite://memory'],
    ['pglite://./data/app', 'pglite://./data/app'],
    ['not a url', 'not a url'],
  ];
  for (const [url, redacted] of cases) it(url, () => expect(redactUrl(url)).toBe(redacted));

  it('masks URLs inside free text', () => {
    expect(redactText('failed to reach postgres://u:pw@h/db: refused')).toBe('failed to reach postgres://u:***@h/db: refused');
  });
});
