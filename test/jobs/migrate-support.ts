/** Workspaces for the migration job tests: databases by URL and one relationship, made in-process. */
import { mkdtempSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterForUrl } from '../../adapters/registry.js';
import type { Adapter, Connection, DataTable, PortableValue } from '../../adapters/types.js';
import { readSchema } from '../../adapters/read-schema.js';
import type { RelationshipConfig } from '../../src/config/workspace-file.js';
import { Workspace } from '../../src/core/workspace.js';
import type { Table } from '../../unified-model/index.js';

export async function migrationWorkspace(urls: { src: string; dst: string }, rel: Partial<RelationshipConfig> = {}, name = 'copy'): Promise<Workspace> {
  const ws = await Workspace.init(join(mkdtempSync(join(tmpdir(), 'redb-migrate-')), 'ws'));
  ws.config.databases = { src: { url: urls.src }, dst: { url: urls.dst } };
  ws.config.relationships = { [name]: { type: 'migration', source: 'src', target: 'dst', ...rel } };
  await ws.save();
  return ws;
}

/** An open database with its adapter, for reading back what a job wrote. */
export async function open(url: string): Promise<{ adapter: Adapter; conn: Connection; close: () => Promise<void> }> {
  const adapter = await adapterForUrl(url);
  const conn = await adapter.connect(url);
  return { adapter, conn, close: () => conn.close() };
}

/** Runs `use` on an open database, closed afterwards whatever happens. */
export async function withDb<T>(url: string, use: (db: { adapter: Adapter; conn: Connection }) => Promise<T>): Promise<T> {
  const db = await open(url);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** Every row of a table (by name), in key order, in portable form, as the adapter reads it. */
export async function rowsOf(db: { adapter: Adapter; conn: Connection }, name: string): Promise<{ table: Table; columns: string[]; rows: PortableValue[][] }> {
  const model = await readSchema(db.adapter, db.conn);
  const table = model.objects.find((o): o is Table => o.kind === 'table' && o.name === name);
  if (!table) throw new Error(`no table ${name}`);
  const t: DataTable = { table, columns: table.columns.map((c) => c.name) };
  const { rows } = await db.adapter.data!.readBatch(db.conn, t, undefined, 1_000_000);
  return { table, columns: [...t.columns], rows: rows.map((r) => [...r]) };
}

/** The row of `rows` as an object by column name. */
export const asObject = (columns: readonly string[], row: readonly PortableValue[]) => Object.fromEntries(columns.map((c, i) => [c, row[i]]));

/** Job settings (REDB_JOB_BATCH_ROWS, REDB_TRANSFORM_SALT …) set for a test file's tests, removed after them. */
export function useJobEnv(vars: Readonly<Record<string, string>>): void {
  beforeAll(() => void Object.assign(process.env, vars));
  afterAll(() => {
    for (const k of Object.keys(vars)) delete process.env[k];
  });
}
