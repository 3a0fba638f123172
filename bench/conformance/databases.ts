/**
 * The databases cases run in. Every case gets databases that are indistinguishable
 * from `CREATE DATABASE … TEMPLATE template0`; by default they are recycled:
 *
 * On PostgreSQL 15, DROP DATABASE forces an immediate checkpoint (it flushes every
 * dirty buffer of the cluster and waits), and CREATE DATABASE writes the whole template
 * (~7.5 MB) to the WAL. Two databases per case cost 0.3–0.8 s of fsync-bound server
 * time on a shared machine, more than the case itself. So after a case its databases
 * are emptied (`RESET_SQL`) and then checked against the signature of a fresh database
 * (`SIGNATURE_SQL`: no object with a user oid in any catalog, system objects' ACLs and
 * comments unchanged, the `public` schema and the database row as made). One that does
 * not match, or whose reset fails, or whose case timed out, is dropped instead and a
 * new one is made. `--fresh` makes and drops a database for every use instead.
 */
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import { createDatabase, databaseUrl, dropDatabase } from './load.js';

/** Below this oid every object was made by initdb (PostgreSQL's FirstNormalObjectId). */
const FIRST_USER_OID = 16384;

/** Empties a database: everything a case can create in it, and the `public` schema made again as initdb makes it. */
const RESET_SQL = `DO $reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I CASCADE', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE oid >= ${FIRST_USER_OID} LOOP EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname); END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT fdwname FROM pg_foreign_data_wrapper WHERE oid >= ${FIRST_USER_OID} LOOP EXECUTE format('DROP FOREIGN DATA WRAPPER IF EXISTS %I CASCADE', r.fdwname); END LOOP;
  FOR r IN SELECT castsource::regtype AS s, casttarget::regtype AS t FROM pg_cast WHERE oid >= ${FIRST_USER_OID} LOOP
    EXECUTE format('DROP CAST IF EXISTS (%s AS %s) CASCADE', r.s, r.t);
  END LOOP;
  FOR r IN SELECT trftype::regtype AS t, l.lanname FROM pg_transform JOIN pg_language l ON l.oid = trflang LOOP
    EXECUTE format('DROP TRANSFORM IF EXISTS FOR %s LANGUAGE %I CASCADE', r.t, r.lanname);
  END LOOP;
  FOR r IN SELECT lanname FROM pg_language WHERE oid >= ${FIRST_USER_OID} LOOP EXECUTE format('DROP LANGUAGE IF EXISTS %I CASCADE', r.lanname); END LOOP;
  FOR r IN SELECT amname FROM pg_am WHERE oid >= ${FIRST_USER_OID} LOOP EXECUTE format('DROP ACCESS METHOD IF EXISTS %I CASCADE', r.amname); END LOOP;
  PERFORM lo_unlink(oid) FROM pg_largeobject_metadata;
  CREATE SCHEMA public AUTHORIZATION pg_database_owner;
  GRANT USAGE ON SCHEMA public TO PUBLIC;
  COMMENT ON SCHEMA public IS 'standard public schema';
  EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
  FOR r IN SELECT DISTINCT x.grantee::regrole AS grantee FROM pg_database d, aclexplode(d.datacl) x
           WHERE d.datname = current_database() AND x.grantee NOT IN (0, d.datdba) LOOP
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM %s CASCADE', current_database(), r.grantee);
  END LOOP;
  EXECUTE format('COMMENT ON DATABASE %I IS NULL', current_database());
END $reset$`;

/** The catalogs (of this database, not shared) whose rows have an oid: where user objects live. */
const OID_CATALOGS_SQL = `SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid'
  WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared ORDER BY 1`;

