/**
 * Applying a batch of source transactions to the target as idempotent writes. Changes are
 * collapsed per key in commit order (the last state of each row wins; a key change is a
 * delete of the old key and a write of the new), then written as deletes (children first)
 * and upserts (parents first). Applying the same batch twice leaves the same rows: this
 * is what makes at-least-once delivery exact.
 */
import type { Connection, DataSupport, PortableValue, RowChange } from '../../../adapters/types.js';
import type { Table } from '../../../unified-model/index.js';
import { RedbError } from '../../errors.js';
import { keyColumns } from './tables.js';
import { toTargetRow, type TablePair } from './target.js';

type Row = Record<string, PortableValue | undefined>;

/** What a batch leaves of one table: emptied first or not, then each key's last row (undefined: deleted). */
interface TableOps {
  truncate: boolean;
  rows: Map<string, Entry>;
}

/**
 * A key's last state. `fill`: the source key of the row whose values the source did not
 * resend (unchanged large values are not sent again when the key changes): they are read
 * from the target's row of that key before the batch writes anything.
 */
interface Entry {
  key: PortableValue[];
  row?: Row;
  fill?: PortableValue[];
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
    let fill = o.rows.get(k)?.fill;
    if (change.op === 'update' && change.oldKey) {
      const oldKey = cols.map((c) => change.oldKey![c] ?? null);
      const ok = keyText(oldKey);
      if (ok !== k) {
        const prev = o.rows.get(ok);
        // the batch's own pending row of the old key, else the target's row of it
        before = prev?.row;
        fill = prev?.row ? prev.fill : oldKey;
        o.rows.set(ok, { key: oldKey });
      }
    }
    // a value the source did not send (unchanged) keeps what this batch already holds for it
    const row: Row = { ...before };
    for (const [c, v] of Object.entries(change.row)) if (v !== undefined || !(c in row)) row[c] = v;
    const partial = pair.columns.some((c) => row[c.source] === undefined);
    o.rows.delete(k); // re-insert: the map keeps the order of last writes
    o.rows.set(k, { key, row, ...(partial && fill ? { fill } : {}) });
  }

  /**
   * The target's values of the columns a moved row lacks, read by its old key in the
   * batch's transaction (before any of its deletes). A row that is not there cannot be
   * completed: the job stops rather than write NULL for a value the source still holds.
   */
  private async completions(conn: Connection, data: DataSupport, p: TablePair, transform: RowTransform): Promise<Map<Entry, Row>> {
    const out = new Map<Entry, Row>();
    const moved = [...this.ops.get(p.source.id)!.rows.values()].filter((e) => e.row && e.fill);
    if (!moved.length) return out;
    const missing = () => new RedbError(
      'E_REPLICATION',
      `a row of ${p.target.id} changed its key and the source did not resend its large values; the replica has no row of the old key to take them from`,
      'the replica has drifted from its source: run the job again from the start (redb job forget, then run) to copy the table anew',
    );
    if (!data.readKeys) throw missing();
    const columns = p.columns.map((c) => c.target);
    const found = await data.readKeys(conn, { table: p.target, columns }, moved.map((e) => transformKey(p, e.fill!, transform)));
    moved.forEach((e, i) => {
      const r = found[i];
      if (!r) throw missing();
      out.set(e, Object.fromEntries(columns.map((c, j) => [c, r[j]])));
    });
    return out;
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
    const completed = new Map<Entry, Row>();
    for (const p of order) for (const [e, r] of await this.completions(conn, data, p, transform)) completed.set(e, r);
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
        const have = completed.get(e);
        if (have) for (const c of p.columns) if (row[c.target] === undefined) row[c.target] = have[c.target];
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
