/**
 * Applying a batch of source transactions to the target as idempotent writes. Changes are
 * collapsed per key in commit order (the last state of each row wins; a key change is a
 * delete of the old key and a write of the new), then written as deletes (children first)
 * and upserts (parents first). Applying the same batch twice leaves the same rows: this
 * is what makes at-least-once delivery exact.
 */
import type { Connection, DataSupport, PortableValue, RowChange } from '../../../adapters/types.js';
import type { Table } from '../../../unified-model/index.js';
import { keyColumns } from './tables.js';
import { toTargetRow, type TablePair } from './target.js';

type Row = Record<string, PortableValue | undefined>;

/** What a batch leaves of one table: emptied first or not, then each key's last row (undefined: deleted). */
interface TableOps {
  truncate: boolean;
  rows: Map<string, { key: PortableValue[]; row?: Row }>;
}

export interface ChangeCounts {
  insert: number;
  update: number;
  delete: number;
}

/** A row's transform on the way (masking): source column values in, values to write out. */
export type RowTransform = (pair: TablePair, row: Row) => Row;

const keyText = (key: readonly PortableValue[]) => JSON.stringify(key.map((v) => (Buffer.isBuffer(v) ? { b: v.toString('base64') } : v)));

export const sourceId = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** A keyless table (replica identity full) is deleted from as if every written column were its key. */
function keyedTable(p: TablePair): Table {
  const t = p.target;
  return t.primaryKey?.columns.length ? t : { ...t, primaryKey: { name: `${t.name}_all`, columns: p.columns.map((c) => c.target) } as Table['primaryKey'] };
}

export class Batch {
  private readonly ops = new Map<string, TableOps>();
  readonly counts: ChangeCounts = { insert: 0, update: 0, delete: 0 };
  size = 0;

  constructor(private readonly pairs: ReadonlyMap<string, TablePair>) {}

  private of(id: string): TableOps {
    let o = this.ops.get(id);
    if (!o) this.ops.set(id, (o = { truncate: false, rows: new Map() }));
    return o;
  }

  add(change: RowChange): void {
    this.size++;
    if (change.op === 'truncate') {
      for (const t of change.tables) {
        if (!this.pairs.has(sourceId(t))) continue;
        const o = this.of(sourceId(t));
        o.truncate = true;
        o.rows.clear();
      }
      return;
    }
    const pair = this.pairs.get(sourceId(change.table));
    if (!pair) return;
    const cols = keyColumns(pair.source);
    const o = this.of(pair.source.id);
    if (change.op === 'delete') {
      this.counts.delete++;
      const key = cols.map((c) => change.key[c] ?? null);
      o.rows.set(keyText(key), { key });
      return;
    }
    this.counts[change.op]++;
    const key = cols.map((c) => change.row[c] ?? null);
    const k = keyText(key);
    let before = o.rows.get(k)?.row;
    if (change.op === 'update' && change.oldKey) {
      const oldKey = cols.map((c) => change.oldKey![c] ?? null);
      const ok = keyText(oldKey);
      if (ok !== k) {
        before = o.rows.get(ok)?.row;
        o.rows.set(ok, { key: oldKey });
      }
    }
    // a value the source did not send (unchanged) keeps what this batch already holds for it
    const row: Row = { ...before };
    for (const [c, v] of Object.entries(change.row)) if (v !== undefined || !(c in row)) row[c] = v;
    o.rows.delete(k); // re-insert: the map keeps the order of last writes
    o.rows.set(k, { key, row });
  }

  /**
   * Writes the batch on `conn` inside the caller's transaction. `recopy` replaces a keyless
   * table whole with the source's rows now: SQL matches no NULL, so a keyless row with a
   * NULL cannot be found to delete it (the stream's later changes to it apply idempotently).
   */
  async apply(conn: Connection, data: DataSupport, transform: RowTransform, recopy: (pair: TablePair) => Promise<void>): Promise<void> {
    let order = [...this.pairs.values()].filter((p) => this.ops.has(p.source.id));
    const unmatchable = order.filter((p) => !p.target.primaryKey?.columns.length && [...this.ops.get(p.source.id)!.rows.values()].some((e) => e.key.some((v) => v === null)));
    for (const p of unmatchable) await recopy(p);
    order = order.filter((p) => !unmatchable.includes(p));
    for (const p of [...order].reverse()) {
      const o = this.ops.get(p.source.id)!;
      if (o.truncate) await data.truncate(conn, p.target);
    }
    for (const p of [...order].reverse()) {
      const o = this.ops.get(p.source.id)!;
      const keyless = !p.target.primaryKey?.columns.length;
      // a keyless table's rows are deleted by every column, then written again: no duplicates on redelivery
      const gone = [...o.rows.values()].filter((e) => keyless || !e.row).map((e) => (keyless && e.row ? keyOfRow(p, e.row, transform) : transformKey(p, e.key, transform)));
      if (gone.length) await data.deleteKeys(conn, keyedTable(p), gone);
    }
    for (const p of order) {
      const o = this.ops.get(p.source.id)!;
      const groups = new Map<string, { columns: string[]; rows: PortableValue[][] }>();
      for (const e of o.rows.values()) {
        if (!e.row) continue;
        const row = toTargetRow(p, transform(p, e.row));
        const columns = p.columns.map((c) => c.target).filter((c) => row[c] !== undefined);
        const sig = columns.join('\u0000');
        let g = groups.get(sig);
        if (!g) groups.set(sig, (g = { columns, rows: [] }));
        g.rows.push(columns.map((c) => row[c] as PortableValue));
      }
      const keyless = !p.target.primaryKey?.columns.length;
      for (const g of groups.values()) {
        const t = { table: p.target, columns: g.columns };
        await (keyless ? data.insert(conn, t, g.rows) : data.upsert(conn, t, g.rows));
      }
    }
  }
}

function transformKey(p: TablePair, key: PortableValue[], transform: RowTransform): PortableValue[] {
  const cols = keyColumns(p.source);
  const row = toTargetRow(p, transform(p, Object.fromEntries(cols.map((c, i) => [c, key[i]]))));
  return keyedTable(p).primaryKey!.columns.map((c) => row[c] ?? null);
}

function keyOfRow(p: TablePair, row: Row, transform: RowTransform): PortableValue[] {
  const out = toTargetRow(p, transform(p, row));
  return p.columns.map((c) => out[c.target] ?? null);
}
