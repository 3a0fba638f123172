/**
 * Connections to the real MariaDB/MySQL at REDB_TEST_MYSQL_URL: flavour and version, one
 * statement per `run`, scripts, transactions, streams; and the errors a user meets (a
 * wrong password for a user that has one, an unknown database, a server that is not
 * MySQL on the port), none of which prints the password.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import { ConnectError, type Connection } from '../../../adapters/types.js';
import { MYSQL_URL, skipNote } from '../../support/live.js';
import { admin, freshMysqlDatabase, noServer, withDatabase } from './helpers.js';

const PASSWORD = 'Pw-9f3e!x@y';
const USER = `redb_pw_${process.pid}`;

async function connectError(url: string): Promise<ConnectError> {
  try {
    const c = await mysqlAdapter.connect(url);
    await c.close();
  } catch (e) {
    return e as ConnectError;
  }
  throw new Error(`connected to ${url}`);
}

describe.skipIf(noServer)(skipNote('MySQL connections', noServer), () => {
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let conn: Connection;
  const userUrl = (password: string) => {
    const u = new URL(withDatabase(MYSQL_URL as string, db.name));
    u.username = USER;
    u.password = encodeURIComponent(password);
    return u.toString();
  };

  beforeAll(async () => {
    db = await freshMysqlDatabase('redb_myconn');
    await admin(`CREATE USER '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'; CREATE USER '${USER}'@'localhost' IDENTIFIED BY '${PASSWORD}';
      GRANT ALL ON \`${db.name}\`.* TO '${USER}'@'%'; GRANT ALL ON \`${db.name}\`.* TO '${USER}'@'localhost'`);
    conn = await mysqlAdapter.connect(db.url);
  });
  afterAll(async () => {
    await conn?.close();
    await admin(`DROP USER IF EXISTS '${USER}'@'%'; DROP USER IF EXISTS '${USER}'@'localhost'`);
    await db?.drop();
  });

  it('says which server it is: flavour and version', () => {
    expect(conn.serverVersion).toMatch(/^(MariaDB|MySQL) \d+\.\d+\.\d+$/);
    expect(conn.flavour).toBe(conn.serverVersion.startsWith('MariaDB') ? 'mariadb' : 'mysql');
  });

  it('connects as a user with a password given in the URL', async () => {
    const c = await mysqlAdapter.connect(userUrl(PASSWORD));
    expect(await c.query('SELECT CURRENT_USER() AS u')).toEqual([{ u: expect.stringContaining(USER) }]);
    await c.close();
  });

  it('a wrong password is an access-denied ConnectError that never prints either password', async () => {
    const err = await connectError(userUrl('wrong-Secret-77'));
    expect(err).toBeInstanceOf(ConnectError);
    expect(err.message).toMatch(new RegExp(`access denied for user "${USER}"`));
    const text = `${err.message} ${err.hint} ${err.stack}`;
    expect(text).not.toContain('wrong-Secret-77');
    expect(text).not.toContain(PASSWORD);
  });

  it('an unknown database is named, with a hint to create it', async () => {
    const err = await connectError(withDatabase(MYSQL_URL as string, 'redb_no_such_db_x'));
    expect(err.message).toMatch(/database "redb_no_such_db_x" does not exist/);
    expect(err.hint).toMatch(/CREATE DATABASE/);
  });

  describe('a server that is not MySQL on the port', () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      // what an HTTP server says to a client that speaks first or not at all
      server = createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('is a ConnectError naming host and port, without the password', async () => {
      const err = await connectError(`mysql://u:hunter2-Z@127.0.0.1:${port}/app`);
      expect(err).toBeInstanceOf(ConnectError);
      expect(err.message).toContain(`127.0.0.1:${port}`);
      expect(err.hint, err.message).toMatch(/MySQL or MariaDB/);
      expect(`${err.message} ${err.hint}`).not.toContain('hunter2-Z');
    });
  });

  it('nothing listening is "cannot reach"', async () => {
    const err = await connectError('mysql://u:hunter2-Q@127.0.0.1:1/app');
    expect(err.message).toMatch(/cannot reach MySQL at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect(`${err.message} ${err.hint}`).not.toContain('hunter2-Q');
  });

  it('run() refuses a second statement; exec() runs a script one statement at a time', async () => {
    await expect(conn.run('CREATE TABLE one (a INT); CREATE TABLE two (a INT)')).rejects.toThrow(/syntax/i);
    expect(await conn.query("SELECT count(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('one', 'two')")).toEqual([{ n: '0' }]);
    await conn.exec("CREATE TABLE one (a VARCHAR(10) DEFAULT 'x;y'); -- a comment; still\nCREATE TABLE two (a INT); INSERT INTO one VALUES ('a;b')");
    expect(await conn.query('SELECT a FROM one')).toEqual([{ a: 'a;b' }]);
  });

  it('transaction() commits or rolls back; stream() reads in batches', async () => {
    await conn.run('CREATE TABLE nums (n INT) ENGINE=InnoDB');
    await expect(conn.transaction(async () => { await conn.run('INSERT INTO nums VALUES (1)'); throw new Error('boom'); })).rejects.toThrow('boom');
    await conn.transaction(async () => { await conn.exec('INSERT INTO nums VALUES (2); INSERT INTO nums VALUES (3); INSERT INTO nums VALUES (4)'); });
    const batches: number[][] = [];
    for await (const b of conn.stream<{ n: number }>('SELECT n FROM nums ORDER BY n', [], 2)) batches.push(b.map((r) => r.n));
    expect(batches).toEqual([[2, 3], [4]]);
  });
});

describe.skipIf(noServer)(skipNote('MySQL reads by a user with fewer rights', noServer), () => {
  const user = `redb_ro_${process.pid}`;
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;

  beforeAll(async () => {
    db = await freshMysqlDatabase('redb_myro');
    const c = await mysqlAdapter.connect(db.url);
    await c.run('CREATE TABLE t (a INT)');
    await c.run('CREATE VIEW v AS SELECT a FROM t');
    await c.run('CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1');
    await c.close();
    // SELECT and EXECUTE, but neither SHOW VIEW nor a way to read routine bodies it did not define
    await admin(`CREATE USER '${user}'@'%' IDENTIFIED BY 'ro-pw'; CREATE USER '${user}'@'localhost' IDENTIFIED BY 'ro-pw';
      GRANT SELECT, EXECUTE ON \`${db.name}\`.* TO '${user}'@'%'; GRANT SELECT, EXECUTE ON \`${db.name}\`.* TO '${user}'@'localhost'`);
  });
  afterAll(async () => {
    await admin(`DROP USER IF EXISTS '${user}'@'%'; DROP USER IF EXISTS '${user}'@'localhost'`);
    await db?.drop();
  });

  it('refuses to read a model with empty definitions: names the view and the function, and the privileges', async () => {
    const u = new URL(db.url);
    u.username = user;
    u.password = 'ro-pw';
    const c = await mysqlAdapter.connect(u.toString());
    try {
      const err = await mysqlAdapter.introspect(c).then(() => undefined, (e: ConnectError) => e);
      expect(err).toBeInstanceOf(ConnectError);
      expect(err?.message).toBe('this user cannot see the definition of view v, function f');
      expect(err?.hint).toMatch(/SHOW VIEW/);
      expect(err?.hint).toMatch(/definer/);
    } finally {
      await c.close();
    }
  });
});
