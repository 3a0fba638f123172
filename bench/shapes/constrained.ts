/**
 * The `constrained` shape: many small tables (4–6 columns) with many
 * constraints (a primary key, two unique constraints, 3–5 checks, 1–2 foreign
 * keys), a range-partitioned table with 2–4 partitions every 25 tables, and
 * views (one every 10 tables, and one over each partitioned table). It loads the
 * constraint, partition and dependency reads rather than the column reads.
 */
import { seeded } from './pick.js';
import { checkTableCount, inBatches, noCounts, type ObjectCounts, type Shape } from './shape.js';

const SCHEMAS = ['ledger', 'rules', 'archive'] as const;
const VERSION = 1;
const choose = seeded(25);

const name = (i: number) => `k_${String(i).padStart(5, '0')}`;
const qualified = (i: number) => `${SCHEMAS[i % SCHEMAS.length]}.${name(i)}`;
const partitioned = (i: number) => i % 25 === 24;
const partitionCount = (i: number) => 2 + choose(i, 1, 3);

const CHECKS = [
  (t: string) => `CONSTRAINT ${t}_a_check CHECK (a >= 0)`,
  (t: string) => `CONSTRAINT ${t}_code_check CHECK (length(code) BETWEEN 1 AND 40)`,
  (t: string) => `CONSTRAINT ${t}_b_check CHECK (b IS NULL OR b > a)`,
  (t: string) => `CONSTRAINT ${t}_a_max_check CHECK (a < 1000000)`,
  (t: string) => `CONSTRAINT ${t}_code_upper_check CHECK (code = upper(code))`,
];

/** An earlier ordinary table for a foreign key of table `i` (partitioned ones are skipped: their key has two columns). */
function earlier(i: number, salt: number): number {
  const j = choose(i, salt, i);
  return partitioned(j) ? j - 1 : j;
}

const fkCount = (i: number) => (i === 0 ? 0 : i === 1 ? 1 : 1 + choose(i, 2, 2));
const checkCount = (i: number) => 3 + choose(i, 3, 3);
const hasView = (i: number) => partitioned(i) || i % 10 === 9;

function ordinaryDdl(i: number): string[] {
  const t = name(i);
  const cols = ['id bigint NOT NULL', 'code text NOT NULL', 'a integer NOT NULL DEFAULT 0', 'b integer'];
  const refs = Array.from({ length: fkCount(i) }, (_, k) => earlier(i, 10 + k));
  refs.forEach((_, k) => cols.push(`ref${k}_id bigint`));
  const cons = [`CONSTRAINT ${t}_pkey PRIMARY KEY (id)`, `CONSTRAINT ${t}_code_key UNIQUE (code)`, `CONSTRAINT ${t}_ab_key UNIQUE (a, b)`];
  cons.push(...CHECKS.slice(0, checkCount(i)).map((c) => c(t)));
  refs.forEach((r, k) => cons.push(`CONSTRAINT ${t}_ref${k}_fkey FOREIGN KEY (ref${k}_id) REFERENCES ${qualified(r)} (id)${k ? ' ON DELETE SET NULL' : ''}`));
  const out = [`CREATE TABLE ${qualified(i)} (\n  ${[...cols, ...cons].join(',\n  ')}\n);`];
  if (hasView(i)) {
    out.push(`CREATE VIEW ${qualified(i)}_view AS\n  SELECT t.id, t.code, r.code AS ref_code\n  FROM ${qualified(i)} t LEFT JOIN ${qualified(refs[0])} r ON r.id = t.ref0_id;`);
  }
  return out;
}

function partitionedDdl(i: number): string[] {
  const t = name(i);
  const out = [
    `CREATE TABLE ${qualified(i)} (\n  id bigint NOT NULL,\n  created_on date NOT NULL,\n  kind text NOT NULL,\n  amount numeric(12,2) NOT NULL DEFAULT 0,\n` +
      `  CONSTRAINT ${t}_pkey PRIMARY KEY (id, created_on),\n  CONSTRAINT ${t}_amount_check CHECK (amount >= 0),\n` +
      `  CONSTRAINT ${t}_kind_check CHECK (kind IN ('a', 'b', 'c'))\n) PARTITION BY RANGE (created_on);`,
  ];
  for (let p = 0; p < partitionCount(i); p++) {
    out.push(`CREATE TABLE ${qualified(i)}_y${2020 + p} PARTITION OF ${qualified(i)} FOR VALUES FROM ('${2020 + p}-01-01') TO ('${2021 + p}-01-01');`);
  }
  out.push(`CREATE INDEX ${t}_kind_idx ON ${qualified(i)} (kind, created_on);`);
  out.push(`CREATE VIEW ${qualified(i)}_view AS\n  SELECT kind, date_trunc('month', created_on) AS month, sum(amount) AS amount\n  FROM ${qualified(i)} GROUP BY 1, 2;`);
  return out;
}

function expected(n: number): ObjectCounts {
  checkTableCount(n);
  const c = { ...noCounts(), schemas: SCHEMAS.length, tables: n };
  for (let i = 0; i < n; i++) {
    if (hasView(i)) c.views++;
    if (partitioned(i)) {
      // the key, both checks and the index are copied to each partition
      const k = partitionCount(i);
      c.partitions += k;
      c.constraints += 3 * (1 + k);
      c.indexes += 1 + k;
    } else {
      c.constraints += 3 + checkCount(i) + fkCount(i);
    }
  }
  return c;
}

export const constrainedShape: Shape = {
  name: 'constrained',
  version: VERSION,
  description: 'small tables with many constraints (PK, 2 unique, 3–5 checks, 1–2 FKs), a range-partitioned table with 2–4 partitions every 25 tables, views',
  schemas: SCHEMAS,
  batches: (n) => (checkTableCount(n), inBatches(SCHEMAS.map((s) => `CREATE SCHEMA ${s};`), (i) => (partitioned(i) ? partitionedDdl(i) : ordinaryDdl(i)), n)),
  expected,
};
