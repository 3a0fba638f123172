/**
 * PostgreSQL change data capture (Adapter.changes): logical replication with the built-in
 * `pgoutput` plugin. A job owns one publication (which tables) and one logical slot
 * (where the job stands in the WAL; the server keeps WAL from there until acknowledged).
 * The stream itself is in changes-stream.ts.
 */
import { createHash } from 'node:crypto';
import type { Table } from '../../unified-model/index.js';
import type { ChangeArtifacts, ChangeCapture, Connection } from '../types.js';
import { openPgChangeStream } from './changes-stream.js';
import { lsnToNumber } from './lsn.js';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (t: Table) => `${quote(t.schema)}.${quote(t.name)}`;


const hash8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * `redb_<job>` as a publication may be spelled: lower-case letters, digits and `_`, at
 * most 63 bytes. When the job name had to change to fit, a short hash of it keeps two
 * jobs (`a-b`, `a_b`) apart.
 */
export function artifactName(job: string): string {
  const plain = `redb_${job.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  if (plain === `redb_${job}` && plain.length <= 63 - 9) return plain;
  return `${plain.slice(0, 63 - 18)}_${hash8(job)}`;
}

/**
 * A slot belongs to the whole server, not to a database: the publication's name and a
 * short hash of the database, so the same job name replicating two databases of one
 * server (two workspaces, two tests) never shares, drops or takes over the other's slot.
 */
export function slotName(job: string, database: string): string {
  return `${artifactName(job)}_${hash8(database)}`;
}

export const postgresChanges: ChangeCapture = {
  async artifactNames(conn, job) {
    const [row] = await conn.query<{ db: string }>('SELECT current_database() AS db');
    return { slot: slotName(job, row.db), publication: artifactName(job) };
  },

  async unavailable(conn) {
    if (conn.serverVersion.includes('(PGlite)')) return 'the source is an embedded PGlite database, which has no logical replication: replicate from a PostgreSQL server (postgres://…)';
    const [row] = await conn.query<{ wal_level: string }>('SHOW wal_level');
    if (row?.wal_level === 'logical') return undefined;
    return `the source server has wal_level=${row?.wal_level ?? 'unknown'}, and logical replication needs wal_level=logical: set it in postgresql.conf (or ALTER SYSTEM SET wal_level = logical) and restart the server (docs/jobs.md, "Replication")`;
  },

  async setFullIdentity(conn, table) {
    // only when needed: the ALTER takes the table's strongest lock, however briefly
    const [row] = await conn.query<{ ident: string }>('SELECT relreplident AS ident FROM pg_catalog.pg_class WHERE oid = $1::regclass', [qualified(table)]);
    if (row?.ident === 'f') return;
    await conn.run(`ALTER TABLE ${qualified(table)} REPLICA IDENTITY FULL`);
  },

  async hasIdenticalRows(conn, table) {
    // by each row's text: every type has one, not every type has an equality to group by (json, point)
    const rows = await conn.query(`SELECT 1 FROM ${qualified(table)} t GROUP BY t::text HAVING count(*) > 1 LIMIT 1`);
    return rows.length > 0;
  },

  async prepare(conn, a, tables) {
    // the publication first: pgoutput reads it as of each change's position, so one
    // created after the slot would be missing for the first changes
    const list = tables.map(qualified).join(', ');
    const [pub] = await conn.query('SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = $1', [a.publication]);
    if (!pub) await conn.run(`CREATE PUBLICATION ${quote(a.publication)}${list ? ` FOR TABLE ${list}` : ''}`);
    else if (list) await conn.run(`ALTER PUBLICATION ${quote(a.publication)} SET TABLE ${list}`);
    const [slot] = await conn.query('SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = $1', [a.slot]);
    if (slot) return {};
    const [made] = await conn.query<{ lsn: string }>("SELECT lsn::text AS lsn FROM pg_catalog.pg_create_logical_replication_slot($1, 'pgoutput')", [a.slot]);
    return { created: made.lsn };
  },

  async currentPosition(conn) {
    const [row] = await conn.query<{ lsn: string }>('SELECT pg_catalog.pg_current_wal_lsn()::text AS lsn');
    return row.lsn;
  },

  async confirmedPosition(conn, a) {
    const [row] = await conn.query<{ lsn: string | null }>('SELECT confirmed_flush_lsn::text AS lsn FROM pg_catalog.pg_replication_slots WHERE slot_name = $1', [a.slot]);
    return row?.lsn ?? undefined;
  },

  distance(a, b) {
    return lsnToNumber(a) - lsnToNumber(b);
  },

  open: openPgChangeStream,

  async drop(conn: Connection, a: ChangeArtifacts) {
    // a slot in use (a stream of a runner that died but whose session lingers) cannot be dropped
    await conn.query('SELECT pg_catalog.pg_terminate_backend(active_pid) FROM pg_catalog.pg_replication_slots WHERE slot_name = $1 AND active_pid IS NOT NULL', [a.slot]);
    for (let attempt = 0; ; attempt++) {
      try {
        await conn.query('SELECT pg_catalog.pg_drop_replication_slot(slot_name) FROM pg_catalog.pg_replication_slots WHERE slot_name = $1', [a.slot]);
        break;
      } catch (err) {
        // the terminated session may take a moment to let go of the slot
        if (attempt >= 20 || !/is active/i.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await conn.run(`DROP PUBLICATION IF EXISTS ${quote(a.publication)}`);
  },
};
