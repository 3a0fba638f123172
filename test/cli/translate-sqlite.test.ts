/**
 * `redb translate` with SQLite on either side, by CLI: sakila from a SQLite file into
 * PostgreSQL and into MariaDB, and the PostgreSQL schema with every common type into a
 * SQLite file; each deployed onto an empty database (proved, verified) and equal to the
 * translation (`redb diff BRANCH @db --exit-code` is 0).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { redb, redbOk, tempDir } from '../support/cli.js';
import { CORPUS, corpusMissing, freshPgDatabase, MYSQL_URL, PG_URL, psqlFile, skipNote } from '../support/live.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';

const EVERY_TYPE = new URL('../translate/pg-every-type.sql', import.meta.url).pathname;
const noServers = !PG_URL || !MYSQL_URL ? 'REDB_TEST_PG_URL and REDB_TEST_MYSQL_URL are both needed' : undefined;
const skip = noServers ?? corpusMissing();

interface Entry { object: string; kind: string; from?: string; to?: string; reason: string }
const entry = (report: Entry[], object: string, kind: string) => report.find((e) => e.object === object && e.kind === kind);

describe.skipIf(skip)(skipNote('redb translate from and to SQLite, deployed', skip), () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it('sakila (SQLite) → PostgreSQL and → MariaDB: each deployed onto an empty database, equal', async () => {
    const dir = tempDir('redb-translate-lite-');
    const file = join(dir, 'sakila.db');
    const db = new Database(file);
    db.exec(readFileSync(join(CORPUS, 'jooq-sakila/sqlite-sakila-db/sqlite-sakila-schema.sql'), 'utf8'));
    db.close();
    const [pg, maria, scratchHost] = [await freshPgDatabase('redb_trl'), await freshMysqlDatabase('redb_trl'), await freshMysqlDatabase('redb_trl')];
    drops.push(pg.drop, maria.drop, scratchHost.drop);
    const ws = join(dir, 'ws');
    for (const args of [['init', ws], ['database', 'connect', 'src', `sqlite://${file}`], ['database', 'connect', 'pg', pg.url], ['database', 'connect', 'maria', maria.url], ['database', 'connect', 'scratch', scratchHost.url],
      ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'sakila']]) redbOk(ws, args);

    const toPg = redbOk(ws, ['translate', 'main', '--to', 'postgres', '--branch', 'pg', '--json']).json;
    expect(toPg.source.dialect).toBe('sqlite');
    // a check that is more than one comparison is SQL of the source: reported, not translated
    expect(entry(toPg.report, 'main.film."CHECK_special_rating"', 'check')?.reason).toMatch(/not a simple comparison/);
    for (const args of [['branch', 'attach', 'pg', 'pg'], ['deploy', 'pg', '--branch', 'pg', '--yes']]) redbOk(ws, args);
    expect(redb(ws, ['diff', 'pg', '@pg', '--exit-code']).code).toBe(0);

    const toMaria = redbOk(ws, ['translate', 'main', '--to', 'mysql', '--scratch', 'scratch', '--branch', 'maria', '--json']).json;
    // SQLite's INT referencing an INTEGER key: MariaDB refuses a key between int and bigint
    expect(entry(toMaria.report, 'main.address.city_id', 'type')).toMatchObject({ to: 'bigint(20)', reason: expect.stringContaining('takes the type of the column it references (main.city.city_id)') });
    for (const args of [['branch', 'attach', 'maria', 'maria'], ['deploy', 'maria', '--branch', 'maria', '--yes']]) redbOk(ws, args);
    expect(redb(ws, ['diff', 'maria', '@maria', '--exit-code']).code).toBe(0);
  }, 300_000);

  it('every common PostgreSQL type → a SQLite file: deployed, equal, lossy columns reported', async () => {
    const src = await freshPgDatabase('redb_trl');
    drops.push(src.drop);
    psqlFile(src.url, EVERY_TYPE);
    const dir = tempDir('redb-translate-tolite-');
    const ws = join(dir, 'ws');
    for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['database', 'connect', 'lite', `sqlite://${join(dir, 'app.db')}?mode=rwc`],
      ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'every type']]) redbOk(ws, args);
    const t = redbOk(ws, ['translate', 'main', '--to', 'sqlite', '--branch', 'lite', '--json']).json;
    expect(t.normalizedOn).toMatch(/in-memory SQLite/);
    expect(entry(t.report, 'public.posts.tags', 'type')).toMatchObject({ to: 'JSON', reason: expect.stringContaining('JSON array') });
    expect(entry(t.report, 'public.posts.duration', 'type')).toMatchObject({ to: 'TEXT', reason: expect.stringContaining('no interval type') });
    expect(entry(t.report, 'public.posts.zoned_ts', 'type')).toMatchObject({ to: 'DATETIME', reason: expect.stringContaining('time zone') });
    expect(entry(t.report, 'public.posts.feeling', 'type')?.reason).toMatch(/labels are not checked/);
    expect(entry(t.report, 'public.posts.public_id', 'default')?.reason).toMatch(/cannot have this default/);
    expect(entry(t.report, 'public.authors.id', 'type')).toMatchObject({ to: 'INTEGER', reason: expect.stringContaining('counter') });
    // a --type is a type name, never SQL to run
    const smuggled = redb(ws, ['translate', 'main', '--to', 'sqlite', '--type', 'posts.title=TEXT); DROP TABLE authors; --', '--json']);
    expect(smuggled.code).toBe(64);
    expect(smuggled.json.error).toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('columns[') });
    for (const args of [['branch', 'attach', 'lite', 'lite'], ['deploy', 'lite', '--branch', 'lite', '--yes']]) redbOk(ws, args);
    expect(redb(ws, ['diff', 'lite', '@lite', '--exit-code']).code).toBe(0);
    const posts = redbOk(ws, ['show', 'lite', 'main.posts', '--json']).json.object;
    expect(posts.columns.find((c: { name: string }) => c.name === 'id')).toMatchObject({ autoIncrement: true, type: { native: 'INTEGER' } });
  }, 240_000);
});