/** What a fresh database looks like, as one text; equal texts mean the same state for anything a case can see. */
function signatureSql(catalogs: readonly string[]): string {
  const perCatalog = catalogs
    .map((name) => {
      const userRows = name === 'pg_namespace' ? `oid >= ${FIRST_USER_OID} AND nspname <> 'public'` : `oid >= ${FIRST_USER_OID}`;
      const systemRows = name === 'pg_namespace' ? `oid < ${FIRST_USER_OID} AND nspname <> 'public'` : `oid < ${FIRST_USER_OID}`;
      return `SELECT '${name}' AS catalog, count(*) FILTER (WHERE ${systemRows}) AS system, count(*) FILTER (WHERE ${userRows}) AS user FROM pg_catalog.${name}`;
    })
    .join('\n    UNION ALL ');
  return `SELECT json_build_object(
  'catalogs', (SELECT json_agg(x ORDER BY x.catalog) FROM (${perCatalog}) x),
  'public', (SELECT json_build_object('owner', nspowner::regrole::text, 'acl', nspacl::text, 'comment', obj_description(oid, 'pg_namespace'))
             FROM pg_namespace WHERE nspname = 'public'),
  'database', (SELECT json_build_object('owner', datdba::regrole::text, 'acl', coalesce(datacl, acldefault('d', datdba))::text, 'connlimit', datconnlimit,
                 'settings', (SELECT count(*) FROM pg_db_role_setting s WHERE s.setdatabase = d.oid),
                 'comment', shobj_description(d.oid, 'pg_database'),
                 'subscriptions', (SELECT count(*) FROM pg_subscription s WHERE s.subdbid = d.oid))
               FROM pg_database d WHERE d.datname = current_database()),
  'system', (SELECT md5(coalesce(string_agg(x, ';' ORDER BY x), '')) FROM (
      SELECT 'c' || oid || relacl::text AS x FROM pg_class WHERE relacl IS NOT NULL AND oid < ${FIRST_USER_OID}
      UNION ALL SELECT 'p' || oid || proacl::text FROM pg_proc WHERE proacl IS NOT NULL AND oid < ${FIRST_USER_OID}
      UNION ALL SELECT 'n' || oid || nspacl::text FROM pg_namespace WHERE nspacl IS NOT NULL AND oid < ${FIRST_USER_OID} AND nspname <> 'public'
      UNION ALL SELECT 't' || oid || typacl::text FROM pg_type WHERE typacl IS NOT NULL AND oid < ${FIRST_USER_OID}
      UNION ALL SELECT 'l' || oid || lanacl::text FROM pg_language WHERE lanacl IS NOT NULL
      UNION ALL SELECT 'a' || attrelid || '.' || attnum || attacl::text FROM pg_attribute WHERE attacl IS NOT NULL AND attrelid < ${FIRST_USER_OID}
      UNION ALL SELECT 'd' || classoid || '.' || objoid || '.' || objsubid || description FROM pg_description
        WHERE objoid < ${FIRST_USER_OID} AND NOT (classoid = 'pg_namespace'::regclass AND objoid = (SELECT oid FROM pg_namespace WHERE nspname = 'public'))
      UNION ALL SELECT 's' || objoid || label FROM pg_seclabel
      UNION ALL SELECT 'i' || objoid || privtype::text FROM pg_init_privs WHERE objoid >= ${FIRST_USER_OID}
  ) s)
)::text AS signature`;
}

export interface DatabaseStats {
  /** Databases made (CREATE DATABASE). */
  created: number;
  /** Uses of a recycled database. */
  reused: number;
  /** Resets that failed or left a database unlike a fresh one (it was dropped instead). */
  notPristine: number;
  /** Why, by what differed (`catalogs:pg_class`, `public`, `database`, `system`, `reset failed: …`). */
  notPristineReasons: Record<string, number>;
}

