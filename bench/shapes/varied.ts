/**
 * The `varied` shape, the one issue 12 measured redb on (not the schema redb
 * was tuned on): 6–14 typed columns per table, a primary key, a foreign key to
 * an earlier table chosen at random (so across schemas), a unique constraint, a
 * secondary index and a check, and a view every 20 tables joining a table to
 * the one it references.
 */
import { fillerColumn } from './columns.js';
import { seeded } from './pick.js';
import { checkTableCount, inBatches, noCounts, type ObjectCounts, type Shape } from './shape.js';

const SCHEMAS = ['crm', 'shop', 'hr', 'iot'] as const;
const VERSION = 1;
const choose = seeded(12);

interface Table {
  schema: string;
  name: string;
  qualified: string;
}

function table(i: number): Table {
  const schema = SCHEMAS[choose(i, 0, SCHEMAS.length)];
  const name = `v_${String(i).padStart(5, '0')}`;
  return { schema, name, qualified: `${schema}.${name}` };
}

/** The table `i` references: any earlier one (none for the first). */
function target(i: number): number | undefined {
  return i === 0 ? undefined : choose(i, 1, i);
}

function tableDdl(i: number): string[] {
  const t = table(i);
  const ref = target(i);
  // id, code, qty and (after the first table) ref_id are fixed; fillers bring it to 6–14 columns
  const total = 6 + choose(i, 2, 9);
  const cols = ['id bigint NOT NULL', 'code text NOT NULL', 'qty integer NOT NULL DEFAULT 0'];
  if (ref !== undefined) cols.push('ref_id bigint');
  for (let k = 0; cols.length < total; k++) cols.push(fillerColumn(choose, i, k));
  const cons = [
    `CONSTRAINT ${t.name}_pkey PRIMARY KEY (id)`,
    `CONSTRAINT ${t.name}_code_key UNIQUE (code)`,
    `CONSTRAINT ${t.name}_qty_check CHECK (qty >= 0)`,
  ];
  if (ref !== undefined) cons.push(`CONSTRAINT ${t.name}_ref_fkey FOREIGN KEY (ref_id) REFERENCES ${table(ref).qualified} (id)`);
  const out = [`CREATE TABLE ${t.qualified} (\n  ${[...cols, ...cons].join(',\n  ')}\n);`];
  out.push(`CREATE INDEX ${t.name}_${ref !== undefined ? 'ref_id' : 'qty'}_idx ON ${t.qualified} (${ref !== undefined ? 'ref_id' : 'qty'});`);
  // every 20th table also gets a view over it and the table it references
  if (ref !== undefined && i % 20 === 19) {
    const r = table(ref);
    out.push(
      `CREATE VIEW ${t.schema}.${t.name}_view AS\n  SELECT t.id, t.code, t.qty, r.code AS ref_code\n  FROM ${t.qualified} t JOIN ${r.qualified} r ON r.id = t.ref_id;`,
    );
  }
  return out;
}

function expected(n: number): ObjectCounts {
  checkTableCount(n);
  return { ...noCounts(), schemas: SCHEMAS.length, tables: n, views: Math.floor(n / 20), indexes: n, constraints: 3 * n + (n - 1) };
}

export const variedShape: Shape = {
  name: 'varied',
  version: VERSION,
  description: "issue 12's shape: 6–14 typed columns, PK, FK to a random earlier table, unique, secondary index, check, a view every 20 tables",
  schemas: SCHEMAS,
  batches: (n) => (checkTableCount(n), inBatches(SCHEMAS.map((s) => `CREATE SCHEMA ${s};`), tableDdl, n)),
  expected,
};
