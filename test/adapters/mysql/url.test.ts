/** MySQL URLs: parsing, the required database, parameters, redaction; the registry finds the adapter for both schemes. */
import { describe, expect, it } from 'vitest';
import { descriptorForUrl } from '../../../adapters/registry.js';
import { describeTarget, parseMysqlUrl, redactMysqlUrl } from '../../../adapters/mysql/url.js';
import { featuresOf, parseServerVersion } from '../../../adapters/mysql/features.js';
import { ConnectError } from '../../../adapters/types.js';

describe('parseMysqlUrl', () => {
  it('reads user, password, host, port and database; mariadb:// is the same', () => {
    expect(parseMysqlUrl('mysql://app:s%40cret@db.internal:3307/shop')).toEqual({ host: 'db.internal', port: 3307, user: 'app', password: 's@cret', database: 'shop' });
    expect(parseMysqlUrl('mariadb://root@127.0.0.1/test')).toEqual({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
    expect(parseMysqlUrl('mysql://u@h/my%20db')).toMatchObject({ database: 'my db' });
  });

  it('reads ssl and socket parameters', () => {
    expect(parseMysqlUrl('mysql://u@localhost/app?socket=/run/mysqld/mysqld.sock&ssl=true')).toMatchObject({ socket: '/run/mysqld/mysqld.sock', ssl: true });
    expect(describeTarget(parseMysqlUrl('mysql://u:pw@localhost/app?socket=/tmp/s.sock'))).toBe('u@/tmp/s.sock/app');
  });

  it('refuses a URL without a database, an unknown parameter, another scheme: with a hint and without the password', () => {
    for (const url of ['mysql://u:hunter2@h', 'mysql://u:hunter2@h/', 'mysql://u:hunter2@h/a?charset=x', 'mysql://u:hunter2@h/a?ssl=maybe', 'postgres://u:hunter2@h/a', 'mysql:h/a']) {
      let err: unknown;
      try {
        parseMysqlUrl(url);
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(ConnectError);
      expect((err as ConnectError).message, url).toMatch(/invalid MySQL URL/);
      expect((err as ConnectError).message + (err as ConnectError).hint).not.toContain('hunter2');
      expect((err as ConnectError).hint).toMatch(/mysql:\/\/user:password@host:3306\/database/);
    }
    expect(() => parseMysqlUrl('mysql://u@h')).toThrow(/database is missing/);
  });
});

describe('redactMysqlUrl', () => {
  it('masks the password, also one with an unencoded @', () => {
    expect(redactMysqlUrl('mysql://app:s3cret@db/app')).toBe('mysql://app:***@db/app');
    expect(redactMysqlUrl('mariadb://app:p@ss@db:3306/app?ssl=true')).toBe('mariadb://app:***@db:3306/app?ssl=true');
    expect(redactMysqlUrl('mysql://app@db/app')).toBe('mysql://app@db/app');
  });
});

describe('server flavour and version', () => {
  it('tells MariaDB from MySQL and reads the version', () => {
    expect(parseServerVersion('10.11.19-MariaDB-0+deb12u1')).toEqual({ flavour: 'mariadb', version: [10, 11, 19] });
    expect(parseServerVersion('5.5.5-10.6.1-MariaDB')).toEqual({ flavour: 'mariadb', version: [10, 6, 1] });
    expect(parseServerVersion('8.0.36')).toEqual({ flavour: 'mysql', version: [8, 0, 36] });
  });

  it('turns them into features', () => {
    expect(featuresOf('mariadb', [10, 11, 19])).toMatchObject({ ignoredIndexColumn: 'IGNORED', descendingIndexes: true, functionalIndexes: false, viewAlgorithmInCatalog: true, jsonIsText: true, quotedDefaults: true });
    expect(featuresOf('mariadb', [10, 5, 0])).toMatchObject({ descendingIndexes: false, checkConstraints: true });
    expect(featuresOf('mariadb', [10, 5, 0]).ignoredIndexColumn).toBeUndefined();
    expect(featuresOf('mysql', [8, 0, 36])).toMatchObject({ ignoredIndexColumn: 'IS_VISIBLE', functionalIndexes: true, viewAlgorithmInCatalog: false, quotedDefaults: false, jsonIsText: false });
    expect(featuresOf('mysql', [8, 0, 15]).checkConstraints).toBe(false);
  });
});

describe('the registry', () => {
  it('finds the mysql adapter for mysql:// and mariadb://', () => {
    expect(descriptorForUrl('mysql://h/a').dialect).toBe('mysql');
    expect(descriptorForUrl('MariaDB://h/a').dialect).toBe('mysql');
  });
});
