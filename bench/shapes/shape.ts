/**
 * What every bench shape provides: a deterministic generator of a PostgreSQL
 * schema with `n` tables, and the counts of what it creates, so a loaded
 * database can be checked against the generator (test/bench/shapes.test.ts).
 */

/** What a database holds, counted from the catalogs (bench/pg.ts `countObjects`). */
export interface ObjectCounts {
  schemas: number;
  /** Ordinary and partitioned tables that are not partitions. */
  tables: number;
  /** Partitions of a partitioned table. */
  partitions: number;
  views: number;
  /** Including those behind identity columns. */
  sequences: number;
  /** Indexes that do not back a primary key, unique or exclusion constraint (partitioned parents' and partitions' each count). */
  indexes: number;
  /** Primary key, unique, foreign key, check and exclusion constraints (inherited copies on partitions each count). */
  constraints: number;
  enums: number;
}

export interface Shape {
  /** Used in flags (`--shapes`) and database names (`redb_bench_<name>_<n>`). */
  readonly name: string;
  /** Bumped whenever the generated DDL changes, so a kept database is not reused by mistake. */
  readonly version: number;
  /** One line for reports. */
  readonly description: string;
  /** The schemas the shape creates; counts look only there. */
  readonly schemas: readonly string[];
  /**
   * The DDL for `n` tables as batches, each a multi-statement string that runs
   * in one transaction: one transaction for everything would take a lock per
   * relation and overflow the default lock table at a few thousand tables.
   */
  batches(n: number): string[];
  /** What `batches(n)` creates. */
  expected(n: number): ObjectCounts;
}

/** Tables per batch: far faster than a transaction per statement, and within the lock table. */
export const BATCH_TABLES = 200;

/** Zero counts to add to. */
export function noCounts(): ObjectCounts {
  return { schemas: 0, tables: 0, partitions: 0, views: 0, sequences: 0, indexes: 0, constraints: 0, enums: 0 };
}

/** Checks a table count for a generator. */
export function checkTableCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`table count must be a positive integer, got ${n}`);
}

/** Cuts per-table DDL into batches of `BATCH_TABLES` tables, each wrapped in a transaction. */
export function inBatches(preamble: readonly string[], perTable: (i: number) => readonly string[], n: number): string[] {
  const out: string[] = [];
  let cur: string[] = [...preamble];
  for (let i = 0; i < n; i++) {
    cur.push(...perTable(i));
    if ((i + 1) % BATCH_TABLES === 0 || i === n - 1) {
      out.push(`BEGIN;\n${cur.join('\n')}\nCOMMIT;\n`);
      cur = [];
    }
  }
  return out;
}
