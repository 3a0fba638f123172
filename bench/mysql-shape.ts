/**
 * The PostgreSQL `bench` shape (bench/shapes/bench.ts) emitted for MariaDB: the
 * same tables, the same per-table choices (the same `pick` calls), written the
 * way a MariaDB schema would hold them. One schema is one database in MariaDB,
 * so the five PostgreSQL schemas fold into the one bench database; table names
 * already differ across them (`<entity>_<module>`), so none collide.
 *
 * Where MariaDB has no such thing, the nearest common choice stands in, so every
 * table keeps its object count:
 * - identity → AUTO_INCREMENT; the module sequences are MariaDB sequences
 *   (`DEFAULT NEXT VALUE FOR`);
 * - the schema enum type → an inline ENUM column (no enum object);
 * - arrays and jsonb → JSON;
 * - the expression index on lower(label) → a prefix index on label (MariaDB has
 *   no functional indexes); the partial index → a plain (due_on, active) one.
 */
import { pick } from './shapes/pick.js';
import { MODULE_SIZE, tableRef, type TableRef } from './shapes/bench.js';
import { checkTableCount, type ObjectCounts } from './shapes/shape.js';

/** Bumped whenever the emitted DDL changes; part of the database name, so `--reuse` never keeps an older one. */
export const MYSQL_GENERATOR_VERSION = 1;
/** Tables per multi-statement batch. */
export const MYSQL_BATCH_TABLES = 200;

const STATUS = "ENUM('draft','active','suspended','closed')";
const seqName = (m: number) => `seq_${String(m).padStart(4, '0')}`;

/** The DDL of table `i`: CREATE TABLE (with its indexes and comments inline). */
export function mysqlTableDdl(i: number): string {
  const t = tableRef(i);
  const pos = i % MODULE_SIZE;
  const cols: string[] = [];
  const keyStyle = pick(i, 1, 3);
  if (keyStyle === 0) cols.push('id bigint NOT NULL AUTO_INCREMENT');
  else if (keyStyle === 1) cols.push('id uuid NOT NULL DEFAULT uuid()');
  else cols.push(`id bigint NOT NULL DEFAULT NEXT VALUE FOR ${seqName(t.module)}`);
  const codeComment = pick(i, 18, 10) === 0 ? " COMMENT 'business key'" : '';
  cols.push(`code varchar(${16 + pick(i, 2, 48)}) NOT NULL${codeComment}`);
  cols.push('label text');
  cols.push(`status ${STATUS} NOT NULL DEFAULT 'draft'`);
  cols.push('qty int NOT NULL DEFAULT 0');
  cols.push(`score decimal(12,${pick(i, 3, 4)})`);
  cols.push('active boolean NOT NULL DEFAULT true');
  cols.push('created_at datetime(6) NOT NULL DEFAULT current_timestamp(6)');
  cols.push('due_on date');
  if (pick(i, 4, 2) === 0) cols.push("attrs json NOT NULL DEFAULT '{}'");
  if (pick(i, 5, 3) === 0) cols.push("labels json NOT NULL DEFAULT '[]'");
  if (pick(i, 6, 4) === 0) cols.push('ratings json');
  if (pick(i, 7, 3) === 0) cols.push('weight double');
  if (pick(i, 8, 4) === 0) cols.push('ext_ref uuid');
  if (pick(i, 9, 5) === 0) cols.push('`blob` longblob');
  if (pick(i, 10, 5) === 0) cols.push('total bigint GENERATED ALWAYS AS (qty * 100) STORED');

  const cons: string[] = ['PRIMARY KEY (id)', `CONSTRAINT ${t.name}_code_key UNIQUE (code)`];
  cons.push(`CONSTRAINT ${t.name}_qty_check CHECK (qty >= 0${pick(i, 11, 2) === 0 ? ' AND qty < 1000000' : ''})`);
  const fks: { col: string; target: TableRef }[] = [];
  if (pos > 0) fks.push({ col: 'parent_id', target: tableRef(i - pos) });
  else if (t.module > 0) fks.push({ col: 'upstream_id', target: tableRef(i - MODULE_SIZE) });
  if (pos >= 2 && pick(i, 12, 2) === 0) fks.push({ col: 'prev_id', target: tableRef(i - 1) });
  const idx: string[] = [];
  for (const fk of fks) {
    const targetKey = pick(fk.target.index, 1, 3) === 1 ? 'uuid' : 'bigint';
    cols.push(`${fk.col} ${targetKey}`);
    const action = pick(i, 13 + fk.col.length, 3) === 0 ? ' ON DELETE CASCADE' : pick(i, 14, 4) === 0 ? ' ON DELETE SET NULL' : '';
    cons.push(`CONSTRAINT ${t.name}_${fk.col}_fkey FOREIGN KEY (${fk.col}) REFERENCES ${fk.target.name} (id)${action}`);
    idx.push(`INDEX ${t.name}_${fk.col}_idx (${fk.col})`);
  }
  idx.push(`INDEX ${t.name}_status_created_idx (status, created_at DESC)`);
  if (pick(i, 15, 3) === 0) idx.push(`INDEX ${t.name}_lower_label_idx (label(32))`);
  if (pick(i, 16, 4) === 0) idx.push(`INDEX ${t.name}_due_active_idx (due_on, active)`);
  const comment = pick(i, 17, 10) === 0 ? ` COMMENT='synthetic table ${i}'` : '';
  return `CREATE TABLE ${t.name} (\n  ${[...cols, ...cons, ...idx].join(',\n  ')}\n) ENGINE=InnoDB${comment};`;
}

