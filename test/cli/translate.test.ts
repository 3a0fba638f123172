/**
 * `redb translate` by CLI against real servers: MySQL's sakila (loaded on MariaDB) into
 * PostgreSQL, and a PostgreSQL schema with every common type into MariaDB. Each
 * translation is committed on a branch of its own, deployed onto an empty database of
 * the target engine (proved first, verified after), and the live schema equals it
 * (`redb diff BRANCH @db --exit-code` is 0). The report names each lossy column.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redb, redbOk, tempDir } from '../support/cli.js';
import { CORPUS, corpusMissing, freshPgDatabase, MYSQL_URL, PG_URL, psqlFile, skipNote } from '../support/live.js';
import { CORPUS_SCHEMAS, freshMysqlDatabase, mysqlScript, schemaOnly } from '../adapters/mysql/helpers.js';

const EVERY_TYPE = new URL('../translate/pg-every-type.sql', import.meta.url).pathname;
const noServers = !PG_URL || !MYSQL_URL ? 'REDB_TEST_PG_URL and REDB_TEST_MYSQL_URL are both needed' : undefined;
const skip = noServers ?? corpusMissing();

interface Entry { object: string; kind: string; from?: string; to?: string; reason: string }
const entry = (report: Entry[], object: string, kind: string) => report.find((e) => e.object === object && e.kind === kind);

describe.skipIf(skip)(skipNote('redb translate between MariaDB and PostgreSQL, deployed', skip), () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it('sakila (MySQL) → PostgreSQL: committed on a branch, deployed onto an empty database, equal', async () => {
    const sakila = CORPUS_SCHEMAS.find((c) => c.name === 'sakila')!;
    const [src, pg] = [await freshMysqlDatabase('redb_trs'), await freshPgDatabase('redb_trs')];
    drops.push(src.drop, pg.drop);
    mysqlScript(src.name, schemaOnly(sakila.file, sakila.name, src.name));
    const ws = tempDir('redb-translate-sakila-');
    for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['database', 'connect', 'pg', pg.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'sakila']]) redbOk(ws, args);

    const t = redbOk(ws, ['translate', 'main', '--to', 'postgres', '--branch', 'pg', '--json']).json;
    expect(t.source.dialect).toBe('mysql');
    expect(t.target).toMatchObject({ dialect: 'postgres', branch: 'pg', repo: 'app' });
    expect(t.normalizedOn).toMatch(/PGlite/);
    const report = t.report as Entry[];
    expect(entry(report, 'main.film.special_features', 'type')).toMatchObject({ to: 'text[]', reason: expect.stringContaining('set of labels') });
    expect(entry(report, 'main.film.film_id', 'type')).toMatchObject({ from: 'int(10) unsigned', to: 'bigint' });
    expect(entry(report, 'main.film.release_year', 'type')).toMatchObject({ to: 'smallint' });
    expect(entry(report, 'main.film.last_update', 'column')?.reason).toMatch(/on update/);
    expect(entry(report, 'main.film_text.idx_title_description', 'index')?.reason).toMatch(/fulltext/);
    // views, routines and triggers are SQL of the source dialect: listed by id, not translated
    for (const id of ['main.film_list', 'main.rewards_report(tinyint(3) unsigned, decimal(10,2) unsigned, int(11))', 'main.film.ins_film']) expect(entry(report, id, 'object')).toBeDefined();

    // the branch has one commit, of the target's dialect, naming what it came from
    const log = redbOk(ws, ['log', 'pg', '--json']).json;
    expect(log.commits ?? log).toHaveLength(1);
    redbOk(ws, ['branch', 'attach', 'pg', 'pg']);
    redbOk(ws, ['deploy', 'pg', '--branch', 'pg', '--yes']);
    expect(redb(ws, ['diff', 'pg', '@pg', '--exit-code']).code).toBe(0);
    const enumType = redbOk(ws, ['show', 'pg', 'public.film_rating', '--json']).json;
    expect(enumType.object).toMatchObject({ kind: 'enum', values: ['G', 'PG', 'PG-13', 'R', 'NC-17'] });
  }, 240_000);

  it('every common PostgreSQL type → MariaDB: normalized on a scratch database there, deployed, equal; --type and --out', async () => {
    const [src, scratchHost, target] = [await freshPgDatabase('redb_trt'), await freshMysqlDatabase('redb_trt'), await freshMysqlDatabase('redb_trt')];
    drops.push(src.drop, scratchHost.drop, target.drop);
    psqlFile(src.url, EVERY_TYPE);
    const ws = tempDir('redb-translate-types-');
    for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['database', 'connect', 'maria', scratchHost.url], ['database', 'connect', 'prod', target.url],
      ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'every type']]) redbOk(ws, args);

    const t = redbOk(ws, ['translate', 'main', '--to', 'mysql', '--scratch', 'maria', '--branch', 'maria', '--json']).json;
    expect(t.normalizedOn).toMatch(/scratch database on the target server \(MariaDB/);
    const report = t.report as Entry[];
    expect(entry(report, 'public.posts.tags', 'type')).toMatchObject({ from: 'text[]', to: 'json', reason: expect.stringContaining('JSON array') });
    expect(entry(report, 'public.posts.counts', 'type')).toMatchObject({ from: 'integer[]', to: 'json' });
    expect(entry(report, 'public.posts.duration', 'type')).toMatchObject({ from: 'interval', reason: expect.stringContaining('no interval type') });
    expect(entry(report, 'public.posts.zoned_ts', 'type')).toMatchObject({ from: 'timestamp with time zone', to: 'datetime(6)', reason: expect.stringContaining('time zone') });
    expect(entry(report, 'public.authors.created_at', 'type')?.reason).toMatch(/time zone/);
    expect(entry(report, 'public.posts.public_id', 'type')).toMatchObject({ from: 'uuid', to: 'char(36)' });
    expect(entry(report, 'public.posts.doc', 'type')).toMatchObject({ from: 'jsonb', to: 'json' });
    expect(entry(report, 'public.posts.slug', 'type')).toMatchObject({ from: 'text', to: 'varchar(255)' });
    expect(entry(report, 'public.post_tags.tag', 'type')).toMatchObject({ from: 'text', to: 'varchar(255)' });
    expect(entry(report, 'public.posts.feeling', 'type')?.reason).toMatch(/named enum type public\.mood/);
    expect(entry(report, 'public.posts.id', 'default')).toMatchObject({ to: 'AUTO_INCREMENT', reason: expect.stringContaining('public.posts_id_seq') });
    expect(entry(report, 'public.authors.id', 'default')?.reason).toMatch(/explicit values are accepted/);
    expect(entry(report, 'public.posts.posts_lower_title_idx', 'index')?.reason).toMatch(/expression key/);
    expect(entry(report, 'public.published_posts', 'object')).toBeDefined();
    // exact columns are not reported
    for (const c of ['title', 'price', 'flag', 'published', 'meta', 'small']) expect(report.some((e) => e.object === `public.posts.${c}`)).toBe(false);

    const posts = JSON.parse(redbOk(ws, ['show', 'maria', 'main.posts', '--json']).stdout).object;
    const byName = (n: string) => posts.columns.find((c: { name: string }) => c.name === n);
    expect(byName('id')).toMatchObject({ autoIncrement: true });
    expect(byName('public_id').default).toBe('uuid()');
    expect(byName('feeling')).toMatchObject({ default: "'ok'", type: { native: "enum('sad','ok','happy')" } });
    expect(posts.checks).toEqual([expect.objectContaining({ name: 'posts_price_check' })]);

    redbOk(ws, ['branch', 'attach', 'maria', 'prod']);
    redbOk(ws, ['deploy', 'maria', '--branch', 'maria', '--yes']);
    expect(redb(ws, ['diff', 'maria', '@prod', '--exit-code']).code).toBe(0);

    // --type: MariaDB 10.7+ has a uuid type; --out writes the canonical files
    const out = join(tempDir('redb-translate-out-'), 'model');
    const typed = redbOk(ws, ['translate', 'main', '--to', 'mysql', '--scratch', 'maria', '--type', 'posts.public_id=uuid', '--out', out, '--json']).json;
    expect(entry(typed.report, 'public.posts.public_id', 'type')).toMatchObject({ to: 'uuid', reason: 'set by --type' });
    const file = JSON.parse(readFileSync(join(out, 'schemas/main/tables/posts.json'), 'utf8'));
    expect(file.columns.find((c: { name: string }) => c.name === 'public_id').type).toEqual({ native: 'uuid', logical: { kind: 'uuid' } });
    expect(JSON.parse(readFileSync(join(out, 'redb.json'), 'utf8')).dialect).toBe('mysql');
    const again = redb(ws, ['translate', 'main', '--to', 'mysql', '--out', out, '--json']);
    expect(again.code).toBe(64);
    expect(again.json.error).toMatchObject({ code: 'E_EXISTS', message: expect.stringContaining('is not empty') });
  }, 240_000);

  // the other real schemas of the corpus, each way: translated, deployed onto an empty database, equal
  for (const c of CORPUS_SCHEMAS.filter((x) => x.name !== 'sakila')) {
    it(`${c.name} (MySQL) → PostgreSQL, deployed, equal`, async () => {
      const [src, pg] = [await freshMysqlDatabase(`redb_tr${c.name}`), await freshPgDatabase(`redb_tr${c.name}`)];
      drops.push(src.drop, pg.drop);
      mysqlScript(src.name, schemaOnly(c.file, c.name, src.name));
      const ws = tempDir(`redb-translate-${c.name}-`);
      for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['database', 'connect', 'pg', pg.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', c.name],
        ['translate', 'main', '--to', 'postgres', '--branch', 'pg'], ['branch', 'attach', 'pg', 'pg'], ['deploy', 'pg', '--branch', 'pg', '--yes']]) redbOk(ws, args);
      expect(redb(ws, ['diff', 'pg', '@pg', '--exit-code']).code).toBe(0);
      const tables = redbOk(ws, ['show', 'pg', '--json']).json.changes.filter((ch: { kind: string }) => ch.kind === 'table');
      expect(tables).toHaveLength(c.tables);
    }, 240_000);
  }

  it('pagila (PostgreSQL: partitions, domains, hand-written serials) → MariaDB, deployed, equal', async () => {
    const [src, scratchHost, target] = [await freshPgDatabase('redb_trpagila'), await freshMysqlDatabase('redb_trpagila'), await freshMysqlDatabase('redb_trpagila')];
    drops.push(src.drop, scratchHost.drop, target.drop);
    psqlFile(src.url, join(CORPUS, 'pagila/_derived/pagila-schema.pg15.sql'));
    const ws = tempDir('redb-translate-pagila-');
    for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['database', 'connect', 'maria', scratchHost.url], ['database', 'connect', 'prod', target.url],
      ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'pagila']]) redbOk(ws, args);
    const report = redbOk(ws, ['translate', 'main', '--to', 'mysql', '--scratch', 'maria', '--branch', 'maria', '--json']).json.report as Entry[];
    // pagila's serials are written by hand (a sequence and a nextval default, no OWNED BY)
    expect(entry(report, 'public.actor.actor_id', 'default')).toMatchObject({ to: 'AUTO_INCREMENT' });
    // payment's sequence is shared with its partitions: no column's own counter
    expect(entry(report, 'public.payment.payment_id', 'default')?.reason).toMatch(/not this column's own counter/);
    expect(entry(report, 'public.payment', 'object')?.reason).toMatch(/partitioning is not translated/);
    expect(entry(report, 'public.film.length_hours', 'column')?.reason).toMatch(/generated column/);
    expect(entry(report, 'public.film.film_fulltext_idx', 'index')?.reason).toMatch(/no gist indexes/);
    redbOk(ws, ['branch', 'attach', 'maria', 'prod']);
    redbOk(ws, ['deploy', 'maria', '--branch', 'maria', '--yes']);
    expect(redb(ws, ['diff', 'maria', '@prod', '--exit-code']).code).toBe(0);
  }, 300_000);

  it('refuses what it cannot do, naming it', async () => {
    const src = await freshPgDatabase('redb_trx');
    drops.push(src.drop);
    psqlFile(src.url, EVERY_TYPE);
    const sql = join(tempDir('redb-translate-x-'), 'two.sql');
    writeFileSync(sql, 'CREATE SCHEMA billing; CREATE TABLE billing.invoices (id integer PRIMARY KEY);');
    psqlFile(src.url, sql);
    const ws = tempDir('redb-translate-refuse-');
    for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'two schemas']]) redbOk(ws, args);
    const two = redb(ws, ['translate', 'main', '--to', 'mysql', '--json']);
    expect(two.code).toBe(64);
    expect(two.json.error.message).toMatch(/2 schemas \(billing, public\)/);
    expect(two.json.error.hint).toMatch(/--schema billing/);
    const unknown = redb(ws, ['translate', 'main', '--to', 'nosuchengine', '--json']);
    expect(unknown.code).toBe(64);
    expect(unknown.json.error.message).toMatch(/cannot translate to nosuchengine/);
    expect(unknown.json.error.hint).toMatch(/postgres.*mysql/);
    const same = redb(ws, ['translate', 'main', '--to', 'postgres', '--json']);
    expect(same.json.error.message).toMatch(/already a postgres schema/);
    const wrongScratch = redb(ws, ['translate', 'main', '--to', 'mysql', '--schema', 'public', '--scratch', 'src', '--json']);
    expect(wrongScratch.code).toBe(64);
    expect(wrongScratch.json.error.message).toMatch(/--scratch src is a postgres database, not mysql/);
    const badType = redb(ws, ['translate', 'main', '--to', 'mysql', '--schema', 'public', '--type', 'posts.nope=int', '--json']);
    expect(badType.code).toBe(64);
    expect(badType.json.error.message).toMatch(/has no column nope/);
    // without a server to build it on, a MySQL translation is written as translated and says so
    const dir = join(tempDir('redb-translate-plain-'), 'm');
    mkdirSync(dir);
    const plain = redbOk(ws, ['translate', 'main', '--to', 'mysql', '--schema', 'billing', '--out', dir]);
    expect(plain.stdout).toMatch(/Not built on a scratch database/);
    expect(readFileSync(join(dir, 'schemas/main/tables/invoices.json'), 'utf8')).toContain('"name": "PRIMARY"');
  }, 120_000);
});
