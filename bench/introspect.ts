/**
 * Introspection of one database, phase by phase, in-process (no CLI, no git):
 * the catalog queries (each alone and in sequence, then all together as
 * `readCatalog` runs them), `assembleModel`, `modelToFiles`. With `--dump DIR`
 * it writes the model's canonical files to DIR, so two versions of the adapter
 * can be compared byte for byte (`diff -r before/ after/`).
 *
 *   node dist/bench/introspect.js URL [--repeat 3] [--per-query] [--dump DIR]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresAdapter } from '../adapters/postgres/index.js';
import { assembleModel, catalogQueries, readCatalog, type Catalog } from '../adapters/postgres/introspect/index.js';
import { filterParams } from '../adapters/postgres/introspect/sql.js';
import { modelToFiles } from '../unified-model/index.js';
import { median } from './measure.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repeat: { type: 'string', default: '3' },
    'per-query': { type: 'boolean', default: false },
    dump: { type: 'string' },
  },
});
const url = positionals[0];
if (!url) {
  console.error('usage: introspect.js URL [--repeat 3] [--per-query] [--dump DIR]');
  process.exit(64);
}
const repeat = Number(opts.repeat);

const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/**
 * Each catalog query alone, one after another (JIT off, search_path pg_catalog, as
 * readCatalog sets them), each on a new connection: a new server session starts with
 * cold catalog caches, as every CLI run does.
 */
async function perQuery(): Promise<void> {
  const times = new Map<string, number[]>();
  const rows = new Map<string, number>();
  for (let r = 0; r < repeat; r++) {
    for (const name of Object.keys(catalogQueries(0)) as (keyof Catalog)[]) {
      const conn = await postgresAdapter.connect(url);
      try {
        const [{ version }] = await conn.query<{ version: number }>(
          "SELECT current_setting('server_version_num')::int AS version, set_config('search_path', 'pg_catalog', false), set_config('jit', 'off', false)",
        );
        const q = catalogQueries(version)[name];
        const t = process.hrtime.bigint();
        const res = await conn.query(q.sql, q.filtered ? filterParams() : undefined);
        times.set(name, [...(times.get(name) ?? []), ms(t)]);
        rows.set(name, res.length);
      } finally {
        await conn.close();
      }
    }
  }
  {
    const sorted = [...times].sort((a, b) => median(b[1]) - median(a[1]));
    let total = 0;
    for (const [name, xs] of sorted) {
      total += median(xs);
      console.log(`${name.padEnd(12)} ${median(xs).toFixed(0).padStart(6)} ms  ${String(rows.get(name)).padStart(7)} rows`);
    }
    console.log(`${'sum'.padEnd(12)} ${total.toFixed(0).padStart(6)} ms`);
  }
}

/** Each run on a new connection, as a CLI run does (a new server session starts with cold caches). */
async function phases(): Promise<void> {
  const t = { connect: [] as number[], read: [] as number[], assemble: [] as number[], files: [] as number[] };
  for (let r = 0; r < repeat; r++) {
    let s = process.hrtime.bigint();
    const conn = await postgresAdapter.connect(url);
    t.connect.push(ms(s));
    let cat: Catalog;
    try {
      s = process.hrtime.bigint();
      cat = await readCatalog(conn);
      t.read.push(ms(s));
    } finally {
      await conn.close();
    }
    s = process.hrtime.bigint();
    const model = assembleModel(cat);
    t.assemble.push(ms(s));
    s = process.hrtime.bigint();
    const files = modelToFiles(model);
    t.files.push(ms(s));
    if (r === 0 && opts.dump) {
      rmSync(opts.dump, { recursive: true, force: true });
      for (const f of files) {
        const path = join(opts.dump, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
      console.log(`wrote ${files.length} files to ${opts.dump}`);
    }
  }
  const line = (name: string, xs: number[]) => console.log(`${name.padEnd(13)} ${median(xs).toFixed(0).padStart(6)} ms  (runs ${xs.map((x) => x.toFixed(0)).join(' / ')})`);
  line('connect', t.connect);
  line('readCatalog', t.read);
  line('assembleModel', t.assemble);
  line('modelToFiles', t.files);
}

if (opts['per-query']) await perQuery();
await phases();