function viewDdl(m: number): string {
  const head = tableRef(m * MODULE_SIZE);
  const child = tableRef(m * MODULE_SIZE + 1);
  return (
    `CREATE VIEW v_${head.name} AS\n` +
    `  SELECT h.id, h.code, h.status, count(c.id) AS children, coalesce(sum(c.qty), 0) AS child_qty, max(c.created_at) AS last_child_at\n` +
    `  FROM ${head.name} h LEFT JOIN ${child.name} c ON c.parent_id = h.id\n` +
    `  GROUP BY h.id, h.code, h.status;`
  );
}

/** The DDL for `n` tables as multi-statement batches of whole modules (DDL commits itself in MariaDB: no transactions). */
export function mysqlSchemaBatches(n: number, batchTables = MYSQL_BATCH_TABLES): string[] {
  checkTableCount(n);
  const modules = Math.ceil(n / MODULE_SIZE);
  const batchModules = Math.max(1, Math.floor(batchTables / MODULE_SIZE));
  const batches: string[] = [];
  let cur = [`-- redb bench synthetic schema for MariaDB, generator v${MYSQL_GENERATOR_VERSION}, ${n} tables`];
  for (let m = 0; m < modules; m++) {
    cur.push(`CREATE SEQUENCE ${seqName(m)} START WITH ${1000 + m} INCREMENT BY ${1 + (m % 3)} CACHE 1;`);
    for (let i = m * MODULE_SIZE; i < Math.min(n, (m + 1) * MODULE_SIZE); i++) cur.push(mysqlTableDdl(i));
    if (m % 2 === 0 && m * MODULE_SIZE + 1 < n) cur.push(viewDdl(m));
    if ((m + 1) % batchModules === 0 || m === modules - 1) {
      batches.push(`${cur.join('\n')}\n`);
      cur = [];
    }
  }
  return batches;
}

/** Counts of what `mysqlSchemaBatches(n)` creates (bench/mysql.ts `countMysqlObjects` reads the same from the server). */
export function mysqlExpectedCounts(n: number): ObjectCounts {
  checkTableCount(n);
  const modules = Math.ceil(n / MODULE_SIZE);
  const c: ObjectCounts = { schemas: 1, tables: n, partitions: 0, views: 0, sequences: modules, indexes: 0, constraints: 0, enums: 0 };
  for (let m = 0; m < modules; m += 2) if (m * MODULE_SIZE + 1 < n) c.views++;
  for (let i = 0; i < n; i++) {
    const lines = mysqlTableDdl(i).split('\n');
    c.constraints += lines.filter((l) => /^ {2}(PRIMARY KEY|CONSTRAINT) /.test(l)).length;
    c.indexes += lines.filter((l) => l.startsWith('  INDEX ')).length;
  }
  return c;
}