/** The parts of two signatures that differ, e.g. `catalogs:pg_type`, `database`. */
function signatureDifference(actual: string, expected: string): string[] {
  const a = JSON.parse(actual) as Record<string, unknown>;
  const b = JSON.parse(expected) as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    if (key === 'catalogs') {
      const rows = new Map((a.catalogs as { catalog: string }[]).map((r) => [r.catalog, JSON.stringify(r)]));
      for (const r of b.catalogs as { catalog: string }[]) if (rows.get(r.catalog) !== JSON.stringify(r)) out.push(`catalogs:${r.catalog}`);
    } else out.push(process.env.REDB_CONFORMANCE_DEBUG ? `${key}: ${JSON.stringify(a[key])} vs ${JSON.stringify(b[key])}` : key);
  }
  return out;
}

/** Hands out databases that are as good as fresh, and takes them back after a case. */
export class DatabasePool {
  private readonly free: string[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Every database this pool has made and not yet dropped (for clean-up on interrupt). */
  readonly live = new Set<string>();
  readonly stats: DatabaseStats = { created: 0, reused: 0, notPristine: 0, notPristineReasons: {} };
  private sequence = 0;
  private signature: string | undefined;
  private signatureQuery = '';

  constructor(
    private readonly admin: Connection,
    private readonly reaper: Connection,
    private readonly serverUrl: string,
    private readonly fresh: boolean,
    /** How many resets or drops may run behind before `release` waits for them. */
    private readonly backlog = 8,
  ) {}

  private nextName(): string {
    return `redb_conf_${process.pid}_${++this.sequence}`;
  }

  private async make(): Promise<string> {
    const name = this.nextName();
    this.live.add(name);
    await createDatabase(this.admin, name);
    this.stats.created++;
    return name;
  }

  /** Reads the signature of a fresh database (the baseline a recycled one must match). */
  async init(): Promise<void> {
    if (this.fresh) return;
    const name = await this.make();
    const conn = await postgresAdapter.connect(databaseUrl(this.serverUrl, name));
    try {
      const catalogs = (await conn.query<{ name: string }>(OID_CATALOGS_SQL)).map((r) => r.name);
      this.signatureQuery = signatureSql(catalogs);
      this.signature = (await conn.query<{ signature: string }>(this.signatureQuery))[0].signature;
    } finally {
      await conn.close();
    }
    this.free.push(name);
  }

  /** A database as good as fresh. */
  async acquire(): Promise<string> {
    const name = this.free.pop();
    if (name) {
      this.stats.reused++;
      return name;
    }
    return this.make();
  }

  /**
   * Gives a database back after a case. `clean` is false when the case did not end on
   * its own (time-out, crash): such a database is dropped, never reset.
   */
  async release(name: string, clean: boolean): Promise<void> {
    const task = (this.fresh || !clean ? this.drop(name) : this.recycle(name)).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    while (this.inFlight.size > this.backlog) await Promise.race(this.inFlight);
  }

  private async drop(name: string): Promise<void> {
    try {
      await dropDatabase(this.reaper, name);
      this.live.delete(name);
    } catch (err) {
      process.stderr.write(`conformance: warning: could not drop ${name}: ${(err as Error).message}\n`);
    }
  }

  private async recycle(name: string): Promise<void> {
    let why: string[] = [];
    try {
      const conn = await postgresAdapter.connect(databaseUrl(this.serverUrl, name));
      try {
        await conn.exec(RESET_SQL);
        const signature = (await conn.query<{ signature: string }>(this.signatureQuery))[0].signature;
        if (signature !== this.signature) why = signatureDifference(signature, this.signature!);
      } finally {
        await conn.close();
      }
    } catch (err) {
      why = [`reset failed: ${(err as Error).message.replace(/"[^"]*"/g, '"…"').slice(0, 80)}`];
    }
    if (!why.length) {
      this.free.push(name);
      return;
    }
    this.stats.notPristine++;
    for (const w of why) this.stats.notPristineReasons[w] = (this.stats.notPristineReasons[w] ?? 0) + 1;
    await this.drop(name);
  }

  /** Waits for resets and drops, then drops every database still held. */
  async close(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
    for (const name of [...this.live]) await this.drop(name);
    this.free.length = 0;
  }
}
